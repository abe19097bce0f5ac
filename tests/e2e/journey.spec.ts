import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../prisma/demo-data";
import { extractPdfText, flattenText } from "../support/pdf-text";
import { logIn, logOut } from "./support/auth";
import { choose } from "./support/forms";
import { attachmentBytes, waitForMail } from "./support/mailbox";
import { presentationPdf } from "./support/pdf";
import { setAppClock } from "./support/app-clock";

const CALL_TITLE = "Soutien à la dynamique des grappes d'entreprises";
const APPLICANT = "grappe@laureat.demo";
const STAFF = "instruction@laureat.demo";
const REVIEWER = "expert1@laureat.demo";
const ORGANIZATION = "Grappe Bois Vosges";
const PROJECT_TITLE = "Séchoir mutualisé pour les scieries vosgiennes";
/** One score per criterion, in the order of the grid. */
const SCORES = [5, 4, 3, 4];
/** The demo call closes in 30 days. */
const CLOSED_DAYS_LATER = 31;

function accountName(email: string): string {
  const account = DEMO_ACCOUNTS.find((a) => a.email === email);
  if (!account) throw new Error(`${email} is not a demo account`);
  return account.name;
}

/** The committee date field wants a calendar day where the agency sits: this one, `days` after today. */
function dayInParis(days: number): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date(Date.now() + days * 86_400_000));
}

async function openOpenCallFile(page: Page) {
  await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Gestion des appels" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Gestion des appels" })).toBeVisible();
  await page.getByRole("link", { name: CALL_TITLE, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: CALL_TITLE })).toBeVisible();
}

test("a file goes from submission to a laureate's letter across the three roles", async ({ page }) => {
  let receiptNumber = "";
  let weightedAverage = 0;

  await test.step("the applicant fills, saves and submits a file on the open call", async () => {
    await logIn(page, APPLICANT);
    await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Appels à projets" }).click();
    await page.getByRole("link", { name: CALL_TITLE, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: CALL_TITLE })).toBeVisible();
    await page.getByRole("button", { name: "Déposer un dossier" }).click();

    await page.getByLabel("Intitulé du projet").fill(PROJECT_TITLE);
    // A summary over the limit is refused with both numbers, and nothing typed is lost.
    await page.getByLabel("Résumé du projet").fill("r".repeat(2012));
    await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
    await expect(page.getByText("2 000 caractères au maximum, 2 012 saisis.")).toBeVisible();
    await expect(page.getByLabel("Résumé du projet")).toHaveValue("r".repeat(2012));
    await page
      .getByLabel("Résumé du projet")
      .fill(
        "La grappe équipe ses scieries adhérentes d'un séchoir commun alimenté par leurs connexes. " +
          "Le projet réduit les délais de livraison du bois sec et crée deux emplois d'opérateur.",
      );
    // The cluster, as the call's form asks for it.
    await choose(page.getByRole("radio", { name: "Association loi 1901" }));
    await page.getByLabel(/Année de création/).fill("2005");
    await page.getByLabel(/Nombre d.entreprises membres/).fill("42");
    await page.getByLabel(/dont PME/).fill("38");
    await page.getByLabel(/Secteur d.activité/).fill("Première transformation du bois");
    await page.getByLabel(/Territoire d.action/).fill("Bassin d'Épinal, Vosges");
    const members = page.getByRole("group", { name: /Principales entreprises membres/ });
    for (const [index, name] of ["Scierie Martin", "Scierie du Haut-Fays", "Menuiserie Durand"].entries()) {
      await members.getByRole("button", { name: "Ajouter une entreprise" }).click();
      const row = members.getByRole("group", { name: `Ligne ${index + 1}`, exact: true });
      await row.getByLabel(/Raison sociale/).fill(name);
      await choose(row.getByRole("radio", { name: "Oui" }));
    }
    await page.getByLabel(/Adresse électronique du chef de projet/).fill("projet@grappe-bois-vosges.fr");
    await page.getByLabel(/Téléphone du chef de projet/).fill("03 29 00 00 00");
    // The programme, with one action and its calendar.
    await page.getByLabel(/Objectifs du programme/).fill("Sécher en commun le bois des scieries adhérentes.");
    const actions = page.getByRole("group", { name: /Actions prévues/ });
    await actions.getByRole("button", { name: "Ajouter une action" }).click();
    const action = actions.getByRole("group", { name: "Ligne 1", exact: true });
    await action.getByLabel(/^Action/).fill("Construction du séchoir");
    await action.getByLabel(/Contenu et entreprises/).fill("Douze scieries partagent le séchoir.");
    await action.getByLabel(/^Début/).fill("2027-01-15");
    await action.getByLabel(/^Fin/).fill("2027-12-15");
    await page.getByLabel(/Indicateurs de résultat/).fill("2 emplois créés ; 12 scieries utilisatrices");
    await choose(page.getByRole("radiogroup", { name: /partenaires publics/ }).getByRole("radio", { name: "Non" }));
    // The budget: the share requested is computed from the eligible costs.
    await page.getByLabel(/Subvention demandée/).fill("150 000");
    const costs = page.getByRole("group", { name: /Dépenses éligibles/ });
    await costs.getByRole("button", { name: "Ajouter une dépense" }).click();
    const cost = costs.getByRole("group", { name: "Ligne 1", exact: true });
    await cost.getByLabel(/Poste de dépense/).fill("Séchoir et son installation");
    await cost.getByLabel(/^Nature/).selectOption({ index: 5 });
    await cost.getByLabel(/Montant hors taxes/).fill("400 000");
    await expect(costs.getByText("Part de la subvention demandée dans ce total : 37,5 %")).toBeVisible();
    for (const [label, file] of [
      [/Statuts de la structure/, "statuts.pdf"],
      [/Liste des entreprises membres/, "membres.pdf"],
      [/Derniers comptes/, "comptes-2025.pdf"],
      [/Lettre d.engagement/, "engagement-signe.pdf"],
    ] as const) {
      await page.getByLabel(label).setInputFiles({ name: file, mimeType: "application/pdf", buffer: await presentationPdf(PROJECT_TITLE) });
    }
    await choose(page.getByRole("checkbox", { name: /Je certifie exactes/ }));
    await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
    await expect(page.getByRole("status")).toHaveText("Brouillon enregistré.");
    await expect(page.getByRole("link", { name: "engagement-signe.pdf" })).toBeVisible();
    await expect(page.getByLabel("Intitulé du projet")).toHaveValue(PROJECT_TITLE);

    await page.getByRole("button", { name: "Déposer le dossier" }).click();
    await expect(page.getByRole("status")).toContainText("Votre dossier est déposé.");
    const receipt = page.getByText(/Dossier n° GRAPPES-2026-\d{6} déposé le/);
    await expect(receipt).toBeVisible();
    receiptNumber = /GRAPPES-2026-\d{6}/.exec((await receipt.textContent()) ?? "")?.[0] ?? "";
    expect(receiptNumber).toMatch(/^GRAPPES-2026-\d{6}$/);
    await expect(page.getByRole("button", { name: "Déposer le dossier" })).toHaveCount(0);
  });

  await test.step("the receipt arrives by email", async () => {
    const mail = await waitForMail({ to: APPLICANT, subjectIncludes: `Accusé de réception – dossier n° ${receiptNumber}` });
    expect(mail.text).toContain(receiptNumber);
    expect(mail.text).toContain(PROJECT_TITLE);
  });

  await test.step("staff find the file eligible and give it to a reviewer", async () => {
    await logOut(page);
    await logIn(page, STAFF);
    await openOpenCallFile(page);
    const row = page.getByRole("row").filter({ hasText: receiptNumber });
    await expect(row).toContainText(ORGANIZATION);
    await row.getByRole("link", { name: PROJECT_TITLE }).click();
    await expect(page.getByRole("heading", { level: 1, name: PROJECT_TITLE })).toBeVisible();

    await choose(page.getByRole("radio", { name: "Recevable", exact: true }));
    await page.getByRole("button", { name: "Enregistrer", exact: true }).click();
    await expect(page.getByRole("status")).toHaveText("La recevabilité est enregistrée.");

    const reviewerName = accountName(REVIEWER);
    const reviewerSelect = page.getByLabel("Expert", { exact: true });
    const option = reviewerSelect.getByRole("option").filter({ hasText: reviewerName });
    await reviewerSelect.selectOption((await option.getAttribute("value")) ?? "");
    await page.getByRole("button", { name: "Affecter" }).click();
    await expect(page.getByRole("status")).toHaveText("L’expert est affecté au dossier.");
    await expect(page.getByRole("heading", { name: `${reviewerName} — À évaluer` })).toBeVisible();
    await logOut(page);
  });

  await test.step("the reviewer scores the file against each criterion", async () => {
    await logIn(page, REVIEWER);
    await expect(page.getByRole("heading", { level: 1, name: "Mes évaluations" })).toBeVisible();
    await page.getByRole("link", { name: PROJECT_TITLE }).click();
    await expect(page.getByRole("heading", { level: 1, name: PROJECT_TITLE })).toBeVisible();

    const groups = page.getByRole("radiogroup", { name: "Note de 0 à 5" });
    await expect(groups).toHaveCount(SCORES.length);
    const weights: number[] = [];
    for (const [index, score] of SCORES.entries()) {
      const weightText = (await page.getByText(/\(pondération \d+ %\)/).nth(index).textContent()) ?? "";
      weights.push(Number(/\d+/.exec(weightText)?.[0]));
      await choose(groups.nth(index).getByRole("radio", { name: String(score), exact: true }));
      await page.getByLabel("Commentaire sur ce critère").nth(index).fill(`Appréciation du critère ${index + 1} : note ${score}.`);
    }
    const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
    weightedAverage = SCORES.reduce((sum, score, index) => sum + score * (weights[index] ?? 0), 0) / totalWeight;

    await choose(page.getByRole("radio", { name: "Favorable", exact: true }));
    await page.getByLabel("Appréciation générale").fill("Projet solide, porté par des entreprises motivées.");
    await page.getByRole("button", { name: "Transmettre l’évaluation" }).click();
    await expect(page.getByRole("status")).toHaveText("Votre évaluation est transmise. Merci.");
    await expect(page.getByRole("row").filter({ hasText: PROJECT_TITLE })).toContainText("Transmise");
    await logOut(page);
  });

  await test.step("the call closes: decisions may now be taken", async () => {
    // The demo call closes in 30 days; the app's clock moves past it rather than the test waiting.
    await setAppClock(CLOSED_DAYS_LATER);
  });

  await test.step("staff rank the file, decide it is a laureate and send the letter", async () => {
    await logIn(page, STAFF);
    await openOpenCallFile(page);
    await page.getByRole("link", { name: "Classement et enveloppe" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Classement des dossiers" })).toBeVisible();
    const row = page.getByRole("row").filter({ hasText: PROJECT_TITLE });
    await expect(row).toContainText(ORGANIZATION);
    await expect(row).toContainText(weightedAverage.toFixed(2).replace(".", ","));

    await row.getByRole("link", { name: PROJECT_TITLE }).click();
    await page.getByLabel("Décision", { exact: true }).selectOption({ label: "Lauréat" });
    await page.getByLabel("Subvention accordée (en euros)").fill("120 000");
    await page
      .getByLabel("Motivation")
      .fill("Le comité retient ce projet structurant pour la filière bois des Vosges et en finance l'essentiel.");
    await page.getByLabel("Date du comité").fill(dayInParis(CLOSED_DAYS_LATER));
    await page.getByRole("button", { name: "Enregistrer la décision" }).click();
    await expect(page.getByRole("status")).toHaveText("La décision est enregistrée.");

    await page.getByRole("button", { name: "Émettre et envoyer le courrier" }).click();
    await expect(page.getByRole("status")).toHaveText("Le courrier de décision est émis et envoyé par courriel.");
    await expect(page.getByRole("heading", { name: "Courriers émis" })).toBeVisible();
  });

  await test.step("the decision letter arrives by email as a PDF", async () => {
    const mail = await waitForMail({ to: APPLICANT, subjectIncludes: `Décision sur votre candidature à l’appel à projets « ${CALL_TITLE} »` });
    const pdfs = mail.attachments.filter((a) => a.contentType === "application/pdf");
    expect(pdfs).toHaveLength(1);
    const letter = flattenText(await extractPdfText(attachmentBytes(pdfs[0]!)));
    expect(letter).toContain(ORGANIZATION);
    expect(letter).toContain("120 000 €");
  });

  await test.step("staff see both emails in the mailbox", async () => {
    await page.getByRole("link", { name: "Courriels" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Courriels" })).toBeVisible();
    const toApplicant = page.getByRole("row").filter({ hasText: APPLICANT });
    const receiptRow = toApplicant.filter({ hasText: new RegExp(`Accusé de réception – dossier n°\\s${receiptNumber}`) });
    // The seed also notified this organisation of its 2025 decision; this row is the new one.
    const decisionRow = toApplicant.filter({ hasText: /Décision sur votre candidature/ }).filter({ hasNotText: "édition 2025" });
    // The outbox marks a message sent just after the SMTP server accepted it.
    await expect(async () => {
      await page.reload();
      await expect(receiptRow).toContainText("Envoyé", { timeout: 1_000 });
      await expect(decisionRow).toContainText("Envoyé", { timeout: 1_000 });
    }).toPass({ timeout: 10_000 });
    await logOut(page);
  });

  await test.step("the applicant reads the decision and downloads the letter", async () => {
    await logIn(page, APPLICANT);
    const row = page.getByRole("row").filter({ hasText: PROJECT_TITLE });
    await expect(row).toContainText("Lauréat");
    await row.getByRole("link", { name: PROJECT_TITLE }).click();
    await expect(page.getByRole("heading", { level: 2, name: "Décision" })).toBeVisible();
    await expect(page.getByText("Lauréat", { exact: true }).first()).toBeVisible();
    await expect(page.getByText(/Subvention accordée : 120\s000\s€/)).toBeVisible();

    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: /^Télécharger le courrier / }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const bytes = await readFile(await download.path());
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });
});

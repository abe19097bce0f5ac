import { expect, test } from "@playwright/test";
import { buildDemoData } from "../../prisma/demo-data";
import { logIn, logOut } from "./support/auth";

const OPEN_CALL_CODE = "GRAPPES-2026";
const OPEN_CALL_TITLE = "Soutien à la dynamique des grappes d'entreprises";
const DEMO_APPLICANT = "grappe@laureat.demo";
const DEMO_ORGANIZATION = "Grappe Bois Vosges";

/**
 * An applicant of the demo data with a draft on the open call. Names and titles of the demo
 * data do not depend on the date, so rebuilding it here gives what the server was seeded with.
 * The demo applicant's own chance to apply is kept for the journey.
 */
function draftHolder(): { email: string; projectTitle: string } {
  const data = buildDemoData(new Date());
  const call = data.calls.find((c) => c.code === OPEN_CALL_CODE);
  const draft = data.applications.find((a) => a.callId === call?.id && a.status === "DRAFT");
  const membership = data.memberships.find((m) => m.organizationId === draft?.organizationId);
  const owner = data.users.find((u) => u.id === membership?.userId);
  if (!draft || !owner) throw new Error("The demo data has no draft on the open call");
  return { email: owner.email, projectTitle: draft.projectTitle };
}

test.describe("the applicant's form without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test.beforeEach(async ({ page }) => {
    const { email, projectTitle } = draftHolder();
    await logIn(page, email);
    await page.getByRole("link", { name: projectTitle }).click();
    await expect(page.getByRole("heading", { level: 1, name: projectTitle })).toBeVisible();
  });

  test("a file that is not a PDF is refused next to the file field, and the typed title is kept", async ({ page }) => {
    await page.getByLabel("Intitulé du projet").fill("Titre saisi avant l'erreur");
    const fileField = page.getByLabel(/Statuts de la structure porteuse/);
    await fileField.setInputFiles({
      name: "x.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("Ceci est un simple texte, pas un PDF.\n"),
    });
    await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();

    await expect(fileField).toHaveAccessibleDescription(/Le fichier n’est pas un PDF valide/);
    await expect(fileField).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Intitulé du projet")).toHaveValue("Titre saisi avant l'erreur");
    await expect(page.getByRole("status")).toHaveCount(0);
  });

  test("a negative amount is refused next to the amount field", async ({ page }) => {
    const amount = page.getByLabel(/Subvention demandée/);
    await amount.fill("-5 000");
    await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();

    await expect(amount).toHaveAccessibleDescription(/Saisissez un montant positif en euros/);
    await expect(amount).toHaveAttribute("aria-invalid", "true");
    await expect(amount).toHaveValue("-5 000");
    await expect(page.getByRole("status")).toHaveCount(0);
  });
});

test("an applicant cannot open another organisation's file", async ({ page }) => {
  await logIn(page, "instruction@laureat.demo");
  await page.goto("/gestion");
  await page.getByRole("link", { name: OPEN_CALL_TITLE, exact: true }).click();
  const otherFile = page
    .getByRole("row")
    .filter({ hasNotText: DEMO_ORGANIZATION })
    .getByRole("link", { name: /./ })
    .first();
  const staffUrl = (await otherFile.getAttribute("href")) ?? "";
  const id = /^\/gestion\/dossiers\/([^/]+)$/.exec(staffUrl)?.[1];
  expect(id, `a file link, got "${staffUrl}"`).toBeTruthy();
  await logOut(page);

  await logIn(page, DEMO_APPLICANT);
  const response = await page.goto(`/espace/dossiers/${id}`);
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "Accès refusé" })).toBeVisible();
});

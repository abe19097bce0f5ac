import { expect, test } from "@playwright/test";
import { waitForMail } from "./support/mailbox";

const EMAIL = "nouvelle-grappe@example.org";
const PASSWORD = "séchoir commun pour trois scieries";

test("a new applicant opens an account through the emailed link, after the strength meter refused a weak password", async ({ page }) => {
  await page.goto("/inscription");
  await page.getByLabel("Nom et prénom").fill("Camille Martin");
  await page.getByLabel("Adresse électronique").fill(EMAIL);

  const password = page.getByLabel("Mot de passe", { exact: false }).first();
  await password.fill("azertyuiop12");
  await expect(page.getByText("Ce mot de passe sera refusé.")).toBeVisible();
  await password.fill(PASSWORD);
  await expect(page.getByText(/Robustesse : (bonne|excellente)/)).toBeVisible();
  await page.getByLabel("Confirmez le mot de passe").fill(PASSWORD);
  await page.getByRole("button", { name: "Créer mon compte" }).click();

  await expect(page).toHaveURL(/\/connexion$/);
  await expect(page.getByRole("status")).toContainText("Un courriel vient d’être envoyé");

  const mail = await waitForMail({ to: EMAIL, subjectIncludes: "Confirmez votre adresse" });
  const link = mail.text.match(/https?:\/\/\S+\/inscription\/confirmer\?jeton=\S+/)?.[0];
  expect(link).toBeTruthy();
  await page.goto(new URL(link!).pathname + new URL(link!).search);
  await page.getByRole("button", { name: "Confirmer et ouvrir mon compte" }).click();

  await expect(page).toHaveURL(/\/espace\/structure$/);
  await expect(page.getByRole("status")).toContainText("Votre adresse est confirmée");

  // Signed out, the used link no longer opens anything.
  await page.context().clearCookies();
  await page.goto(new URL(link!).pathname + new URL(link!).search);
  await expect(page.getByRole("heading", { level: 1, name: "Ce lien ne fonctionne plus" })).toBeVisible();
});

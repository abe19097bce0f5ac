import { expect, test, type Page } from "@playwright/test";
import { waitForMail } from "./support/mailbox";

const EMAIL = "oubli@example.org";
const FIRST = "première phrase de passe du compte";
const SECOND = "seconde phrase de passe après l'oubli";

function pathOf(text: string, route: string): string {
  const url = new URL(text.match(new RegExp(`https?://\\S+${route}\\?jeton=\\S+`))![0]);
  return url.pathname + url.search;
}

async function signIn(page: Page, password: string) {
  await page.goto("/connexion");
  await page.getByLabel("Adresse électronique").fill(EMAIL);
  await page.getByLabel("Mot de passe", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
}

test("an applicant who forgot the password chooses a new one from the emailed link", async ({ page }) => {
  await page.goto("/inscription");
  await page.getByLabel("Nom et prénom").fill("Dominique Petit");
  await page.getByLabel("Adresse électronique").fill(EMAIL);
  await page.getByLabel("Mot de passe", { exact: false }).first().fill(FIRST);
  await page.getByLabel("Confirmez le mot de passe").fill(FIRST);
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await page.goto(pathOf((await waitForMail({ to: EMAIL, subjectIncludes: "Confirmez votre adresse" })).text, "/inscription/confirmer"));
  await page.getByRole("button", { name: "Confirmer et ouvrir mon compte" }).click();
  await expect(page).toHaveURL(/\/espace\/structure$/);
  await page.getByRole("button", { name: "Se déconnecter" }).click();

  await page.goto("/connexion");
  await page.getByRole("link", { name: "Mot de passe oublié ?" }).click();
  await page.getByLabel("Adresse électronique").fill(EMAIL);
  await page.getByRole("button", { name: "Recevoir un lien" }).click();
  await expect(page.getByRole("status")).toContainText("Si un compte confirmé existe à cette adresse");

  const mail = await waitForMail({ to: EMAIL, subjectIncludes: "nouveau mot de passe" });
  await page.goto(pathOf(mail.text, "/mot-de-passe/nouveau"));
  await page.getByLabel("Nouveau mot de passe", { exact: false }).first().fill(SECOND);
  await page.getByLabel("Confirmez le mot de passe").fill(SECOND);
  await page.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
  await expect(page.getByRole("status")).toContainText("Votre mot de passe est changé");

  await signIn(page, FIRST);
  await expect(page.getByRole("alert")).toContainText("Adresse électronique ou mot de passe incorrect.");
  await signIn(page, SECOND);
  await expect(page.getByRole("button", { name: "Se déconnecter" })).toBeVisible();
});

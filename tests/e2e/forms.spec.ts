import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "../../prisma/demo-data";

const OPEN_CALL_TITLE = "Soutien à la dynamique des grappes d'entreprises";

test("the password field shows what was typed on request", async ({ page }) => {
  await page.goto("/connexion");
  const password = page.getByLabel("Mot de passe", { exact: true });
  await password.fill(DEMO_PASSWORD);
  await expect(password).toHaveAttribute("type", "password");
  await page.getByText("Afficher", { exact: true }).click();
  await expect(password).toHaveAttribute("type", "text");
  await expect(password).toHaveValue(DEMO_PASSWORD);
});

test("a refused long form lists its errors at the top, each linked to its field, without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/connexion");
  await page.getByLabel("Adresse électronique").fill("nouveau@laureat.demo");
  await page.getByLabel("Mot de passe", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.goto("/espace/structure");
  await expect(page.getByText("Sauf mention contraire, tous les champs sont obligatoires.")).toBeVisible();
  await page.getByLabel("Raison sociale").fill("Grappe Textile des Vosges");
  await page.getByRole("button", { name: "Enregistrer la structure" }).click();

  const summary = page.getByRole("alert").filter({ has: page.getByRole("heading", { name: /Le formulaire contient \d+ erreurs/ }) });
  await expect(summary).toBeVisible();
  const link = summary.getByRole("link", { name: /^Numéro SIRET/ });
  await expect(link).toHaveAttribute("href", `#${await page.getByLabel(/^Numéro SIRET/).getAttribute("id")}`);
  // What was typed is still there.
  await expect(page.getByLabel("Raison sociale")).toHaveValue("Grappe Textile des Vosges");
  await context.close();
});

test("French content is marked as French when the interface is in English", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("link", { name: OPEN_CALL_TITLE, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: OPEN_CALL_TITLE })).toHaveAttribute("lang", "fr");
  await page.getByRole("button", { name: "Français" }).click();
  await expect(page.getByRole("heading", { level: 1, name: OPEN_CALL_TITLE })).not.toHaveAttribute("lang", "fr");
});

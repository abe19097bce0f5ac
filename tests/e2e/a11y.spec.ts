import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { logIn } from "./support/auth";

const OPEN_CALL_TITLE = "Soutien à la dynamique des grappes d'entreprises";

/** Serious and critical WCAG 2 A/AA violations of the page as it is shown now. */
async function expectNoSeriousViolation(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = serious
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(" ")}\n    ${n.failureSummary ?? ""}`).join("\n")}`)
    .join("\n\n");
  expect(serious, `Accessibility violations on ${page.url()}:\n${report}`).toEqual([]);
}

test("home page", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Appels à projets" })).toBeVisible();
  await expectNoSeriousViolation(page);
});

test("open call page", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: OPEN_CALL_TITLE, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: OPEN_CALL_TITLE })).toBeVisible();
  await expectNoSeriousViolation(page);
});

test("login page", async ({ page }) => {
  await page.goto("/connexion");
  await expect(page.getByRole("heading", { level: 1, name: "Connexion" })).toBeVisible();
  await expectNoSeriousViolation(page);
});

test("applicant's space", async ({ page }) => {
  await logIn(page, "grappe@laureat.demo");
  await page.goto("/espace");
  await expect(page.getByRole("heading", { level: 1, name: "Mon espace" })).toBeVisible();
  await expectNoSeriousViolation(page);
});

test("staff's calls and the open call's ranking", async ({ page }) => {
  await logIn(page, "instruction@laureat.demo");
  await page.goto("/gestion");
  await expect(page.getByRole("heading", { level: 1, name: "Gestion des appels" })).toBeVisible();
  await expectNoSeriousViolation(page);

  await page.getByRole("link", { name: OPEN_CALL_TITLE, exact: true }).click();
  await page.getByRole("link", { name: "Classement et enveloppe" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Classement des dossiers" })).toBeVisible();
  await expectNoSeriousViolation(page);
});

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

const INFO_PAGES = [
  { path: "/accessibilite", title: "Déclaration d’accessibilité" },
  { path: "/mentions-legales", title: "Mentions légales" },
  { path: "/donnees-personnelles", title: "Données personnelles" },
  { path: "/cookies", title: "Gestion des cookies" },
  { path: "/plan-du-site", title: "Plan du site" },
];

for (const { path, title } of INFO_PAGES) {
  for (const scheme of ["light", "dark"] as const) {
    test(`${title} (${scheme} theme)`, async ({ page }) => {
      await page.addInitScript((value) => localStorage.setItem("scheme", value), scheme);
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
      await expect(page.locator("html")).toHaveAttribute("data-fr-theme", scheme);
      await expectNoSeriousViolation(page);
    });
  }
}

test("display settings and the phone menu open with the design system's script", async ({ page }) => {
  await page.goto("/plan-du-site");
  await page.getByRole("button", { name: "Paramètres d’affichage" }).click();
  await page.getByText("Thème sombre").click();
  await expect(page.locator("html")).toHaveAttribute("data-fr-theme", "dark");
  // The pointer would otherwise rest on a control in its hover state, which axe measures instead.
  await page.mouse.move(0, 0);
  await expectNoSeriousViolation(page);

  await page.setViewportSize({ width: 390, height: 800 });
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-fr-theme", "dark");
  await page.getByRole("button", { name: "Menu", exact: true }).click();
  await expect(page.locator("#header-menu").getByRole("link", { name: "Se connecter" })).toBeVisible();
  await page.mouse.move(0, 400);
  await expectNoSeriousViolation(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 390, height: 800 } });

  test("the phone menu stays reachable", async ({ page }) => {
    await page.goto("/plan-du-site");
    await expect(page.locator("#header-menu").getByRole("link", { name: "Se connecter" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Menu", exact: true })).toBeHidden();
  });
});

import { expect, test } from "@playwright/test";
import { expectNoViolation } from "./support/axe";

test("display settings and the phone menu open with the design system's script", async ({ page }) => {
  await page.goto("/plan-du-site");
  await page.getByRole("button", { name: "Paramètres d’affichage" }).click();
  await page.getByText("Thème sombre").click();
  await expect(page.locator("html")).toHaveAttribute("data-fr-theme", "dark");
  await expectNoViolation(page);

  await page.setViewportSize({ width: 390, height: 800 });
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-fr-theme", "dark");
  await page.getByRole("button", { name: "Menu", exact: true }).click();
  await expect(page.locator("#header-menu").getByRole("link", { name: "Se connecter" })).toBeVisible();
  // Away from the open menu's controls.
  await page.mouse.move(0, 400);
  await expectNoViolation(page, page.url(), { parkPointer: false });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 390, height: 800 } });

  test("the phone menu stays reachable", async ({ page }) => {
    await page.goto("/plan-du-site");
    await expect(page.locator("#header-menu").getByRole("link", { name: "Se connecter" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Menu", exact: true })).toBeHidden();
  });
});

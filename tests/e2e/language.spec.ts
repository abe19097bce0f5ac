import { expect, test } from "@playwright/test";

test("a visitor switches the interface to English and back", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByText(/Dépôt jusqu’au \d{1,2} \p{L}+ \d{4} à 23:59/u)).toBeVisible();

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "Calls for projects" })).toBeVisible();
  await expect(page).toHaveTitle("Calls for projects — Lauréat");
  await expect(page.getByText(/Applications until \d{1,2} [A-Z][a-z]+ \d{4} at 23:59/)).toBeVisible();

  // The choice is remembered across pages.
  await page.getByRole("link", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();

  await page.getByRole("button", { name: "Français" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Connexion" })).toBeVisible();
});

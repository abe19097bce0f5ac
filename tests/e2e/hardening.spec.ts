import { createServer, type Server } from "node:http";
import { expect, test } from "@playwright/test";
import { logIn } from "./support/auth";

const ATTACKER_PORT = 3199;
const APP = "http://localhost:3100";

/** A page on another port of the same host: same site for the browser, another origin. */
function servePage(html: string): Promise<Server> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(html);
  });
  return new Promise((resolve) => server.listen(ATTACKER_PORT, "127.0.0.1", () => resolve(server)));
}

function autoSubmit(action: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${value}">`)
    .join("");
  return `<!doctype html><form method="post" action="${action}">${inputs}</form><script>document.forms[0].submit()</script>`;
}

test("a form posted from another site cannot log a person out nor change the language", async ({ page }) => {
  await logIn(page, "instruction@laureat.demo");
  for (const [action, fields] of [
    [`${APP}/deconnexion`, {}],
    [`${APP}/langue`, { locale: "en", redirectTo: "/" }],
    [`${APP}/langue?_data=routes%2Flangue`, { locale: "en", redirectTo: "/" }],
  ] as const) {
    const attacker = await servePage(autoSubmit(action, fields));
    try {
      const refused = page.waitForResponse((response) => response.url().startsWith(`${APP}/`) && response.request().method() === "POST");
      await page.goto(`http://localhost:${ATTACKER_PORT}/`);
      expect((await refused).status()).toBe(403);
    } finally {
      await new Promise((resolve) => attacker.close(resolve));
    }
  }
  await page.goto("/gestion");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("button", { name: "Se déconnecter" })).toBeVisible();
});

test("pages run only the app's own scripts, under a Content-Security-Policy with a fresh nonce", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
  });
  const first = await page.goto("/");
  const second = await page.request.get("/");
  const policy = first!.headers()["content-security-policy"];
  expect(policy).toMatch(/script-src 'self' 'nonce-[^']+'/);
  expect(policy).not.toContain("unsafe-inline");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(second.headers()["content-security-policy"]).not.toBe(policy);
  expect(first!.headers()["x-content-type-options"]).toBe("nosniff");
  expect(first!.headers()["cache-control"]).toBe("no-store");
  // Hydrated: the language switch works through JavaScript, without a CSP violation.
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  expect(violations).toEqual([]);
});

test("a crafted link cannot print its own message on the site", async ({ page }) => {
  await page.goto("/");
  const callLink = page.getByRole("link", { name: /Soutien à la dynamique des grappes d'entreprises$/ }).first();
  const href = await callLink.getAttribute("href");
  await page.goto(`${href}?error=${encodeURIComponent("Votre dossier est rejeté, appelez le 06 00 00 00 00")}&notice=draftSaved`);
  await expect(page.getByText("appelez le 06")).toHaveCount(0);
  await expect(page.getByText("Brouillon enregistré")).toHaveCount(0);
});

test("after login, a redirect to another host is ignored", async ({ page }) => {
  await page.goto(`/connexion?redirectTo=${encodeURIComponent("/\\evil.example")}`);
  await page.getByLabel("Adresse électronique").fill("instruction@laureat.demo");
  await page.getByLabel("Mot de passe", { exact: true }).fill("laureat-demo");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(`${APP}/gestion`);
});

test("security.txt says where to report a vulnerability", async ({ request }) => {
  const response = await request.get("/.well-known/security.txt");
  expect(response.status()).toBe(200);
  const body = await response.text();
  expect(body).toMatch(/^Contact: mailto:\S+@\S+$/m);
  const expires = new Date(/^Expires: (.+)$/m.exec(body)![1]!);
  expect(expires.getTime()).toBeGreaterThan(Date.now());
});

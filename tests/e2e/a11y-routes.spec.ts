import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { logIn } from "./support/auth";
import { expectNoViolation } from "./support/axe";
import { waitForMail } from "./support/mailbox";

/**
 * Every page of the app, as each role reaches it, checked by axe against WCAG 2.1 A and AA:
 * once in French with the light theme and once in English with the dark theme. The pages are
 * found by following links from each role's home, and the last test proves that every route
 * with a page of its own was checked, so a new page cannot slip through.
 */
const ROUTES_DIR = path.resolve(import.meta.dirname, "../../app/routes");

interface RoutePattern {
  id: string;
  pattern: RegExp;
  params: number;
}

/** Remix's flat route names turned into path patterns; static segments win over parameters. */
const ROUTES: RoutePattern[] = readdirSync(ROUTES_DIR)
  .map((file) => file.replace(/\.tsx?$/, ""))
  .map((id) => {
    const segments = id
      .replace(/\[(.+?)\]/g, "$1")
      .split(".")
      .filter((segment) => segment !== "_index")
      .map((segment) => segment.replace(/_$/, ""));
    const source = segments.map((segment) => (segment.startsWith("$") ? "[^/]+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("/");
    return { id, pattern: new RegExp(`^/${source}/?$`), params: segments.filter((s) => s.startsWith("$")).length };
  })
  .sort((a, b) => a.params - b.params);

function routeOf(pathname: string): string | undefined {
  return ROUTES.find((route) => route.pattern.test(pathname))?.id;
}

/** Routes that answer without a page: form endpoints, probes and files. */
const WITHOUT_PAGE = new Set(
  readdirSync(ROUTES_DIR)
    .filter((file) => !/export default function/.test(readFileSync(path.join(ROUTES_DIR, file), "utf8")))
    .map((file) => file.replace(/\.tsx?$/, "")),
);

const checked = new Set<string>();
/** Per language and theme: a page already checked for one role is only crossed by the next, for its links. */
const checkedInPass = new Map<string, Set<string>>();

/**
 * Visits one page per route reachable from the start pages, checking each and collecting its
 * links. Pages of another role's area (the site map lists them all) answer 403 and are left to
 * that role.
 */
async function crawl(page: Page, starts: string[], label: string, pass: string): Promise<void> {
  const queue = [...starts];
  const seen = new Set<string>();
  const done = checkedInPass.get(pass) ?? new Set<string>();
  checkedInPass.set(pass, done);
  while (queue.length > 0) {
    const url = queue.shift()!;
    const route = routeOf(new URL(url, "http://localhost").pathname);
    if (!route || WITHOUT_PAGE.has(route) || seen.has(route)) continue;
    seen.add(route);
    const response = await page.goto(url);
    if (response?.status() === 403) continue;
    expect(response?.status(), `${url} as ${label}`).toBeLessThan(400);
    if (!done.has(route)) {
      await expectNoViolation(page, `${url} as ${label}`);
      done.add(route);
      checked.add(route);
    }
    const links = await page.locator("a[href^='/']").evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href")!));
    queue.push(...links.filter((href) => !href.startsWith("//")));
  }
}

const ROLES = [
  { name: "visitor", email: null, home: "/" },
  { name: "applicant", email: "grappe@laureat.demo", home: "/espace" },
  { name: "expert", email: "expert2@laureat.demo", home: "/expertise" },
  { name: "staff", email: "instruction@laureat.demo", home: "/gestion" },
] as const;

const PASSES = [
  { language: "fr", scheme: "light" },
  { language: "en", scheme: "dark" },
] as const;

let confirmationLink: string | null = null;
let resetLink: string | null = null;

function linkIn(text: string, route: string): string {
  const link = new URL(text.match(new RegExp(`https?://\\S+${route}\\?jeton=\\S+`))![0]);
  return link.pathname + link.search;
}

test.beforeAll(async ({ browser }) => {
  // The confirmation and new password pages open only from emailed links: a sign-up and a
  // reset request (whose link is opened, never used) provide them.
  const page = await browser.newPage();
  await page.goto("/mot-de-passe/oublie");
  await page.getByLabel("Adresse électronique").fill("direction@laureat.demo");
  await page.getByRole("button", { name: "Recevoir un lien" }).click();
  await expect(page).toHaveURL(/\/connexion$/);
  resetLink = linkIn((await waitForMail({ to: "direction@laureat.demo", subjectIncludes: "nouveau mot de passe" })).text, "/mot-de-passe/nouveau");

  await page.goto("/inscription");
  await page.getByLabel("Nom et prénom").fill("Alix Marchand");
  await page.getByLabel("Adresse électronique").fill("a11y-confirmation@example.org");
  await page.getByLabel("Mot de passe", { exact: false }).first().fill("une phrase de passe pour les contrôles");
  await page.getByLabel("Confirmez le mot de passe").fill("une phrase de passe pour les contrôles");
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await expect(page).toHaveURL(/\/connexion$/);
  confirmationLink = linkIn((await waitForMail({ to: "a11y-confirmation@example.org", subjectIncludes: "Confirmez votre adresse" })).text, "/inscription/confirmer");
  await page.close();
});

for (const { language, scheme } of PASSES) {
  for (const role of ROLES) {
    test(`every page the ${role.name} reaches (${language}, ${scheme} theme)`, async ({ page }) => {
      test.setTimeout(180_000);
      await page.addInitScript((value) => localStorage.setItem("scheme", value), scheme);
      if (role.email) await logIn(page, role.email);
      else await page.goto("/");
      if (language === "en") {
        await page.getByRole("button", { name: "English" }).click();
        await expect(page.locator("html")).toHaveAttribute("lang", "en");
      }
      // Invitation and address-change links are only ever emailed: their pages are checked as a stale link shows them.
      const staleLinks = ["/invitation?jeton=lien-perime-pour-le-controle", "/compte/courriel?jeton=lien-perime-pour-le-controle"];
      const starts = role.email ? [role.home, "/"] : ["/", "/connexion", "/inscription", "/verification", confirmationLink!, resetLink!, ...staleLinks];
      await crawl(page, starts, `${role.name} (${language}, ${scheme})`, `${language} ${scheme}`);
      if (language === "en" && role.email) {
        // A signed-in person's language is kept on the account (for their emails too): give it back.
        await page.goto("/");
        await page.getByRole("button", { name: "Français" }).click();
        await expect(page.locator("html")).toHaveAttribute("lang", "fr");
      }
    });
  }
}

test("every route with a page of its own was checked", () => {
  const pages = ROUTES.map((route) => route.id).filter((id) => !WITHOUT_PAGE.has(id));
  expect(pages.filter((id) => !checked.has(id))).toEqual([]);
});

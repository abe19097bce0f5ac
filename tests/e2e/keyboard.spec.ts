import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../prisma/demo-data";

const OPEN_CALL_TITLE = "Soutien à la dynamique des grappes d'entreprises";

interface Stop {
  label: string;
  visible: boolean;
  focusShown: boolean;
  /** Negative when the element comes before the previous stop in the document. */
  order: number;
}

/**
 * Walks a page with Tab from the top to the end: every stop must be visible and show its focus,
 * stops must follow the reading order, and the walk must leave the page (no trap).
 */
async function walkWithTab(page: Page, limit = 250): Promise<Stop[]> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
    const w = window as unknown as { __lastStop?: Element; __firstStop?: Element };
    delete w.__lastStop;
    delete w.__firstStop;
  });
  const stops: Stop[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const stop = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      const w = window as unknown as { __lastStop?: Element; __firstStop?: Element };
      // Leaving the page, or back at the first stop: the walk is over.
      if (!element || element === document.body || element === w.__firstStop) return null;
      w.__firstStop ??= element;
      const previous = w.__lastStop;
      w.__lastStop = element;
      const box = element.getBoundingClientRect();
      // The design system draws some focus rings on a pseudo-element, or on the whole card of a
      // card's link (« enlarge link »).
      const ringed = (el: Element | null, pseudo?: string) => {
        if (!el) return false;
        const s = getComputedStyle(el, pseudo);
        return s.outlineStyle !== "none" && s.outlineWidth !== "0px";
      };
      const order = previous ? (previous.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING ? 1 : -1) : 1;
      return {
        label: `${element.tagName.toLowerCase()} ${(element.getAttribute("aria-label") ?? element.textContent ?? element.getAttribute("name") ?? "").trim().slice(0, 40)}`,
        visible: box.width > 0 && box.height > 0,
        focusShown: ringed(element) || ringed(element, "::before") || ringed(element, "::after") || ringed(element.closest(".fr-enlarge-link")),
        order,
      };
    });
    if (!stop) break;
    stops.push(stop);
  }
  expect(stops.length, "the walk ends instead of cycling inside the page").toBeLessThan(limit);
  return stops;
}

function expectWellOrderedStops(stops: Stop[]) {
  expect(stops.length).toBeGreaterThan(3);
  expect(stops.filter((s) => !s.visible).map((s) => s.label), "stops hidden from sight").toEqual([]);
  expect(stops.filter((s) => !s.focusShown).map((s) => s.label), "stops without a visible focus").toEqual([]);
  expect(stops.filter((s) => s.order < 0).map((s) => s.label), "stops reached against the reading order").toEqual([]);
}

test("the keyboard alone signs in and walks the main pages in reading order, focus always visible", async ({ page }) => {
  await page.goto("/connexion");
  // The first stop is the skip link, as the design system asks.
  await page.keyboard.press("Tab");
  await expect(page.locator(":focus")).toHaveText("Aller au contenu");
  await page.keyboard.press("Enter");

  await page.getByLabel("Adresse électronique").focus();
  await page.keyboard.type("grappe@laureat.demo");
  await page.keyboard.press("Tab");
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Se déconnecter" })).toBeVisible();

  for (const path of ["/", "/espace"]) {
    await page.goto(path);
    expectWellOrderedStops(await walkWithTab(page));
  }
  await page.goto("/");
  await page.getByRole("link", { name: OPEN_CALL_TITLE, exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: OPEN_CALL_TITLE })).toBeVisible();
  expectWellOrderedStops(await walkWithTab(page));
});

test("staff and expert pages can be walked with the keyboard", async ({ page }) => {
  for (const [email, paths] of [
    ["instruction@laureat.demo", ["/gestion", "/gestion/courriels"]],
    ["expert2@laureat.demo", ["/expertise"]],
  ] as const) {
    await page.context().clearCookies();
    await page.goto("/connexion");
    await page.getByLabel("Adresse électronique").fill(email);
    await page.getByLabel("Mot de passe", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByLabel("Mot de passe", { exact: true }).press("Enter");
    await expect(page.getByRole("button", { name: "Se déconnecter" })).toBeVisible();
    for (const path of paths) {
      await page.goto(path);
      expectWellOrderedStops(await walkWithTab(page));
    }
  }
});

for (const width of [320, 640]) {
  test(`pages reflow at ${width} px (${width === 640 ? "200 % zoom" : "phone"}) without scrolling text sideways`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    // Data tables scroll inside their own frame, which reflow allows; the page itself must not.
    const overflowing = async () =>
      page.evaluate(() => {
        const root = document.documentElement;
        return root.scrollWidth > root.clientWidth ? [`page ${root.scrollWidth} px wide in ${root.clientWidth} px`] : [];
      });
    for (const path of ["/", "/connexion", "/inscription", "/accessibilite", "/plan-du-site"]) {
      await page.goto(path);
      expect(await overflowing(), `${path} at ${width} px`).toEqual([]);
    }
    await page.goto("/");
    await page.getByRole("link", { name: OPEN_CALL_TITLE, exact: true }).click();
    expect(await overflowing(), `call page at ${width} px`).toEqual([]);
  });
}

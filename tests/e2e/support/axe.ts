import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** Every WCAG 2.1 A and AA violation axe finds on the page as it is shown now. */
export async function expectNoViolation(page: Page, label = page.url(), { parkPointer = true } = {}): Promise<void> {
  // The pointer would otherwise rest on a control in its hover state, which axe measures instead.
  if (parkPointer) await page.mouse.move(0, 0);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const report = results.violations
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(" ")}\n    ${n.failureSummary ?? ""}`).join("\n")}`)
    .join("\n\n");
  expect(results.violations, `Accessibility violations on ${label}:\n${report}`).toEqual([]);
}

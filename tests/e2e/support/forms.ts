import type { Locator } from "@playwright/test";

/**
 * Ticks a radio button or checkbox as a person does, through its label: the design system
 * draws the control on the label, which lies over the real input, so a plain `check()` waits
 * forever for an input it judges covered. Playwright still verifies the new state.
 */
export async function choose(control: Locator): Promise<void> {
  await control.check({ force: true });
}

/** Money is integer cents of euros everywhere; these helpers are the only way in and out. */

const NARROW_NBSP = /[\u202f\u00a0]/g;

// Building an Intl formatter costs far more than using one: a long list would spend most of its time here.
const euroFormatters = new Map<string, Intl.NumberFormat>();

function euroFormatter(locale: string, withCents: boolean): Intl.NumberFormat {
  const intlLocale = locale === "en" ? "en-GB" : "fr-FR";
  const key = `${intlLocale}|${withCents}`;
  let formatter = euroFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(intlLocale, {
      style: "currency",
      currency: "EUR",
      minimumFractionDigits: withCents ? 2 : 0,
      maximumFractionDigits: 2,
    });
    euroFormatters.set(key, formatter);
  }
  return formatter;
}

export function formatEuros(cents: number | bigint, locale: string = "fr"): string {
  const value = Number(cents) / 100;
  const hasCents = Number(cents) % 100 !== 0;
  return euroFormatter(locale, hasCents).format(value).replace(NARROW_NBSP, "\u00a0");
}

/**
 * Reads an amount typed by a person ("150 000", "150000,50", "150 000 €") into cents.
 * Returns null when the text is not a plain non-negative amount.
 */
export function parseEurosToCents(input: string): number | null {
  const cleaned = input.replace(/[\s\u202f\u00a0€]/g, "").replace(",", ".");
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  const cents = Math.round(Number(cleaned) * 100);
  return Number.isSafeInteger(cents) ? cents : null;
}

/** The value to put back in an amount input, without grouping so it parses again. */
export function centsToInputValue(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return "";
  return cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2).replace(".", ",");
}

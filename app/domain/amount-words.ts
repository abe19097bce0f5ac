import { toCardinal as frenchCardinal } from "n2words/fr-FR";
import { toCardinal as englishCardinal } from "n2words/en-GB";

/**
 * An amount of cents written out in words, as French administrative letters state a grant:
 * « cent quatre-vingt-cinq mille euros », « un million d’euros », « douze euros et cinquante
 * centimes ». The numbers come from n2words (French spelling rules: « quatre-vingts »,
 * « deux cents », « vingt et un »); the currency's agreement is added here, since the library's
 * own currency wording writes « un million euros ».
 */
export function amountInWords(cents: number, locale: "fr" | "en" = "fr"): string {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new RangeError(`Not an amount of cents: ${cents}`);
  const euros = Math.floor(cents / 100);
  const rest = cents % 100;
  if (locale === "en") {
    const parts = euros || !rest ? [`${englishCardinal(euros)} ${euros === 1 ? "euro" : "euros"}`] : [];
    if (rest) parts.push(`${englishCardinal(rest)} ${rest === 1 ? "cent" : "cents"}`);
    return parts.join(" and ");
  }
  const parts: string[] = [];
  if (euros || !rest) {
    const words = frenchCardinal(euros);
    // « de » before the currency after a bare million or milliard: « deux millions d’euros ».
    const unit = euros <= 1 ? "euro" : /(?:million|milliard)s?$/.test(words) ? "d’euros" : "euros";
    parts.push(`${words} ${unit}`);
  }
  if (rest) parts.push(`${frenchCardinal(rest)} ${rest === 1 ? "centime" : "centimes"}`);
  return parts.join(" et ");
}

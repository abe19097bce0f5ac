const NBSP = "\u00a0";
const NARROW_NBSP = "\u202f";

/**
 * French typesetting of text typed by people (motivations, names, titles) before it goes into a
 * letter: a no-break space before « : », a narrow one before « ; ! ? », no-break spaces inside
 * « », between the groups of digits of an amount and before « € » or « % », and the typographic
 * apostrophe. A colon glued to what follows (« https:// », « 10:30 ») is left as it is.
 */
export function frenchTypography(text: string): string {
  return (
    text
      .replace(/(\p{L})'(?=\p{L})/gu, "$1’")
      .replace(/\b([nN]°)[ \t]+/g, `$1${NBSP}`)
      .replace(/[ \t\u00a0\u202f]+([;!?])/g, `${NARROW_NBSP}$1`)
      .replace(/([\p{L}\p{N}»)])([;!?])(?=\s|$)/gu, `$1${NARROW_NBSP}$2`)
      .replace(/[ \t\u00a0\u202f]+:(?=\s|$)/g, `${NBSP}:`)
      .replace(/([\p{L}\p{N}»)]):(?=\s|$)/gu, `$1${NBSP}:`)
      .replace(/«[ \t\u00a0\u202f]*/g, `«${NBSP}`)
      .replace(/[ \t\u00a0\u202f]*»/g, `${NBSP}»`)
      // Groups of three digits after a number belong to it: « 185 000 », « 1 200 000 ».
      .replace(/(\d)[ \u202f](?=\d{3}(?!\d))/g, `$1${NBSP}`)
      .replace(/(\d)[ \u202f]?(€|%)/g, `$1${NBSP}$2`)
  );
}

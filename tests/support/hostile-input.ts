/**
 * What a careless or hostile client puts in a form field, drawn from a seeded generator so that
 * every run posts exactly the same inputs and a failure can be replayed.
 */

/** A small, fast, seedable generator (mulberry32). */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    pick<T>(items: readonly T[]): T {
      return items[Math.floor(next() * items.length)]!;
    },
    sample<T>(items: readonly T[], count: number): T[] {
      const pool = [...items];
      const out: T[] = [];
      while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(next() * pool.length), 1)[0]!);
      return out;
    },
  };
}

export type Random = ReturnType<typeof seededRandom>;

/** Control characters other than tab and line breaks. */
const C0 = Array.from({ length: 32 }, (_, code) => String.fromCharCode(code)).filter((c) => !"\t\n\r".includes(c));

/** Values every text field must survive, each sent alone with the other fields valid. */
export function hostileValues(random: Random): string[] {
  return [
    // Empty and blank
    "",
    "   ",
    // Control characters (PostgreSQL refuses NUL)
    "\u0000",
    "Titre\u0000suite",
    ...random.sample(C0.slice(1), 3).map((c) => `a${c}b`),
    "\u007f",
    "\u0085",
    // Unicode edge cases
    "\ud800",
    "fin\udfff",
    "\ufeff\u200b",
    "\u200f\u202efdp.exe",
    "e\u0301\u0301\u0301",
    "𝕏 🌲 👨‍👩‍👧",
    "\uffff\ufffe",
    "\u2028\u2029",
    // Markup and injection attempts
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR '1'='1' --",
    "../../../../etc/passwd",
    "%00%0d%0a",
    "{{7*7}}${7*7}",
    // Lengths
    "x".repeat(8001),
    "é".repeat(20_000),
    "x".repeat(200_000),
    // Numbers of every wrong kind
    "-1",
    "-0",
    "1e308",
    "NaN",
    "Infinity",
    "30000000",
    "2147483648",
    "99999999999999999999",
    "0x1F",
    "1,5,5",
    "١٢٣",
    // Dates that are not
    "9999-99-99",
    "2026-02-31",
    "0000-00-00",
    "+275760-09-13",
    "2026-02-28T25:00:00Z",
    // Things that look like structure
    "{}",
    "[]",
    "null",
    "undefined",
    "__proto__",
  ];
}

/** File names a browser may send; the upload must be stored or refused, never crash. */
export const HOSTILE_FILENAMES = [
  "rapport=final.pdf",
  "budget;v2.pdf",
  "../../../etc/passwd.pdf",
  "<script>alert(1)</script>.pdf",
  "\u202egpj.pdf",
  "nul\u0000.pdf",
  `${"n".repeat(400)}.pdf`,
  ".pdf",
  "dossier",
];

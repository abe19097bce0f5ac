/**
 * Password strength from zxcvbn-ts with its common, French and English dictionaries. The
 * dictionaries weigh about a megabyte: they are loaded on first use, by the server when a
 * password is chosen and by the browser only on the page that shows the strength meter.
 */
export type StrengthScore = 0 | 1 | 2 | 3 | 4;

/** "Safely unguessable" in zxcvbn's terms: below this, a chosen password is refused. */
export const MIN_PASSWORD_SCORE: StrengthScore = 3;

export interface StrengthReport {
  score: StrengthScore;
  /** Why the password is weak, in the page's language, when the library can tell. */
  warning: string | null;
}

export type PasswordChecker = (password: string, personalInputs?: string[]) => StrengthReport;

const checkers = new Map<string, Promise<PasswordChecker>>();

async function buildChecker(locale: "fr" | "en"): Promise<PasswordChecker> {
  const [{ ZxcvbnFactory }, common, fr, en] = await Promise.all([
    import("@zxcvbn-ts/core"),
    import("@zxcvbn-ts/language-common"),
    import("@zxcvbn-ts/language-fr"),
    import("@zxcvbn-ts/language-en"),
  ]);
  const zxcvbn = new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...fr.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: locale === "en" ? en.translations : fr.translations,
  });
  return (password, personalInputs = []) => {
    // Long passphrases are strong by length; the library's cost grows with it, so it is spared them.
    const result = zxcvbn.check(password.slice(0, 100), personalInputs);
    return { score: result.score as StrengthScore, warning: result.feedback.warning ?? null };
  };
}

export function loadPasswordChecker(locale: "fr" | "en" = "fr"): Promise<PasswordChecker> {
  let checker = checkers.get(locale);
  if (!checker) {
    checker = buildChecker(locale);
    checkers.set(locale, checker);
  }
  return checker;
}

import type { Messages } from "~/i18n/locales/fr";

export const SUPPORTED_LOCALES = ["fr", "en"] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "fr";

/**
 * The dictionaries this process holds, filled by `addDictionary`: the server adds both
 * (i18n.server.ts); a browser adds only the page's language, fetched as a chunk of its own
 * (`loadDictionary`), so that it never downloads the other one. Every i18next instance made
 * from `i18nOptions` reads this same object, so a dictionary added later reaches them all.
 */
export const resources: Partial<Record<Locale, { common: Messages }>> = {};

export function toLocale(value: string | null | undefined): Locale {
  return value === "en" ? "en" : "fr";
}

export const i18nOptions = {
  supportedLngs: [...SUPPORTED_LOCALES],
  fallbackLng: DEFAULT_LOCALE,
  defaultNS: "common",
  interpolation: { escapeValue: false },
  resources,
};

export function addDictionary(locale: Locale, messages: Messages) {
  resources[locale] = { common: messages };
}

/** Loads a language's dictionary once; each language is a separate chunk of the browser build. */
export async function loadDictionary(locale: Locale): Promise<Messages> {
  const loaded = resources[locale]?.common;
  if (loaded) return loaded;
  const { default: messages } = locale === "en" ? await import("~/i18n/locales/en") : await import("~/i18n/locales/fr");
  addDictionary(locale, messages);
  return messages;
}

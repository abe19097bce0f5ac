import fr from "~/i18n/locales/fr";
import en from "~/i18n/locales/en";

export const SUPPORTED_LOCALES = ["fr", "en"] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "fr";

export const resources = { fr: { common: fr }, en: { common: en } };

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

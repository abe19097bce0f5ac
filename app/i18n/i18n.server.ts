import { createCookie } from "@remix-run/node";
import { RemixI18Next } from "remix-i18next/server";
import { DEFAULT_LOCALE, SUPPORTED_LOCALES, addDictionary, i18nOptions } from "~/i18n/config";
import fr from "~/i18n/locales/fr";
import en from "~/i18n/locales/en";

// The server renders any page in either language.
addDictionary("fr", fr);
addDictionary("en", en);

export const localeCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

// The browser's Accept-Language is ignored on purpose: French is the default for everyone,
// English is a choice the person makes with the language switch.
export const i18nServer = new RemixI18Next({
  detection: {
    supportedLanguages: [...SUPPORTED_LOCALES],
    fallbackLanguage: DEFAULT_LOCALE,
    cookie: localeCookie,
    order: ["searchParams", "cookie"],
  },
  i18next: i18nOptions,
});

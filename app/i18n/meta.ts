import { createInstance, type TFunction } from "i18next";
import { i18nOptions, toLocale, type Locale } from "~/i18n/config";

// Page titles are computed in `meta`, outside React, from the locale the root loader chose.
const translators = new Map<Locale, TFunction>();

function translatorFor(locale: Locale): TFunction {
  let t = translators.get(locale);
  if (!t) {
    const instance = createInstance();
    void instance.init({ ...i18nOptions, lng: locale, initImmediate: false });
    t = instance.t;
    translators.set(locale, t);
  }
  return t;
}

interface RootMatch {
  id: string;
  data?: unknown;
}

/** "Mon espace — Lauréat", in the page's language. */
export function pageTitle(matches: RootMatch[], key: string): { title: string }[] {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined;
  const t = translatorFor(toLocale(root?.locale));
  return [{ title: `${t(key)} — Lauréat` }];
}

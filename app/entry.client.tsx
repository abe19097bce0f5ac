import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import i18next from "i18next";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { i18nOptions, loadDictionary, toLocale } from "~/i18n/config";

async function hydrate() {
  const lng = toLocale(document.documentElement.lang);
  // The page was rendered in this language: its dictionary must be there before hydrating.
  await loadDictionary(lng);
  await i18next.use(initReactI18next).init({ ...i18nOptions, lng });
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void hydrate();

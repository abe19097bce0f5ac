import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { i18nServer } from "~/i18n/i18n.server";
import { loadDictionary, toLocale } from "~/i18n/config";
import { getCurrentUser } from "~/auth/session.server";
import { takeFlash } from "~/http/flash.server";
import { useNonce } from "~/ui/nonce";
import { FormAlert, Notice } from "~/ui/fields";
import { RGAA_CRITERIA } from "~/content/rgaa-criteria";
import { SITE_INFO_PAGES } from "~/content/site-pages";
import { summarizeConformity } from "~/domain/accessibility-status";
import appStyles from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: "/dsfr/dsfr.min.css" },
  { rel: "stylesheet", href: "/dsfr/utility/icons/icons.min.css" },
  { rel: "stylesheet", href: appStyles },
  { rel: "icon", href: "/dsfr/favicon/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await i18nServer.getLocale(request);
  const user = await getCurrentUser(request);
  const flash = await takeFlash(request);
  return json(
    {
      locale,
      user: user && { name: user.name, role: user.role },
      flash: flash.message,
      accessibility: summarizeConformity(RGAA_CRITERIA).level,
    },
    flash.setCookie ? { headers: { "Set-Cookie": flash.setCookie } } : undefined,
  );
}

export const handle = { i18n: "common" };

/**
 * Runs before the page is painted: applies the theme remembered by the design system's display
 * settings (so a dark page does not flash light) and tells its script that React owns the DOM.
 */
const SCHEME_BOOT =
  'window.dsfr={mode:"react"};try{var s=localStorage.getItem("scheme");' +
  'if(s==="dark"||(s!=="light"&&matchMedia("(prefers-color-scheme: dark)").matches)){' +
  'document.documentElement.setAttribute("data-fr-theme","dark");document.documentElement.style.colorScheme="dark"}}catch(e){}';

type DsfrWindow = Window & { dsfr?: { start?: () => void } };

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  const { i18n } = useTranslation();
  const locale = data?.locale ?? i18n.language ?? "fr";
  // In React mode the design system waits to be started, once React has taken over the page.
  useEffect(() => {
    (window as DsfrWindow).dsfr?.start?.();
  }, []);
  return (
    // The scheme script sets the theme on this element before React hydrates it.
    <html lang={locale} data-fr-scheme="system" suppressHydrationWarning>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: SCHEME_BOOT }} />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <DisplaySettings />
        <script type="module" src="/dsfr/dsfr.module.min.js" nonce={nonce} suppressHydrationWarning />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { locale, flash } = useLoaderData<typeof loader>();
  useLanguage(locale);
  const { t } = useTranslation();
  return (
    <>
      <SiteHeader />
      <main id="contenu" className="fr-container fr-pb-8w fr-pt-4w" tabIndex={-1}>
        {flash?.kind === "notice" ? <Notice message={t(`notices.${flash.key}`, { defaultValue: "" })} /> : null}
        {flash?.kind === "error" ? <FormAlert errors={[flash.key]} /> : null}
        <Outlet />
      </main>
      <SiteFooter />
    </>
  );
}

/**
 * Follows the language the root loader chose. The browser holds only the dictionary of the
 * language the page was loaded in: after a switch without a reload, the other one is fetched
 * before the page changes language.
 */
function useLanguage(locale: string) {
  const { i18n } = useTranslation();
  useEffect(() => {
    const lng = toLocale(locale);
    if (i18n.language === lng) return;
    void loadDictionary(lng).then((messages) => {
      if (!i18n.hasResourceBundle(lng, "common")) i18n.addResourceBundle(lng, "common", messages);
      return i18n.changeLanguage(lng);
    });
  }, [locale, i18n]);
}

function navLinksFor(role: string | undefined) {
  if (role === "STAFF")
    return [
      { to: "/gestion", key: "nav.management" },
      { to: "/gestion/courriels", key: "nav.mailbox" },
    ] as const;
  if (role === "REVIEWER") return [{ to: "/expertise", key: "nav.reviews" }] as const;
  if (role === "APPLICANT")
    return [
      { to: "/espace", key: "nav.mySpace" },
      { to: "/espace/organisation", key: "nav.organization" },
    ] as const;
  return [] as const;
}

function SiteHeader() {
  const data = useRouteLoaderData<typeof loader>("root");
  const { t } = useTranslation();
  const location = useLocation();
  const user = data?.user;
  const links = [{ to: "/", key: "nav.calls" } as const, ...navLinksFor(user?.role)];
  const here = location.pathname + location.search;
  // The deepest matching section is the current one: /gestion/courriels is not /gestion.
  const currentLink = links
    .filter((l) => (l.to === "/" ? location.pathname === "/" || location.pathname.startsWith("/appels") : location.pathname.startsWith(l.to)))
    .sort((a, b) => b.to.length - a.to.length)[0];
  return (
    <>
      <div className="fr-skiplinks">
        <nav className="fr-container" aria-label={t("nav.skipLinks")}>
          <ul className="fr-skiplinks__list">
            <li>
              <a className="fr-link" href="#contenu">
                {t("nav.skipToContent")}
              </a>
            </li>
          </ul>
        </nav>
      </div>
      <header role="banner" className="fr-header">
        <div className="fr-header__body">
          <div className="fr-container">
            <div className="fr-header__body-row">
              <div className="fr-header__brand fr-enlarge-link">
                <div className="fr-header__brand-top">
                  <div className="fr-header__logo">
                    <p className="fr-logo">
                      République
                      <br />
                      Française
                    </p>
                  </div>
                  <div className="fr-header__navbar">
                    <button
                      type="button"
                      className="fr-btn--menu fr-btn"
                      data-fr-opened="false"
                      aria-controls="header-menu"
                      id="header-menu-button"
                      title={t("site.menu.open")}
                    >
                      {t("site.menu.open")}
                    </button>
                  </div>
                </div>
                <div className="fr-header__service">
                  <a href="/" title={t("nav.homeTitle")}>
                    <p className="fr-header__service-title">Lauréat</p>
                  </a>
                  <p className="fr-header__service-tagline">{t("app.tagline")}</p>
                </div>
              </div>
              <div className="fr-header__tools">
                <div className="fr-header__tools-links">
                  <HeaderTools user={user} redirectTo={here} />
                </div>
              </div>
            </div>
          </div>
        </div>
        <div className="fr-header__menu fr-modal" id="header-menu" aria-labelledby="header-menu-button">
          <div className="fr-container">
            <button type="button" className="fr-btn--close fr-btn" aria-controls="header-menu" title={t("site.menu.close")}>
              {t("site.menu.close")}
            </button>
            {/* The design system hides the tools above on small screens; they are repeated in the menu, which app.css unfolds without JavaScript. */}
            <div className="fr-header__menu-links">
              <HeaderTools user={user} redirectTo={here} />
            </div>
            <nav className="fr-nav" aria-label={t("nav.main")}>
              <ul className="fr-nav__list">
                {links.map((link) => (
                  <li className="fr-nav__item" key={link.to}>
                    <a className="fr-nav__link" href={link.to} aria-current={link === currentLink ? "page" : undefined}>
                      {t(link.key)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </div>
      </header>
    </>
  );
}

function HeaderTools({ user, redirectTo }: { user: { name: string } | null | undefined; redirectTo: string }) {
  const { t } = useTranslation();
  return (
    <ul className="fr-btns-group">
      {user ? (
        <>
          <li>
            <a className="fr-btn fr-icon-account-circle-line" href="/compte">
              {user.name}
              <span className="fr-sr-only">{` – ${t("nav.account")}`}</span>
            </a>
          </li>
          <li>
            <Form method="post" action="/deconnexion">
              <button type="submit" className="fr-btn fr-icon-logout-box-r-line">
                {t("nav.logout")}
              </button>
            </Form>
          </li>
        </>
      ) : (
        <>
          <li>
            <a className="fr-btn fr-icon-lock-line" href="/connexion">
              {t("nav.login")}
            </a>
          </li>
          <li>
            <a className="fr-btn fr-icon-account-line" href="/inscription">
              {t("nav.signup")}
            </a>
          </li>
        </>
      )}
      <li>
        <LanguageSwitch redirectTo={redirectTo} />
      </li>
    </ul>
  );
}

function LanguageSwitch({ redirectTo }: { redirectTo: string }) {
  const { t, i18n } = useTranslation();
  const other = i18n.language === "en" ? "fr" : "en";
  return (
    <Form method="post" action="/langue">
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <input type="hidden" name="locale" value={other} />
      <button type="submit" className="fr-btn fr-icon-translate-2" lang={other}>
        {t("nav.switchLanguage")}
      </button>
    </Form>
  );
}

/** Sites of the State that the design system's footer links to. */
const STATE_SITES = ["legifrance.gouv.fr", "gouvernement.fr", "service-public.fr", "data.gouv.fr"];

function SiteFooter() {
  const { t } = useTranslation();
  const data = useRouteLoaderData<typeof loader>("root");
  const level = data?.accessibility ?? "none";
  const bottomLinks = [
    { to: SITE_INFO_PAGES.sitemap.path, label: t("site.footer.sitemap") },
    { to: SITE_INFO_PAGES.accessibility.path, label: t("site.footer.accessibility", { level: t(`site.levels.${level}`) }) },
    { to: SITE_INFO_PAGES.legal.path, label: t("site.footer.legal") },
    { to: SITE_INFO_PAGES.personalData.path, label: t("site.footer.personalData") },
    { to: SITE_INFO_PAGES.cookies.path, label: t("site.footer.cookies") },
  ];
  return (
    <footer className="fr-footer" role="contentinfo">
      <div className="fr-container">
        <div className="fr-footer__body">
          <div className="fr-footer__brand fr-enlarge-link">
            <a href="/" title={t("nav.homeTitle")}>
              <p className="fr-logo">
                République
                <br />
                Française
              </p>
            </a>
          </div>
          <div className="fr-footer__content">
            <p className="fr-footer__content-desc">{t("app.footer")}</p>
            <ul className="fr-footer__content-list">
              <li className="fr-footer__content-item">
                <a className="fr-footer__content-link" href="/verification">
                  {t("verification.title")}
                </a>
              </li>
              {STATE_SITES.map((site) => (
                <li className="fr-footer__content-item" key={site}>
                  <a className="fr-footer__content-link" href={`https://www.${site}`}>
                    {site}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        </div>
        <div className="fr-footer__bottom">
          <ul className="fr-footer__bottom-list">
            {bottomLinks.map((link) => (
              <li className="fr-footer__bottom-item" key={link.to}>
                <a className="fr-footer__bottom-link" href={link.to}>
                  {link.label}
                </a>
              </li>
            ))}
            <li className="fr-footer__bottom-item laureat-needs-js">
              <button
                type="button"
                className="fr-footer__bottom-link fr-icon-theme-fill fr-btn--icon-left"
                aria-controls="display-settings"
                data-fr-opened="false"
              >
                {t("site.footer.display")}
              </button>
            </li>
          </ul>
          <div className="fr-footer__bottom-copy">
            <p>{t("app.footerLicence")}</p>
          </div>
        </div>
      </div>
    </footer>
  );
}

const SCHEMES = [
  { value: "light", label: "site.display.light", pictogram: "environment/sun" },
  { value: "dark", label: "site.display.dark", pictogram: "environment/moon" },
  { value: "system", label: "site.display.system", pictogram: "system/system" },
] as const;

/** The design system's display settings: its script applies and remembers the chosen scheme. */
function DisplaySettings() {
  const { t } = useTranslation();
  return (
    <dialog id="display-settings" className="fr-modal" aria-labelledby="display-settings-title">
      <div className="fr-container fr-container--fluid fr-container-md">
        <div className="fr-grid-row fr-grid-row--center">
          <div className="fr-col-12 fr-col-md-6 fr-col-lg-4">
            <div className="fr-modal__body">
              <div className="fr-modal__header">
                <button type="button" className="fr-btn--close fr-btn" aria-controls="display-settings" title={t("site.display.close")}>
                  {t("site.display.close")}
                </button>
              </div>
              <div className="fr-modal__content">
                <h1 id="display-settings-title" className="fr-modal__title">
                  {t("site.display.title")}
                </h1>
                <div id="fr-display" className="fr-display">
                  <fieldset className="fr-fieldset" id="display-fieldset">
                    <legend className="fr-fieldset__legend--regular fr-fieldset__legend">{t("site.display.legend")}</legend>
                    {SCHEMES.map((scheme) => (
                      <div className="fr-fieldset__element" key={scheme.value}>
                        <div className="fr-radio-group fr-radio-rich">
                          <input value={scheme.value} type="radio" id={`fr-radios-theme-${scheme.value}`} name="fr-radios-theme" />
                          <label className="fr-label" htmlFor={`fr-radios-theme-${scheme.value}`}>
                            {t(scheme.label)}
                            {scheme.value === "system" ? <span className="fr-hint-text">{t("site.display.systemHint")}</span> : null}
                          </label>
                          <div className="fr-radio-rich__pictogram">
                            <svg aria-hidden="true" className="fr-artwork" viewBox="0 0 80 80" width="80px" height="80px">
                              {(["decorative", "minor", "major"] as const).map((part) => (
                                <use
                                  key={part}
                                  className={`fr-artwork-${part}`}
                                  href={`/dsfr/artwork/pictograms/${scheme.pictogram}.svg#artwork-${part}`}
                                />
                              ))}
                            </svg>
                          </div>
                        </div>
                      </div>
                    ))}
                  </fieldset>
                </div>
              </div>
            </div>
          </div>
        </div>
      </div>
    </dialog>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key = status === 403 ? "forbidden" : status === 404 ? "notFound" : "unexpected";
  if (!isRouteErrorResponse(error)) console.error(error);
  return (
    <>
      <SiteHeader />
      <main id="contenu" className="fr-container fr-py-8w" tabIndex={-1}>
        <h1>{t(`errorPage.${key}.title`)}</h1>
        <p className="fr-text--lead">{t(`errorPage.${key}.body`)}</p>
        <p className="fr-text--sm">{t("errorPage.code", { status })}</p>
        <a className="fr-btn" href="/">
          {t("errorPage.home")}
        </a>
      </main>
      <SiteFooter />
    </>
  );
}

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
import { useTranslation } from "react-i18next";
import { useChangeLanguage } from "remix-i18next/react";
import { i18nServer } from "~/i18n/i18n.server";
import { getCurrentUser } from "~/auth/session.server";
import { takeFlash } from "~/http/flash.server";
import { useNonce } from "~/ui/nonce";
import { FormAlert, Notice } from "~/ui/fields";
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
    { locale, user: user && { name: user.name, role: user.role }, flash: flash.message },
    flash.setCookie ? { headers: { "Set-Cookie": flash.setCookie } } : undefined,
  );
}

export const handle = { i18n: "common" };

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  const { i18n } = useTranslation();
  const locale = data?.locale ?? i18n.language ?? "fr";
  return (
    <html lang={locale} data-fr-scheme="light">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { locale, flash } = useLoaderData<typeof loader>();
  useChangeLanguage(locale);
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

function navLinksFor(role: string | undefined) {
  if (role === "STAFF")
    return [
      { to: "/gestion", key: "nav.management" },
      { to: "/gestion/courriels", key: "nav.mailbox" },
    ] as const;
  if (role === "REVIEWER") return [{ to: "/expertise", key: "nav.reviews" }] as const;
  if (role === "APPLICANT") return [{ to: "/espace", key: "nav.mySpace" }] as const;
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
        <div className="fr-header__menu">
          <div className="fr-container">
            {/* The design system hides the tools above on small screens; they stay reachable here without JavaScript. */}
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
            <span className="fr-btn fr-icon-account-circle-line laureat-user">{user.name}</span>
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

function SiteFooter() {
  const { t } = useTranslation();
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
            </ul>
          </div>
        </div>
        <div className="fr-footer__bottom">
          <p className="fr-footer__bottom-copy">{t("app.footerLicence")}</p>
        </div>
      </div>
    </footer>
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

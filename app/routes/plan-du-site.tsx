import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { allowPublic } from "~/auth/permissions.server";
import { AUDIENCES, SITE_PAGES } from "~/content/site-pages";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "site.sitemap.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await allowPublic(request, "site.info");
  return json({});
}

export default function SiteMap() {
  const { t } = useTranslation();
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-lg-8">
        <h1>{t("site.sitemap.title")}</h1>
        <p>{t("site.sitemap.lead")}</p>
        {AUDIENCES.map((audience) => (
          <section key={audience}>
            <h2>{t(`site.sitemap.sections.${audience}`)}</h2>
            <ul>
              {SITE_PAGES.filter((page) => page.audience === audience).map((page) => (
                <li key={page.path}>
                  <a href={page.path}>{t(page.titleKey)}</a>
                </li>
              ))}
            </ul>
          </section>
        ))}
        <p>{t("site.sitemap.reachedFrom")}</p>
      </div>
    </div>
  );
}

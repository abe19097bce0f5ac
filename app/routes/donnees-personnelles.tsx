import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { allowPublic } from "~/auth/permissions.server";
import { siteOperator } from "~/config.server";
import { SITE_INFO_PAGES } from "~/content/site-pages";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "site.personalData.title");

/** One row per kind of record the database holds about people (see prisma/schema.prisma). */
const DATA_KINDS = ["accounts", "organizations", "applications", "attachments", "reviews", "audit", "emails", "sessions"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  await allowPublic(request, "site.info");
  const { name, contactEmail } = siteOperator();
  return json({ agency: name, email: contactEmail });
}

export default function PersonalData() {
  const { agency, email } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-lg-8">
        <h1>{t("site.personalData.title")}</h1>
        <p>{t("site.personalData.controller", { agency })}</p>
        <h2>{t("site.personalData.purposeTitle")}</h2>
        <p>{t("site.personalData.purpose")}</p>
        <h2>{t("site.personalData.dataTitle")}</h2>
        <div className="fr-table fr-table--multiline">
          <div className="fr-table__wrapper">
            <div className="fr-table__container">
              <div className="fr-table__content">
                <table>
                  <caption>{t("site.personalData.caption")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("site.personalData.columns.kind")}</th>
                      <th scope="col">{t("site.personalData.columns.content")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {DATA_KINDS.map((kind) => (
                      <tr key={kind}>
                        <th scope="row">{t(`site.personalData.rows.${kind}.kind`)}</th>
                        <td>{t(`site.personalData.rows.${kind}.content`)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </div>
        </div>
        <h2>{t("site.personalData.retentionTitle")}</h2>
        <p>{t("site.personalData.retention")}</p>
        <h2>{t("site.personalData.recipientsTitle")}</h2>
        <p>{t("site.personalData.recipients", { agency })}</p>
        <h2>{t("site.personalData.rightsTitle")}</h2>
        <p>{t("site.personalData.rights", { email })}</p>
        <p>
          <a href={SITE_INFO_PAGES.cookies.path}>{t("site.personalData.cookies")}</a>
        </p>
      </div>
    </div>
  );
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { allowPublic } from "~/auth/permissions.server";
import { siteOperator } from "~/config.server";
import { SITE_INFO_PAGES } from "~/content/site-pages";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "site.legal.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await allowPublic(request, "site.info");
  return json(siteOperator());
}

export default function LegalNotice() {
  const { name, address, publicationDirector, contactEmail } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-lg-8">
        <h1>{t("site.legal.title")}</h1>
        <h2>{t("site.legal.editorTitle")}</h2>
        <p>{t("site.legal.editor", { agency: name, address })}</p>
        <h2>{t("site.legal.directorTitle")}</h2>
        <p>{t("site.legal.director", { director: publicationDirector })}</p>
        <h2>{t("site.legal.contactTitle")}</h2>
        <p>
          {t("site.legal.contact", { email: contactEmail })}
        </p>
        <h2>{t("site.legal.hostingTitle")}</h2>
        <p>{t("site.legal.hosting")}</p>
        <h2>{t("site.legal.licenceTitle")}</h2>
        <p>{t("site.legal.licence")}</p>
        <h2>{t("site.legal.securityTitle")}</h2>
        <p>
          <a href="/.well-known/security.txt">{t("site.legal.security")}</a>
        </p>
        <h2>{t("site.legal.accessibilityTitle")}</h2>
        <p>
          <a href={SITE_INFO_PAGES.accessibility.path}>{t("site.legal.accessibility")}</a>
        </p>
      </div>
    </div>
  );
}

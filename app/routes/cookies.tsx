import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { allowPublic } from "~/auth/permissions.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "site.cookies.title");

/** Every cookie the app sets: the session, the flash message and the language (their names are fixed in code). */
const COOKIES = [
  { name: "__session", key: "session" },
  { name: "__flash", key: "flash" },
  { name: "lng", key: "locale" },
] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  await allowPublic(request, "site.info");
  return json({});
}

export default function Cookies() {
  const { t } = useTranslation();
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-lg-8">
        <h1>{t("site.cookies.title")}</h1>
        <p>{t("site.cookies.lead")}</p>
        <div className="fr-table fr-table--multiline">
          <div className="fr-table__wrapper">
            <div className="fr-table__container">
              <div className="fr-table__content">
                <table>
                  <caption>{t("site.cookies.caption")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("site.cookies.columns.name")}</th>
                      <th scope="col">{t("site.cookies.columns.purpose")}</th>
                      <th scope="col">{t("site.cookies.columns.duration")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {COOKIES.map((cookie) => (
                      <tr key={cookie.name}>
                        <th scope="row">
                          <code>{cookie.name}</code>
                        </th>
                        <td>{t(`site.cookies.rows.${cookie.key}.purpose`)}</td>
                        <td>{t(`site.cookies.rows.${cookie.key}.duration`)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </div>
        </div>
        <p>{t("site.cookies.storage")}</p>
      </div>
    </div>
  );
}

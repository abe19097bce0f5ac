import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { allowPublic } from "~/auth/permissions.server";
import { appUrl, siteOperator } from "~/config.server";
import { AUDIT_DATE, awaitsCheck, RGAA_CRITERIA, RGAA_VERSION } from "~/content/rgaa-criteria";
import { AUDIT_SAMPLE } from "~/content/site-pages";
import { summarizeConformity } from "~/domain/accessibility-status";
import { i18nServer } from "~/i18n/i18n.server";
import { pageTitle } from "~/i18n/meta";
import { useFormat } from "~/ui/format";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "site.accessibility.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await allowPublic(request, "site.info");
  const locale = (await i18nServer.getLocale(request)) === "en" ? "en" : "fr";
  const operator = siteOperator();
  return json({
    agency: operator.name,
    email: operator.contactEmail,
    url: appUrl(),
    version: RGAA_VERSION,
    auditDate: `${AUDIT_DATE}T12:00:00Z`,
    summary: summarizeConformity(RGAA_CRITERIA),
    sample: AUDIT_SAMPLE.map((page) => ({ path: page.path, titleKey: page.titleKey })),
    criteria: RGAA_CRITERIA.map((c) => ({
      number: c.number,
      topic: c.topic,
      status: c.status,
      note: c.note?.[locale] ?? "",
      plan: c.plan?.[locale] ?? "",
      awaitsCheck: awaitsCheck(c),
    })),
  });
}

export default function AccessibilityStatement() {
  const { agency, email, url, version, auditDate, summary, sample, criteria } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const f = useFormat();
  const date = f.date(auditDate);
  // Criteria only awaiting a check share one explanation; known defects are listed one by one.
  const unchecked = criteria.filter((c) => c.status === "NC" && c.awaitsCheck);
  const notMet = criteria.filter((c) => c.status === "NC" && !c.awaitsCheck);
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-lg-10">
        <h1>{t("site.accessibility.title")}</h1>
        <p>{t("site.accessibility.intro", { agency, url })}</p>

        <h2>{t("site.accessibility.stateTitle")}</h2>
        <p>
          <strong>{t("site.accessibility.state", { level: t(`site.levels.${summary.level}`), version })}</strong>
        </p>

        <h2>{t("site.accessibility.resultsTitle")}</h2>
        <p>
          {t("site.accessibility.results", {
            date,
            rate: summary.rate,
            met: summary.met,
            notMet: summary.notMet,
            notApplicable: summary.notApplicable,
            total: criteria.length,
          })}
        </p>

        <h2>{t("site.accessibility.methodTitle")}</h2>
        <p>{t("site.accessibility.method")}</p>

        <h2>{t("site.accessibility.sampleTitle")}</h2>
        <ul>
          {sample.map((page) => (
            <li key={page.path}>
              <a href={page.path}>{t(page.titleKey)}</a>
            </li>
          ))}
        </ul>

        <h2>{t("site.accessibility.nonCompliantTitle")}</h2>
        <p>{t("site.accessibility.nonCompliantLead")}</p>
        <ul>
          {notMet.map((c) => (
            <li key={c.number}>
              {t("site.accessibility.criterionLine", {
                number: c.number,
                topic: t(`site.accessibility.topics.${c.topic}`),
                note: c.note,
                plan: c.plan,
              })}
            </li>
          ))}
        </ul>
        {unchecked.length > 0 ? <p>{t("site.accessibility.uncheckedLead", { count: unchecked.length })}</p> : null}

        <h2>{t("site.accessibility.technologiesTitle")}</h2>
        <p>{t("site.accessibility.technologies")}</p>
        <h2>{t("site.accessibility.environmentTitle")}</h2>
        <p>{t("site.accessibility.environment")}</p>

        <h2>{t("site.accessibility.feedbackTitle")}</h2>
        <p>{t("site.accessibility.feedback", { email })}</p>

        <h2>{t("site.accessibility.remedyTitle")}</h2>
        <p>{t("site.accessibility.remedy")}</p>
        <ul>
          <li>
            <a href="https://formulaire.defenseurdesdroits.fr/">{t("site.accessibility.remedyForm")}</a>
          </li>
          <li>
            <a href="https://www.defenseurdesdroits.fr/carte-des-delegues">{t("site.accessibility.remedyDelegate")}</a>
          </li>
          <li>{t("site.accessibility.remedyMail")}</li>
        </ul>

        <h2>{t("site.accessibility.tableTitle", { version })}</h2>
        <div className="fr-table fr-table--multiline">
          <div className="fr-table__wrapper">
            {/* Scrolls sideways on phones: focusable so that keyboard users can scroll it too. */}
            <div className="fr-table__container" tabIndex={0} role="region" aria-labelledby="criteria-caption">
              <div className="fr-table__content">
                <table>
                  <caption id="criteria-caption">{t("site.accessibility.tableCaption", { version, total: criteria.length })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("site.accessibility.columns.number")}</th>
                      <th scope="col">{t("site.accessibility.columns.topic")}</th>
                      <th scope="col">{t("site.accessibility.columns.status")}</th>
                      <th scope="col">{t("site.accessibility.columns.note")}</th>
                      <th scope="col">{t("site.accessibility.columns.plan")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {criteria.map((c) => (
                      <tr key={c.number}>
                        <th scope="row">{c.number}</th>
                        <td>{t(`site.accessibility.topics.${c.topic}`)}</td>
                        <td>{t(`site.accessibility.statuses.${c.status}`)}</td>
                        <td>{c.note}</td>
                        <td>{c.plan}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </div>
        </div>

        <p className="fr-mt-4w">{t("site.accessibility.established", { date })}</p>
      </div>
    </div>
  );
}

import { pageTitle } from "~/i18n/meta";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumb } from "~/ui/breadcrumb";
import { requireAllowed } from "~/auth/permissions.server";
import { loadRanking } from "~/services/decisions.server";
import { prisma } from "~/db.server";
import { StatusBadge } from "~/ui/status-badge";
import { useFormat } from "~/ui/format";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "titles.ranking");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAllowed(request, "staff.area", null);
  const exists = await prisma.call.findUnique({ where: { id: params.callId ?? "" }, select: { id: true } });
  if (!exists) throw new Response("Not found", { status: 404 });
  return json(await loadRanking(exists.id));
}

export default function Ranking() {
  const { call, rows, awardedCents } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const f = useFormat();
  const remaining = call.budgetCents - awardedCents;
  return (
    <>
      <Breadcrumb trail={[{ href: "/gestion", label: t("nav.management") }, { href: `/gestion/appels/${call.id}`, label: call.title }]} current={t("staff.ranking")} />
      <h1>{t("staff.rankingTitle")}</h1>
      <div className="fr-grid-row fr-grid-row--gutters fr-mb-3w">
        <div className="fr-col-12 fr-col-md-4">
          <p className="fr-text--sm fr-mb-0">{t("staff.envelope")}</p>
          <p className="laureat-stat">{f.euros(call.budgetCents)}</p>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <p className="fr-text--sm fr-mb-0">{t("staff.awardedTotal")}</p>
          <p className="laureat-stat">{f.euros(awardedCents)}</p>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <p className="fr-text--sm fr-mb-0">{t("staff.remaining")}</p>
          <p className="laureat-stat">{f.euros(remaining)}</p>
        </div>
      </div>
      <p className="fr-text--sm">{t("staff.rankingHelp")}</p>
      <ul className="fr-text--sm">
        {call.criteria.map((c, i) => (
          <li key={c.id}>
            {t("staff.criterionLegend", { code: `C${i + 1}`, label: c.label, weight: c.weight })}
            {c.threshold !== null ? ` — ${t("staff.threshold", { threshold: c.threshold })}` : ""}
          </li>
        ))}
      </ul>
      <div className="fr-table">
        <table>
          <caption>{t("staff.rankingCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("staff.rank")}</th>
              <th scope="col">{t("staff.organization")}</th>
              <th scope="col">{t("staff.project")}</th>
              {call.criteria.map((c, i) => (
                <th scope="col" key={c.id}>
                  <abbr title={c.label}>C{i + 1}</abbr>
                </th>
              ))}
              <th scope="col">{t("staff.average")}</th>
              <th scope="col">{t("staff.requested")}</th>
              <th scope="col">{t("staff.envelopeFit")}</th>
              <th scope="col">{t("staff.applicationStatus")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.applicationId}>
                <td>
                  {r.rank ?? "—"}
                  {r.tiedWithPrevious ? ` ${t("staff.tie")}` : ""}
                </td>
                <td>{r.organizationName}</td>
                <td>
                  <a href={`/gestion/dossiers/${r.applicationId}`}>{r.projectTitle}</a>
                </td>
                {call.criteria.map((c) => (
                  <td key={c.id}>{r.criterionAverages[c.id] !== undefined ? f.score(r.criterionAverages[c.id]!) : "—"}</td>
                ))}
                <td>
                  <strong>{r.average !== null ? f.score(r.average) : t("staff.notReviewed")}</strong>
                  {r.average !== null && !r.meetsThresholds ? (
                    <>
                      <br />
                      <span className="fr-text--xs">{t("staff.belowThreshold")}</span>
                    </>
                  ) : null}
                </td>
                <td>{f.euros(r.requestedCents)}</td>
                <td>{r.withinEnvelope ? t("staff.fits") : t("staff.doesNotFit")}</td>
                <td>
                  <StatusBadge status={r.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

import { pageTitle } from "~/i18n/meta";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumb } from "~/ui/breadcrumb";
import { requireAllowed } from "~/auth/permissions.server";
import { loadRanking } from "~/services/decisions.server";
import { requireListing, requirePageInRange } from "~/http/listing.server";
import { listingHref, pageCount, RANKING_SORTS } from "~/schemas/listing";
import { DIVERGENCE_GAP, RANKED_STATUSES } from "~/domain/scoring";
import { StatusBadge } from "~/ui/status-badge";
import { Pagination } from "~/ui/pagination";
import { FilterSelect, ListingFilters } from "~/ui/listing-filters";
import { useFormat } from "~/ui/format";
import { REGIONS } from "~/schemas/organization";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "titles.ranking");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAllowed(request, "staff.area", null);
  const listing = await requireListing(request, RANKING_SORTS);
  const ranking = await loadRanking(params.callId ?? "", listing);
  await requirePageInRange(request, listing, RANKING_SORTS, ranking.matching);
  const { call, summary, matching, rows } = ranking;
  return json({
    call: {
      id: call.id,
      title: call.title,
      budgetCents: call.budgetCents,
      criteria: call.criteria.map(({ id, label, weight, threshold }) => ({ id, label, weight, threshold })),
    },
    summary,
    matching,
    rows,
    listing,
    pages: pageCount(matching),
  });
}

export default function Ranking() {
  const { call, summary, matching, rows, listing, pages } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const f = useFormat();
  const remaining = call.budgetCents - summary.awardedCents;
  const filtered = Boolean(listing.statut || listing.region || listing.q || listing.seuil || listing.divergents);
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
          <p className="laureat-stat">{f.euros(summary.awardedCents)}</p>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <p className="fr-text--sm fr-mb-0">{t("staff.remaining")}</p>
          <p className="laureat-stat">{f.euros(remaining)}</p>
        </div>
      </div>
      <ul className="fr-text--sm">
        <li>{t("staff.rankedCount", { count: summary.ranked, files: summary.files })}</li>
        <li>{t("staff.passingCount", { count: summary.meetingThresholds })}</li>
        <li>{t("staff.withinEnvelopeCount", { count: summary.withinEnvelope, amount: f.euros(summary.withinEnvelopeCents) })}</li>
        <li>
          {summary.firstOutsideRank !== null ? t("staff.cutLine", { rank: summary.firstOutsideRank }) : t("staff.noCutLine")}
        </li>
        <li>{t("staff.divergentCount", { count: summary.divergent, gap: f.score(DIVERGENCE_GAP) })}</li>
      </ul>
      <p className="fr-text--sm">{t("staff.rankingHelp")}</p>
      <ul className="fr-text--sm">
        {call.criteria.map((c, i) => (
          <li key={c.id}>
            {t("staff.criterionLegend", { code: `C${i + 1}`, label: c.label, weight: c.weight })}
            {c.threshold !== null ? ` — ${t("staff.threshold", { threshold: c.threshold })}` : ""}
          </li>
        ))}
      </ul>
      <ListingFilters
        listing={listing}
        statuses={RANKED_STATUSES}
        allStatuses={t("staff.allStatuses")}
        regions={REGIONS}
        sorts={RANKING_SORTS.map((s) => ({ value: s, label: t(`staff.rankingSorts.${s}`) }))}
        clearHref={filtered ? `/gestion/appels/${call.id}/classement` : null}
      >
        <FilterSelect
          name="seuil"
          label={t("staff.filterByThreshold")}
          value={listing.seuil}
          all={t("staff.thresholdAny")}
          options={[
            { value: "oui", label: t("staff.thresholdMet") },
            { value: "non", label: t("staff.thresholdNotMet") },
          ]}
        />
        <div className="fr-col-12 fr-col-md-4">
          <div className="fr-checkbox-group fr-mt-4w">
            <input type="checkbox" id="divergents" name="divergents" value="oui" defaultChecked={listing.divergents === "oui"} />
            <label className="fr-label" htmlFor="divergents">
              {t("staff.divergentOnly")}
            </label>
          </div>
        </div>
      </ListingFilters>
      <div className="fr-table">
        <table>
          <caption>
            {t("staff.rankingCaption")} — {t("staff.pageOf", { page: listing.page, pages, count: matching })}
          </caption>
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
              <th scope="col">{t("staff.cumulative")}</th>
              <th scope="col">{t("staff.envelopeFit")}</th>
              <th scope="col">{t("staff.applicationStatus")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.applicationId}>
                <td>
                  {r.rank ?? "—"}
                  {r.tied ? ` ${t("staff.tie")}` : ""}
                </td>
                <td>
                  {r.legalName}
                  <br />
                  <span className="fr-text--xs">{r.region}</span>
                </td>
                <td>
                  <a href={`/gestion/dossiers/${r.applicationId}`}>{r.projectTitle || t("applicant.untitled")}</a>
                  {r.receiptNumber ? (
                    <>
                      <br />
                      <span className="fr-text--xs">{r.receiptNumber}</span>
                    </>
                  ) : null}
                </td>
                {r.means.map((mean, i) => (
                  <td key={call.criteria[i]?.id ?? i}>{mean !== null ? f.score(mean) : "—"}</td>
                ))}
                <td>
                  <strong>{r.average !== null ? f.score(r.average) : t("staff.notReviewed")}</strong>
                  <br />
                  <span className="fr-text--xs">{t("staff.reviewCount", { count: r.reviewCount })}</span>
                  {r.average !== null && !r.meetsThresholds ? (
                    <>
                      <br />
                      <span className="fr-text--xs">{t("staff.belowThreshold")}</span>
                    </>
                  ) : null}
                  {r.divergence >= DIVERGENCE_GAP ? (
                    <>
                      <br />
                      <span className="fr-text--xs">{t("staff.divergent", { gap: f.score(r.divergence) })}</span>
                    </>
                  ) : null}
                </td>
                <td>{f.euros(r.requestedCents)}</td>
                <td>{f.euros(r.cumulativeCents)}</td>
                <td>{r.withinEnvelope ? t("staff.fits") : t("staff.doesNotFit")}</td>
                <td>
                  <StatusBadge status={r.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === 0 ? <p>{t("staff.noMatch")}</p> : null}
      <Pagination page={listing.page} count={pages} hrefFor={(page) => listingHref(listing, RANKING_SORTS, { page })} />
    </>
  );
}

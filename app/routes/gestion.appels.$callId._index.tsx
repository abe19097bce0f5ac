import { pageTitle } from "~/i18n/meta";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumb } from "~/ui/breadcrumb";
import { requireAllowed } from "~/auth/permissions.server";
import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { APPLICATION_STATUSES } from "~/domain/application-status";
import { requireListing, requirePageInRange } from "~/http/listing.server";
import { FILE_SORTS, listingHref, pageCount, PAGE_SIZE, type FileSort, type Listing } from "~/schemas/listing";
import { StatusBadge } from "~/ui/status-badge";
import { Pagination } from "~/ui/pagination";
import { ListingFilters } from "~/ui/listing-filters";
import { useFormat } from "~/ui/format";
import { REGIONS } from "~/schemas/organization";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "titles.callApplications");

const ORDER: Record<FileSort, Prisma.ApplicationOrderByWithRelationInput[]> = {
  depot: [{ submittedAt: "asc" }, { id: "asc" }],
  titre: [{ projectTitle: "asc" }, { id: "asc" }],
  montant: [{ requestedCents: { sort: "desc", nulls: "last" } }, { id: "asc" }],
  structure: [{ organization: { legalName: "asc" } }, { id: "asc" }],
};

function whereOf(callId: string, listing: Listing<FileSort>): Prisma.ApplicationWhereInput {
  const contains = (value: string) => ({ contains: value, mode: "insensitive" as const });
  return {
    callId,
    status: listing.statut ?? { not: "DRAFT" },
    ...(listing.region ? { organization: { region: listing.region } } : {}),
    ...(listing.q
      ? {
          OR: [
            { receiptNumber: contains(listing.q) },
            { projectTitle: contains(listing.q) },
            { organization: { legalName: contains(listing.q) } },
          ],
        }
      : {}),
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAllowed(request, "staff.area", null);
  const listing = await requireListing(request, FILE_SORTS);
  const call = await prisma.call.findUnique({
    where: { id: params.callId ?? "" },
    select: { id: true, title: true },
  });
  if (!call) throw new Response("Not found", { status: 404 });
  const where = whereOf(call.id, listing);
  const filtered = Boolean(listing.statut || listing.region || listing.q);
  // Counts come from the trigger-kept CallFileCount; only a filtered view counts its matches.
  const [byStatus, filteredMatching, applications] = await Promise.all([
    prisma.callFileCount.findMany({ where: { callId: call.id, files: { gt: 0 } }, select: { status: true, files: true } }),
    filtered ? prisma.application.count({ where }) : null,
    prisma.application.findMany({
      where,
      orderBy: ORDER[listing.tri],
      skip: (listing.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
        id: true,
        projectTitle: true,
        status: true,
        receiptNumber: true,
        submittedAt: true,
        requestedCents: true,
        organization: { select: { legalName: true, region: true } },
      },
    }),
  ]);
  // Counted for the page's files only: Prisma's _count would aggregate the whole table first.
  const ids = applications.map((a) => a.id);
  const [assigned, reviewed] = await Promise.all([
    prisma.assignment.groupBy({ by: ["applicationId"], where: { applicationId: { in: ids } }, _count: { _all: true } }),
    prisma.review.groupBy({ by: ["applicationId"], where: { applicationId: { in: ids }, status: "SUBMITTED" }, _count: { _all: true } }),
  ]);
  const countOf = (groups: { applicationId: string; _count: { _all: number } }[]) =>
    new Map(groups.map((g) => [g.applicationId, g._count._all]));
  const assignments = countOf(assigned);
  const reviews = countOf(reviewed);
  const matching = filteredMatching ?? byStatus.reduce((sum, g) => (g.status === "DRAFT" ? sum : sum + g.files), 0);
  await requirePageInRange(request, listing, FILE_SORTS, matching);
  const counts = Object.fromEntries(byStatus.map((g) => [g.status, g.files]));
  return json({
    call,
    counts: APPLICATION_STATUSES.filter((s) => counts[s]).map((status) => ({ status, count: counts[status]! })),
    matching,
    pages: pageCount(matching),
    listing,
    applications: applications.map((a) => ({ ...a, reviews: reviews.get(a.id) ?? 0, assignments: assignments.get(a.id) ?? 0 })),
  });
}

export default function CallApplications() {
  const { call, counts, matching, pages, listing, applications } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const f = useFormat();
  const filtered = Boolean(listing.statut || listing.region || listing.q);
  return (
    <>
      <Breadcrumb trail={[{ href: "/gestion", label: t("nav.management") }]} current={call.title} />
      <h1>{call.title}</h1>
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li>
          <a className="fr-btn" href={`/gestion/appels/${call.id}/classement`}>
            {t("staff.ranking")}
          </a>
        </li>
        <li>
          <a className="fr-btn fr-btn--secondary" href={`/gestion/appels/${call.id}/parametres`}>
            {t("callSetup.settingsLink")}
          </a>
        </li>
        <li>
          <a className="fr-btn fr-btn--secondary" href={`/gestion/appels/${call.id}/courriers`}>
            {t("letterTemplates.title")}
          </a>
        </li>
      </ul>
      <h2 className="fr-h6">{t("staff.countsByStatus")}</h2>
      <ul className="fr-tags-group fr-mb-3w">
        {counts.map(({ status, count }) => (
          <li key={status}>
            <a className="fr-tag" href={listingHref(listing, FILE_SORTS, { statut: status, page: 1 })}>
              {t(`status.${status}`)} : {count}
            </a>
          </li>
        ))}
      </ul>
      <ListingFilters
        listing={listing}
        statuses={APPLICATION_STATUSES}
        allStatuses={t("staff.allSubmitted")}
        regions={REGIONS}
        sorts={FILE_SORTS.map((s) => ({ value: s, label: t(`staff.fileSorts.${s}`) }))}
        clearHref={filtered ? `/gestion/appels/${call.id}` : null}
      />
      <div className="fr-table">
        <table>
          <caption>
            {t("staff.applicationsCaption", { count: matching })} — {t("staff.pageOf", { page: listing.page, pages, count: matching })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("staff.receipt")}</th>
              <th scope="col">{t("staff.organization")}</th>
              <th scope="col">{t("staff.project")}</th>
              <th scope="col">{t("staff.requested")}</th>
              <th scope="col">{t("staff.reviews")}</th>
              <th scope="col">{t("staff.applicationStatus")}</th>
            </tr>
          </thead>
          <tbody>
            {applications.map((a) => (
              <tr key={a.id}>
                <td>
                  {a.receiptNumber ?? "—"}
                  {a.submittedAt ? (
                    <>
                      <br />
                      <span className="fr-text--xs">{f.date(a.submittedAt)}</span>
                    </>
                  ) : null}
                </td>
                <td>
                  {a.organization.legalName}
                  <br />
                  <span className="fr-text--xs">{a.organization.region}</span>
                </td>
                <td>
                  <a href={`/gestion/dossiers/${a.id}`}>{a.projectTitle || t("applicant.untitled")}</a>
                </td>
                <td>{a.requestedCents !== null ? f.euros(a.requestedCents) : "—"}</td>
                <td>
                  {a.reviews} / {a.assignments}
                </td>
                <td>
                  <StatusBadge status={a.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {applications.length === 0 ? <p>{t("staff.noMatch")}</p> : null}
      <Pagination page={listing.page} count={pages} hrefFor={(page) => listingHref(listing, FILE_SORTS, { page })} />
    </>
  );
}

import { pageTitle } from "~/i18n/meta";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumb } from "~/ui/breadcrumb";
import { requireAllowed } from "~/auth/permissions.server";
import { prisma } from "~/db.server";
import { APPLICATION_STATUSES } from "~/domain/application-status";
import { StatusBadge } from "~/ui/status-badge";
import { useFormat } from "~/ui/format";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "titles.callApplications");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAllowed(request, "staff.area", null);
  const call = await prisma.call.findUnique({
    where: { id: params.callId ?? "" },
    select: { id: true, title: true, code: true, closesAt: true },
  });
  if (!call) throw new Response("Not found", { status: 404 });
  const status = new URL(request.url).searchParams.get("statut");
  const filter = APPLICATION_STATUSES.find((s) => s === status);
  const applications = await prisma.application.findMany({
    where: { callId: call.id, status: filter ?? { not: "DRAFT" } },
    orderBy: [{ submittedAt: "asc" }],
    select: {
      id: true,
      projectTitle: true,
      status: true,
      receiptNumber: true,
      submittedAt: true,
      requestedCents: true,
      organization: { select: { legalName: true, region: true } },
      _count: { select: { assignments: true, reviews: { where: { status: "SUBMITTED" } } } },
    },
  });
  return json({ call, applications, filter: filter ?? null });
}

export default function CallApplications() {
  const { call, applications, filter } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const f = useFormat();
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
      </ul>
      <form method="get" className="fr-mb-3w">
        <div className="fr-select-group">
          <label className="fr-label" htmlFor="statut">
            {t("staff.filterByStatus")}
          </label>
          <select className="fr-select" id="statut" name="statut" defaultValue={params.get("statut") ?? ""}>
            <option value="">{t("staff.allSubmitted")}</option>
            {APPLICATION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="fr-btn fr-btn--secondary fr-btn--sm">
          {t("staff.filter")}
        </button>
      </form>
      <div className="fr-table">
        <table>
          <caption>{t("staff.applicationsCaption", { count: applications.length })}</caption>
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
                  {a._count.reviews} / {a._count.assignments}
                </td>
                <td>
                  <StatusBadge status={a.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {filter ? <a href={`/gestion/appels/${call.id}`}>{t("staff.clearFilter")}</a> : null}
    </>
  );
}

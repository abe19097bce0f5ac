import { pageTitle } from "~/i18n/meta";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useContentLang } from "~/ui/content-lang";
import { requireAllowed } from "~/auth/permissions.server";
import { prisma } from "~/db.server";
import { useFormat } from "~/ui/format";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "titles.reviews");

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireAllowed(request, "reviewer.area", null);
  const assignments = await prisma.assignment.findMany({
    where: {
      reviewerId: viewer.id,
      status: { not: "DECLINED" },
      application: { conflicts: { none: { reviewerId: viewer.id } } },
    },
    orderBy: [{ status: "asc" }, { dueAt: "asc" }],
    select: {
      id: true,
      status: true,
      dueAt: true,
      application: {
        select: { projectTitle: true, organization: { select: { legalName: true } }, call: { select: { title: true } } },
      },
    },
  });
  return json({ assignments });
}

export default function ReviewerHome() {
  const { assignments } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const lang = useContentLang();
  const f = useFormat();
  const pending = assignments.filter((a) => a.status === "PENDING").length;
  return (
    <>
      <h1>{t("reviewer.title")}</h1>
      <p>{t("reviewer.pendingCount", { count: pending })}</p>
      {assignments.length === 0 ? (
        <p>{t("reviewer.none")}</p>
      ) : (
        <div className="fr-table">
          <table>
            <caption className="fr-sr-only">{t("reviewer.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("reviewer.project")}</th>
                <th scope="col">{t("reviewer.organization")}</th>
                <th scope="col">{t("reviewer.call")}</th>
                <th scope="col">{t("reviewer.due")}</th>
                <th scope="col">{t("reviewer.state")}</th>
              </tr>
            </thead>
            <tbody>
              {assignments.map((a) => (
                <tr key={a.id}>
                  <td>
                    <a href={`/expertise/${a.id}`} lang={lang}>
                      {a.application.projectTitle}
                    </a>
                  </td>
                  <td lang={lang}>{a.application.organization.legalName}</td>
                  <td lang={lang}>{a.application.call.title}</td>
                  <td>{a.dueAt ? f.date(a.dueAt) : "—"}</td>
                  <td>
                    <p className={`fr-badge fr-badge--sm ${a.status === "SUBMITTED" ? "fr-badge--success" : "fr-badge--new"}`}>
                      {t(`reviewer.assignmentStatus.${a.status}`)}
                    </p>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

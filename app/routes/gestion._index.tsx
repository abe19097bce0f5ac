import { pageTitle } from "~/i18n/meta";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAllowed } from "~/auth/permissions.server";
import { prisma } from "~/db.server";
import { useFormat } from "~/ui/format";
import { callPhase } from "~/domain/call-lifecycle";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "titles.management");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAllowed(request, "staff.area", null);
  const calls = await prisma.call.findMany({
    orderBy: { closesAt: "desc" },
    select: { id: true, title: true, code: true, status: true, closesAt: true, budgetCents: true },
  });
  const counts = await prisma.application.groupBy({ by: ["callId", "status"], _count: { _all: true } });
  const now = new Date();
  return json({
    calls: calls.map((c) => {
      const mine = counts.filter((x) => x.callId === c.id);
      const count = (statuses: string[]) => mine.filter((x) => statuses.includes(x.status)).reduce((s, x) => s + x._count._all, 0);
      return {
        ...c,
        // « Clos » from the closing instant on, whatever is stored.
        status: callPhase(c, now),
        budgetCents: Number(c.budgetCents),
        drafts: count(["DRAFT"]),
        submitted: count(["SUBMITTED", "ELIGIBLE", "INELIGIBLE", "UNDER_REVIEW", "REVIEWED", "LAUREATE", "WAITLISTED", "REJECTED"]),
        toCheck: count(["SUBMITTED"]),
        laureates: count(["LAUREATE"]),
      };
    }),
  });
}

export default function StaffHome() {
  const { calls } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <>
      <h1>{t("staff.title")}</h1>
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li>
          <a className="fr-btn" href="/gestion/appels/nouveau">
            {t("callSetup.newCall")}
          </a>
        </li>
        <li>
          <a className="fr-btn fr-btn--secondary" href="/gestion/appels/importer">
            {t("callSetup.importCall")}
          </a>
        </li>
      </ul>
      <div className="fr-table">
        <table>
          <caption>{t("staff.callsCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("staff.call")}</th>
              <th scope="col">{t("staff.callStatus")}</th>
              <th scope="col">{t("staff.closes")}</th>
              <th scope="col">{t("staff.envelope")}</th>
              <th scope="col">{t("staff.drafts")}</th>
              <th scope="col">{t("staff.submitted")}</th>
              <th scope="col">{t("staff.toCheck")}</th>
              <th scope="col">{t("staff.laureates")}</th>
            </tr>
          </thead>
          <tbody>
            {calls.map((c) => (
              <tr key={c.id}>
                <td>
                  <a href={`/gestion/appels/${c.id}`}>{c.title}</a>
                  <br />
                  <span className="fr-text--xs">{c.code}</span>
                </td>
                <td>{t(`callPhase.${c.status}`)}</td>
                <td>{f.dateTime(c.closesAt)}</td>
                <td>{f.euros(c.budgetCents)}</td>
                <td>{c.drafts}</td>
                <td>{c.submitted}</td>
                <td>{c.toCheck}</td>
                <td>{c.laureates}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

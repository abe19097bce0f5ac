import { pageTitle } from "~/i18n/meta";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useContentLang } from "~/ui/content-lang";
import { requireViewer, assertAllowed } from "~/auth/permissions.server";
import { prisma } from "~/db.server";
import { listPublicCalls } from "~/services/calls.server";
import { applicantVisibleStatus, isCallOpen, type ApplicationStatus } from "~/domain/application-status";
import { formatSiret } from "~/domain/siret";
import { StatusBadge } from "~/ui/status-badge";
import { useFormat } from "~/ui/format";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "titles.mySpace");

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  assertAllowed(viewer, "applicant.area", null);
  const organizationId = viewer.organizationIds[0];
  if (!organizationId) throw redirect("/espace/structure");
  const [organization, applications, calls] = await Promise.all([
    prisma.organization.findUniqueOrThrow({
      where: { id: organizationId },
      select: { legalName: true, siret: true, city: true, region: true },
    }),
    prisma.application.findMany({
      where: { organizationId },
      orderBy: { createdAt: "desc" },
      select: {
        id: true,
        projectTitle: true,
        status: true,
        receiptNumber: true,
        submittedAt: true,
        notifiedAt: true,
        call: { select: { id: true, title: true } },
      },
    }),
    listPublicCalls(),
  ]);
  const now = new Date();
  const appliedCallIds = new Set(applications.map((a) => a.call.id));
  return json({
    organization: { ...organization, siret: formatSiret(organization.siret) },
    applications: applications.map(({ status, notifiedAt, ...a }) => ({
      ...a,
      status: applicantVisibleStatus(status as ApplicationStatus, notifiedAt !== null),
    })),
    openCalls: calls
      .filter((c) => isCallOpen(c, now) && !appliedCallIds.has(c.id))
      .map((c) => ({ id: c.id, slug: c.slug, title: c.title, closesAt: c.closesAt })),
  });
}

export default function ApplicantHome() {
  const { organization, applications, openCalls } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const lang = useContentLang();
  const f = useFormat();
  return (
    <>
      <h1>{t("applicant.title")}</h1>
      <div className="fr-callout fr-mb-4w">
        <h2 className="fr-callout__title">{organization.legalName}</h2>
        <p className="fr-callout__text fr-text--md">
          {t("applicant.siret", { siret: organization.siret })} · {organization.city} · {organization.region}
        </p>
      </div>
      <h2>{t("applicant.applications")}</h2>
      {applications.length === 0 ? (
        <p>{t("applicant.noApplication")}</p>
      ) : (
        <div className="fr-table">
          <table>
            <caption className="fr-sr-only">{t("applicant.applications")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("applicant.call")}</th>
                <th scope="col">{t("applicant.project")}</th>
                <th scope="col">{t("applicant.status")}</th>
                <th scope="col">{t("applicant.receipt")}</th>
              </tr>
            </thead>
            <tbody>
              {applications.map((a) => (
                <tr key={a.id}>
                  <td lang={lang}>{a.call.title}</td>
                  <td>
                    <a href={`/espace/dossiers/${a.id}`} lang={a.projectTitle ? lang : undefined}>
                      {a.projectTitle || t("applicant.untitled")}
                    </a>
                  </td>
                  <td>
                    <StatusBadge status={a.status} />
                  </td>
                  <td>{a.receiptNumber ? `${a.receiptNumber} (${f.date(a.submittedAt!)})` : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {openCalls.length > 0 ? (
        <>
          <h2 className="fr-mt-4w">{t("applicant.openCalls")}</h2>
          <ul>
            {openCalls.map((c) => (
              <li key={c.id}>
                <a href={`/appels/${c.slug}`} lang={lang}>
                  {c.title}
                </a> — {t("home.closesOn", { date: f.dateTime(c.closesAt) })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

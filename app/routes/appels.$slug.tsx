import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useContentLang } from "~/ui/content-lang";
import { Breadcrumb } from "~/ui/breadcrumb";
import { getPublicCall, listPublishedLaureates } from "~/services/calls.server";
import { allowPublic, can } from "~/auth/permissions.server";
import { isCallOpen } from "~/domain/application-status";
import { renderMarkdown } from "~/domain/rich-text";
import { prisma } from "~/db.server";
import { useFormat } from "~/ui/format";
import { SignInOrUp } from "~/ui/sign-in-or-up";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.call.title ?? ""} — Lauréat` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await allowPublic(request, "call.browse");
  const call = await getPublicCall(params.slug ?? "");
  if (!call) throw new Response("Not found", { status: 404 });
  const canApply = can(viewer, "application.start", null);
  const organizationId = viewer?.organizationIds[0];
  const existing =
    canApply && organizationId
      ? await prisma.application.findUnique({
          where: { callId_organizationId: { callId: call.id, organizationId } },
          select: { id: true },
        })
      : null;
  const laureates = call.status === "ANNOUNCED" ? await listPublishedLaureates(call.id) : [];
  return json({
    call,
    rulesHtml: renderMarkdown(call.rules),
    open: isCallOpen(call, new Date()),
    signedIn: viewer !== null,
    needsOrganization: viewer?.role === "APPLICANT" && !canApply,
    canApply,
    existingApplicationId: existing?.id ?? null,
    laureates,
  });
}

export default function CallPage() {
  const { call, rulesHtml, open, signedIn, needsOrganization, canApply, existingApplicationId, laureates } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const lang = useContentLang();
  const f = useFormat();
  return (
    <>
      <Breadcrumb trail={[{ href: "/", label: t("nav.calls") }]} current={call.title} />
      <h1 lang={lang}>{call.title}</h1>
      <p className="fr-text--lead" lang={lang}>
        {call.summary}
      </p>
      <div className="fr-grid-row fr-grid-row--gutters fr-mb-4w">
        <div className="fr-col-12 fr-col-md-8">
          <h2>{t("call.rules")}</h2>
          {/* Rendered from Markdown on the server, with every HTML tag of the text escaped. */}
          <div className="laureat-rules" lang={lang} dangerouslySetInnerHTML={{ __html: rulesHtml }} />
          <h2 className="fr-mt-4w">{t("call.eligibility")}</h2>
          <ul>
            <li>
              {call.eligibleRegions.length > 0 ? t("call.eligibleRegions", { list: call.eligibleRegions.join(", ") }) : t("call.anyRegion")}
            </li>
            <li>{call.legalForms.length > 0 ? t("call.legalForms", { list: call.legalForms.join(", ") }) : t("call.anyLegalForm")}</li>
            <li>{t("call.grantBounds", { min: f.euros(call.minGrantCents), max: f.euros(call.maxGrantCents) })}</li>
            {call.maxCostShare !== null ? <li>{t("call.costShare", { share: call.maxCostShare })}</li> : null}
          </ul>
          {call.documents.length > 0 ? (
            <>
              <h2 className="fr-mt-4w">{t("call.documents")}</h2>
              <ul>
                {call.documents.map((document) => (
                  <li key={document.label} lang={lang}>
                    {document.label}
                    {document.required ? null : ` ${t("call.documentOptional")}`}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <h2 className="fr-mt-4w">{t("call.criteria")}</h2>
          <div className="fr-table">
            <table>
              <caption>{t("call.criteriaCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("call.criterion")}</th>
                  <th scope="col">{t("call.weight")}</th>
                </tr>
              </thead>
              <tbody>
                {call.criteria.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <strong>{c.label}</strong>
                      <br />
                      <span className="fr-text--sm">{c.description}</span>
                    </td>
                    <td>{c.weight} %</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {laureates.length > 0 ? (
            <>
              <h2 className="fr-mt-4w">{t("call.laureates")}</h2>
              <div className="fr-table">
                <table>
                  <caption>{t("call.laureatesCaption", { count: laureates.length })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("call.organization")}</th>
                      <th scope="col">{t("call.region")}</th>
                      <th scope="col">{t("call.project")}</th>
                      <th scope="col">{t("call.grant")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {laureates.map((l) => (
                      <tr key={l.id}>
                        <td lang={lang}>{l.organization.legalName}</td>
                        <td>{l.organization.region}</td>
                        <td lang={lang}>{l.projectTitle}</td>
                        <td>{l.decision?.awardedCents ? f.euros(l.decision.awardedCents) : "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : null}
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <div className="fr-callout">
            <h2 className="fr-callout__title">{t("call.calendar")}</h2>
            <ul className="fr-callout__text fr-text--md">
              <li>{t("call.opensAt", { date: f.date(call.opensAt) })}</li>
              <li>{t("call.closesAt", { date: f.dateTime(call.closesAt) })}</li>
              {call.reviewDeadline ? <li>{t("call.reviewUntil", { date: f.date(call.reviewDeadline) })}</li> : null}
              {call.committeeDate ? <li>{t("call.committeeOn", { date: f.date(call.committeeDate) })}</li> : null}
              <li>{t("call.envelope", { amount: f.euros(call.budgetCents) })}</li>
              <li>{t("call.grantRange", { min: f.euros(call.minGrantCents), max: f.euros(call.maxGrantCents) })}</li>
            </ul>
            {open ? (
              canApply ? (
                existingApplicationId ? (
                  <a className="fr-btn" href={`/espace/dossiers/${existingApplicationId}`}>
                    {t("call.resume")}
                  </a>
                ) : (
                  <Form method="post" action={`/espace/appels/${call.id}/candidater`}>
                    <button type="submit" className="fr-btn">
                      {t("call.apply")}
                    </button>
                  </Form>
                )
              ) : needsOrganization ? (
                <a className="fr-btn" href="/espace/structure">
                  {t("call.createOrganizationFirst")}
                </a>
              ) : !signedIn ? (
                <>
                  <p className="fr-text--sm">{t("call.signInToApply")}</p>
                  <SignInOrUp redirectTo={`/appels/${call.slug}`} />
                </>
              ) : null
            ) : (
              <p className="fr-badge">{t("call.closed")}</p>
            )}
          </div>
          {call.contactEmail || call.contactPhone || call.contactOffice ? (
            <div className="fr-mt-3w">
              <h2 className="fr-h5">{t("call.contact")}</h2>
              {call.contactOffice ? <p className="laureat-prewrap fr-mb-1w">{call.contactOffice}</p> : null}
              <ul className="fr-raw-list">
                {call.contactEmail ? (
                  <li>
                    <a href={`mailto:${call.contactEmail}`}>{call.contactEmail}</a>
                  </li>
                ) : null}
                {call.contactPhone ? (
                  <li>
                    <a href={`tel:${call.contactPhone.replace(/[^\d+]/g, "")}`}>{call.contactPhone}</a>
                  </li>
                ) : null}
              </ul>
            </div>
          ) : null}
        </div>
      </div>
    </>
  );
}

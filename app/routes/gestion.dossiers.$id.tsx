import { pageTitle } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { Breadcrumb } from "~/ui/breadcrumb";
import { requireAllowed } from "~/auth/permissions.server";
import { prisma } from "~/db.server";
import { requireApplicationAccess } from "~/services/applications.server";
import { loadApplicationContent } from "~/services/application-forms.server";
import type { FormDefinition } from "~/domain/form-definition";
import { ApplicationAnswers, EligibilityChecklist } from "~/ui/application-form";
import { historyRecordsOf, loadStaffFile } from "~/services/staff-file.server";
import { assignReviewer, loadFileHistory, recordEligibility } from "~/services/instruction.server";
import { decideApplication, issueDecisionLetter } from "~/services/decisions.server";
import { assignSchema, decisionSchema, eligibilitySchema, issueLetterSchema, OUTCOMES } from "~/schemas/staff";
import { readForm, replyWithDomainError } from "~/forms.server";
import { endOfParisDay, parisWallTimeToInstant } from "~/domain/dates";
import { centsToInputValue, parseEurosToCents } from "~/domain/money";
import { weightedScore } from "~/domain/scoring";
import { formatSiret } from "~/domain/siret";
import { RadioField, SelectField, TextAreaField, TextField, FormAlert } from "~/ui/fields";
import { StatusBadge } from "~/ui/status-badge";
import { useFormat } from "~/ui/format";
import { redirectWithFlash } from "~/http/flash.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "titles.staffApplication");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = params.id ?? "";
  await requireAllowed(request, "application.manage", await requireApplicationAccess(id));
  const app = await loadStaffFile(id);
  if (!app) throw new Response("Not found", { status: 404 });
  const assigned = new Set(app.assignments.map((a) => a.reviewer.id));
  const conflicted = new Set(app.conflicts.map((c) => c.reviewerId));
  const [reviewers, { events: history, intact: historyIntact }] = await Promise.all([
    prisma.user.findMany({
      where: { role: "REVIEWER" },
      orderBy: { name: "asc" },
      select: { id: true, name: true, _count: { select: { assignments: { where: { status: "PENDING" } } } } },
    }),
    loadFileHistory(historyRecordsOf(app)),
  ]);
  // The files are listed with the answers, by field, from the form's content below.
  const { decision, assignments, attachments: _listedWithAnswers, ...file } = app;
  const content = await loadApplicationContent(prisma, id);
  return json({
    content: { version: content.version, definition: content.definition, answers: content.answers, attachments: content.attachments, eligibility: content.eligibility },
    history,
    historyIntact,
    application: {
      ...file,
      organization: { ...app.organization, siret: formatSiret(app.organization.siret) },
      decision: decision && { outcome: decision.outcome, awardedCents: decision.awardedCents, motivation: decision.motivation, committeeDate: decision.committeeDate },
      assignments: assignments.map(({ review, ...a }) => ({
        ...a,
        review: review && { status: review.status, recommendation: review.recommendation, overallComment: review.overallComment, scores: review.scores },
        weighted: review?.status === "SUBMITTED" ? weightedScore(review.scores, app.call.criteria) : null,
      })),
    },
    availableReviewers: reviewers
      .filter((r) => !assigned.has(r.id) && !conflicted.has(r.id))
      .map((r) => ({ id: r.id, name: r.name, load: r._count.assignments })),
  });
}

function parseDay(value: string) {
  const [y, m, d] = value.split("-").map(Number);
  return { y: y!, m: m!, d: d! };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = params.id ?? "";
  const viewer = await requireAllowed(request, "application.manage", await requireApplicationAccess(id));
  const formData = await readForm(request);
  if (formData instanceof Response) return formData;
  const intent = formData.get("intent");
  if (intent === "eligibility") {
    const submission = parseWithZod(formData, { schema: eligibilitySchema });
    if (submission.status !== "success") return json(submission.reply(), { status: 400 });
    try {
      await recordEligibility(viewer, id, submission.value.eligible === "yes", submission.value.note);
    } catch (error) {
      return replyWithDomainError(submission, error);
    }
    return redirectWithFlash(`/gestion/dossiers/${id}`, { kind: "notice", key: "eligibilityRecorded" });
  }
  if (intent === "assign") {
    const submission = parseWithZod(formData, { schema: assignSchema });
    if (submission.status !== "success") return json(submission.reply(), { status: 400 });
    const due = submission.value.dueAt ? parseDay(submission.value.dueAt) : null;
    try {
      await assignReviewer(viewer, id, submission.value.reviewerId, due ? endOfParisDay(due.y, due.m, due.d) : null);
    } catch (error) {
      return replyWithDomainError(submission, error);
    }
    return redirectWithFlash(`/gestion/dossiers/${id}`, { kind: "notice", key: "reviewerAssigned" });
  }
  if (intent === "decide") {
    const submission = parseWithZod(formData, { schema: decisionSchema });
    if (submission.status !== "success") return json(submission.reply(), { status: 400 });
    const { decisionVersion, outcome, awardedAmount, motivation, committeeDate } = submission.value;
    const day = parseDay(committeeDate);
    try {
      await decideApplication(viewer, id, {
        decisionVersion,
        outcome,
        awardedCents: outcome === "LAUREATE" && awardedAmount ? parseEurosToCents(awardedAmount) : null,
        motivation,
        committeeDate: parisWallTimeToInstant(day.y, day.m, day.d, 12),
      });
    } catch (error) {
      return replyWithDomainError(submission, error);
    }
    return redirectWithFlash(`/gestion/dossiers/${id}`, { kind: "notice", key: "decisionRecorded" });
  }
  const submission = parseWithZod(formData, { schema: issueLetterSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  try {
    await issueDecisionLetter(viewer, id);
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
  return redirectWithFlash(`/gestion/dossiers/${id}`, { kind: "notice", key: "letterIssued" });
}

export default function StaffApplication() {
  const { application: app, availableReviewers, history, historyIntact, content } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const f = useFormat();
  const lastIntent = lastResult?.initialValue?.intent;
  const [eligibilityForm, eligibilityFields] = useForm({
    id: "eligibility",
    lastResult: lastIntent === "eligibility" ? lastResult : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: eligibilitySchema }),
  });
  const [assignForm, assignFields] = useForm({
    id: "assign",
    lastResult: lastIntent === "assign" ? lastResult : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: assignSchema }),
  });
  const today = new Date().toISOString().slice(0, 10);
  const [decisionForm, decisionFields] = useForm({
    id: "decide",
    lastResult: lastIntent === "decide" ? lastResult : undefined,
    defaultValue: {
      outcome: app.decision?.outcome ?? "",
      awardedAmount: centsToInputValue(app.decision?.awardedCents ?? app.requestedCents),
      motivation: app.decision?.motivation ?? "",
      committeeDate: app.decision ? app.decision.committeeDate.slice(0, 10) : today,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: decisionSchema }),
    shouldValidate: "onBlur",
  });
  const [letterForm] = useForm({ id: "letter", lastResult: lastIntent === "issueLetter" ? lastResult : undefined });
  const canDecide = ["REVIEWED", "LAUREATE", "WAITLISTED", "REJECTED"].includes(app.status) && !app.notifiedAt;
  const canAssign = ["ELIGIBLE", "UNDER_REVIEW", "REVIEWED"].includes(app.status);
  return (
    <>
      <Breadcrumb trail={[{ href: "/gestion", label: t("nav.management") }, { href: `/gestion/appels/${app.call.id}`, label: app.call.title }]} current={app.receiptNumber ?? app.projectTitle} />
      <h1>{app.projectTitle || t("applicant.untitled")}</h1>
      <StatusBadge status={app.status} />
      <div className="fr-mt-3w">
      </div>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-lg-7">
          <h2>{t("staff.file")}</h2>
          <dl>
            <dt className="fr-text--bold">{t("staff.organization")}</dt>
            <dd>
              {app.organization.legalName} — SIRET {app.organization.siret}
              <br />
              {app.organization.city}, {app.organization.region} · {app.organization.sector} ·{" "}
              {t("reviewer.members", { count: app.organization.membersCount })}
            </dd>
            <dt className="fr-text--bold fr-mt-2w">{t("staff.receipt")}</dt>
            <dd>{app.receiptNumber ? `${app.receiptNumber} — ${f.dateTime(app.submittedAt!)}` : "—"}</dd>
            <dt className="fr-text--bold fr-mt-2w">{t("staff.requested")}</dt>
            <dd>{app.requestedCents !== null ? f.euros(app.requestedCents) : "—"}</dd>
            {app.eligibilityNote ? (
              <>
                <dt className="fr-text--bold fr-mt-2w">{t("staff.eligibilityNote")}</dt>
                <dd>{app.eligibilityNote}</dd>
              </>
            ) : null}
          </dl>

          <EligibilityChecklist checks={content.eligibility} />
          <h2 className="fr-mt-4w">{t("application.content")}</h2>
          <p className="fr-text--sm">{t("applicationForm.version", { version: content.version })}</p>
          <ApplicationAnswers
            definition={content.definition as FormDefinition}
            answers={content.answers}
            attachments={content.attachments}
            attachmentHref={(attachmentId) => `/dossiers/${app.id}/pieces/${attachmentId}`}
            headingLevel={3}
          />

          <h2 className="fr-mt-4w">{t("staff.reviewsTitle")}</h2>
          {app.assignments.length === 0 ? <p>{t("staff.noReviewer")}</p> : null}
          {app.assignments.map((a) => (
            <div key={a.id} className="laureat-panel fr-p-3w fr-mb-2w">
              <h3 className="fr-h6 fr-mb-1w">
                {a.reviewer.name} — {t(`reviewer.assignmentStatus.${a.status}`)}
                {a.weighted !== null ? ` — ${t("staff.weightedScore", { score: f.score(a.weighted) })}` : ""}
              </h3>
              {a.review?.status === "SUBMITTED" ? (
                <>
                  <ul className="fr-text--sm">
                    {app.call.criteria.map((c) => {
                      const s = a.review!.scores.find((x) => x.criterionId === c.id);
                      return (
                        <li key={c.id}>
                          {c.label} : <strong>{s ? `${s.score} / ${c.scaleMax}` : "—"}</strong>
                          {s?.comment ? ` — ${s.comment}` : ""}
                        </li>
                      );
                    })}
                  </ul>
                  {a.review.recommendation ? (
                    <p className="fr-text--sm">
                      {t("reviewer.recommendation")} : {t(`reviewer.recommendations.${a.review.recommendation}`)}
                    </p>
                  ) : null}
                  {a.review.overallComment ? <p className="fr-text--sm laureat-prewrap">{a.review.overallComment}</p> : null}
                </>
              ) : a.dueAt ? (
                <p className="fr-text--sm">{t("reviewer.dueOn", { date: f.date(a.dueAt) })}</p>
              ) : null}
            </div>
          ))}

          {app.conflicts.length > 0 ? (
            <>
              <h2 className="fr-mt-4w">{t("staff.conflictsTitle")}</h2>
              <ul>
                {app.conflicts.map((c) => (
                  <li key={c.id}>
                    {t("staff.conflictLine", { name: c.reviewer.name, reason: c.reason })}
                  </li>
                ))}
              </ul>
            </>
          ) : null}

          <h2 className="fr-mt-4w">{t("staff.historyTitle")}</h2>
          {historyIntact ? null : (
            <div className="fr-alert fr-alert--warning fr-alert--sm fr-mb-2w" role="alert">
              <p>{t("staff.historyTampered")}</p>
            </div>
          )}
          <ol className="fr-text--sm">
            {history.map((event) => (
              <li key={event.id}>
                {f.dateTime(event.createdAt)} — {t(`audit.${event.action}`, { defaultValue: event.action })}
                {event.actor ? ` — ${event.actor.name}` : ""}
              </li>
            ))}
          </ol>

          {app.letters.length > 0 ? (
            <>
              <h2 className="fr-mt-4w">{t("staff.letters")}</h2>
              <ul>
                {app.letters.map((l) => (
                  <li key={l.id}>
                    <a href={`/dossiers/${app.id}/courrier`}>{l.reference}</a> — {f.dateTime(l.issuedAt)} —{" "}
                    <span className="fr-text--xs">SHA-256 {l.sha256.slice(0, 16)}…</span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>

        <div className="fr-col-12 fr-col-lg-5">
          {app.status === "SUBMITTED" || app.status === "INELIGIBLE" || app.status === "ELIGIBLE" ? (
            <section className="fr-mb-4w">
              <h2 className="fr-h4">{t("staff.eligibilityTitle")}</h2>
              <FormAlert errors={eligibilityForm.errors} />
              <Form method="post" {...getFormProps(eligibilityForm)}>
                <input type="hidden" name="intent" value="eligibility" />
                <RadioField
                  field={eligibilityFields.eligible}
                  legend={t("staff.eligibleQuestion")}
                  inline
                  options={(["yes", "no"] as const).map((v) => ({ value: v, label: t(`staff.eligible.${v}`) }))}
                />
                <TextAreaField field={eligibilityFields.note} label={t("staff.eligibilityNote")} hint={t("staff.eligibilityNoteHint")} rows={3} />
                <button type="submit" className="fr-btn">
                  {t("staff.recordEligibility")}
                </button>
              </Form>
            </section>
          ) : null}

          {canAssign ? (
            <section className="fr-mb-4w">
              <h2 className="fr-h4">{t("staff.assignTitle")}</h2>
              <FormAlert errors={assignForm.errors} />
              <Form method="post" {...getFormProps(assignForm)}>
                <input type="hidden" name="intent" value="assign" />
                <SelectField
                  field={assignFields.reviewerId}
                  label={t("staff.reviewer")}
                  placeholder={t("common.choose")}
                  options={availableReviewers.map((r) => ({ value: r.id, label: t("staff.reviewerOption", { name: r.name, count: r.load }) }))}
                />
                <TextField field={assignFields.dueAt} label={t("staff.dueAt")} type="date" />
                <button type="submit" className="fr-btn">
                  {t("staff.assign")}
                </button>
              </Form>
            </section>
          ) : null}

          {canDecide ? (
            <section className="fr-mb-4w">
              <h2 className="fr-h4">{t("staff.decisionTitle")}</h2>
              <FormAlert errors={decisionForm.errors} />
              <Form method="post" {...getFormProps(decisionForm)}>
                <input type="hidden" name="intent" value="decide" />
                <input type="hidden" name="decisionVersion" value={app.decisionVersion} />
                <SelectField
                  field={decisionFields.outcome}
                  label={t("staff.outcome")}
                  placeholder={t("common.choose")}
                  options={OUTCOMES.map((o) => ({ value: o, label: t(`status.${o}`) }))}
                />
                <TextField
                  field={decisionFields.awardedAmount}
                  label={t("staff.awardedAmount")}
                  hint={t("staff.awardedAmountHint", { min: f.euros(app.call.minGrantCents), max: f.euros(app.call.maxGrantCents) })}
                  inputMode="decimal"
                />
                <TextAreaField field={decisionFields.motivation} label={t("staff.motivation")} hint={t("staff.motivationHint")} rows={5} />
                <TextField field={decisionFields.committeeDate} label={t("staff.committeeDate")} type="date" />
                <button type="submit" className="fr-btn">
                  {t("staff.recordDecision")}
                </button>
              </Form>
            </section>
          ) : null}

          {app.decision && !app.notifiedAt ? (
            <section className="fr-mb-4w">
              <h2 className="fr-h4">{t("staff.letterTitle")}</h2>
              <p className="fr-text--sm">{t("staff.letterHint")}</p>
              <p>
                <a className="fr-link fr-icon-file-pdf-line fr-link--icon-left" href={`/gestion/appels/${app.call.id}/courriers/apercu/${app.id}`}>
                  {t("letterTemplates.previewLetter")}
                </a>
              </p>
              <FormAlert errors={letterForm.errors} />
              <Form method="post" {...getFormProps(letterForm)}>
                <input type="hidden" name="intent" value="issueLetter" />
                <button type="submit" className="fr-btn fr-icon-mail-line fr-btn--icon-left">
                  {t("staff.issueLetter")}
                </button>
              </Form>
            </section>
          ) : null}
        </div>
      </div>
    </>
  );
}

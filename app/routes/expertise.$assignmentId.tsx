import { pageTitle } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps, useForm, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { useContentLang } from "~/ui/content-lang";
import { Breadcrumb } from "~/ui/breadcrumb";
import { requireAllowed } from "~/auth/permissions.server";
import { prisma } from "~/db.server";
import { declareConflict, loadAssignmentAccess, saveReview } from "~/services/reviews.server";
import { buildReviewSchema, conflictSchema, readReviewScores, RECOMMENDATIONS, REVIEW_LIMITS } from "~/schemas/review";
import { readForm, replyWithDomainError } from "~/forms.server";
import { ErrorSummary, RadioField, RequiredFieldsNotice, TextAreaField, FormAlert } from "~/ui/fields";
import { useFormat } from "~/ui/format";
import { redirectWithFlash } from "~/http/flash.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "titles.review");

async function loadCriteria(assignmentId: string) {
  const assignment = await prisma.assignment.findUniqueOrThrow({
    where: { id: assignmentId },
    select: { application: { select: { call: { select: { halfPoints: true, criteria: { orderBy: { position: "asc" } } } } } } },
  });
  return assignment.application.call;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = params.assignmentId ?? "";
  await requireAllowed(request, "assignment.review", await loadAssignmentAccess(id));
  const assignment = await prisma.assignment.findUniqueOrThrow({
    where: { id },
    select: {
      id: true,
      status: true,
      dueAt: true,
      application: {
        select: {
          id: true,
          projectTitle: true,
          summary: true,
          requestedCents: true,
          receiptNumber: true,
          organization: { select: { legalName: true, region: true, sector: true, membersCount: true } },
          call: { select: { title: true } },
          attachments: { select: { id: true, filename: true } },
        },
      },
      review: {
        select: {
          status: true,
          overallComment: true,
          recommendation: true,
          scores: { select: { criterionId: true, score: true, comment: true } },
        },
      },
    },
  });
  const { halfPoints, criteria: stored } = await loadCriteria(id);
  // With half points, scores are stored in halves: the expert reads and picks points.
  const step = halfPoints ? 0.5 : 1;
  const criteria = stored.map((c) => ({
    id: c.id,
    label: c.label,
    description: c.description,
    weight: c.weight,
    scaleMax: c.scaleMax,
    threshold: c.threshold,
    levels: c.levels,
  }));
  return json({ assignment, criteria, step });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = params.assignmentId ?? "";
  const viewer = await requireAllowed(request, "assignment.review", await loadAssignmentAccess(id));
  const formData = await readForm(request);
  if (formData instanceof Response) return formData;
  if (formData.get("intent") === "conflict") {
    const submission = parseWithZod(formData, { schema: conflictSchema });
    if (submission.status !== "success") return json(submission.reply(), { status: 400 });
    try {
      await declareConflict(viewer, id, submission.value.reason);
    } catch (error) {
      return replyWithDomainError(submission, error);
    }
    return redirectWithFlash("/expertise", { kind: "notice", key: "conflictDeclared" });
  }
  const { criteria } = await loadCriteria(id);
  const submission = parseWithZod(formData, { schema: buildReviewSchema(criteria) });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const values = submission.value as Record<string, unknown>;
  const submit = values.intent === "submit";
  try {
    await saveReview(
      viewer,
      id,
      {
        scores: readReviewScores(values, criteria),
        overallComment: String(values.overallComment ?? ""),
        recommendation: (values.recommendation as (typeof RECOMMENDATIONS)[number] | undefined) ?? null,
      },
      submit,
    );
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
  return submit
    ? redirectWithFlash("/expertise", { kind: "notice", key: "reviewSubmitted" })
    : redirectWithFlash(`/expertise/${id}`, { kind: "notice", key: "reviewSaved" });
}

export default function ReviewPage() {
  const { assignment, criteria, step } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const lang = useContentLang();
  const f = useFormat();
  const app = assignment.application;
  const points = (units: number) => (Number.isInteger(units * step) ? f.count(units * step) : f.score(units * step).replace(/0$/, ""));
  const review = assignment.review;
  const submitted = assignment.status === "SUBMITTED";
  const defaultValue: Record<string, string> = {
    overallComment: review?.overallComment ?? "",
    recommendation: review?.recommendation ?? "",
  };
  for (const s of review?.scores ?? []) {
    defaultValue[`score_${s.criterionId}`] = String(s.score);
    defaultValue[`comment_${s.criterionId}`] = s.comment;
  }
  const schema = buildReviewSchema(criteria);
  const lastIntent = lastResult?.initialValue?.intent;
  const [conflictForm, conflictFields] = useForm({
    id: "conflict",
    lastResult: lastIntent === "conflict" ? lastResult : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: conflictSchema }),
    shouldValidate: "onBlur",
  });
  const [form, fields] = useForm({
    lastResult: lastIntent === "conflict" ? undefined : lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
  });
  const field = (name: string) => fields[name as keyof typeof fields] as FieldMetadata<string>;
  return (
    <>
      <Breadcrumb trail={[{ href: "/expertise", label: t("nav.reviews") }]} current={app.projectTitle} />
      <h1 lang={lang}>{app.projectTitle}</h1>
      <p>
        {app.organization.legalName} · {app.organization.region} · {app.call.title}
      </p>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-5">
          <div className="laureat-panel fr-p-3w">
            <h2 className="fr-h5">{t("reviewer.fileSummary")}</h2>
            <p className="laureat-prewrap fr-text--sm">{app.summary}</p>
            <p className="fr-text--sm">
              {t("reviewer.requested", { amount: app.requestedCents ? f.euros(app.requestedCents) : "—" })}
              <br />
              {t("reviewer.members", { count: app.organization.membersCount })} · {app.organization.sector}
              <br />
              {t("reviewer.receipt", { number: app.receiptNumber })}
            </p>
            {app.attachments.map((a) => (
              <a key={a.id} className="fr-link fr-icon-file-pdf-line fr-link--icon-left" href={`/dossiers/${app.id}/pieces/${a.id}`}>
                {a.filename}
              </a>
            ))}
            {assignment.dueAt ? <p className="fr-text--sm fr-mt-2w">{t("reviewer.dueOn", { date: f.date(assignment.dueAt) })}</p> : null}
          </div>
          {submitted ? null : (
            <section className="laureat-panel fr-p-3w fr-mt-3w" aria-labelledby="conflict-title">
              <h2 className="fr-h6" id="conflict-title">
                {t("reviewer.conflictTitle")}
              </h2>
              <p className="fr-text--sm">{t("reviewer.conflictHint")}</p>
              <FormAlert errors={conflictForm.errors} />
              <Form method="post" {...getFormProps(conflictForm)}>
                <input type="hidden" name="intent" value="conflict" />
                <TextAreaField field={conflictFields.reason} label={t("reviewer.conflictReason")} rows={3} maxLength={REVIEW_LIMITS.conflictReason} />
                <button type="submit" className="fr-btn fr-btn--secondary fr-btn--sm">
                  {t("reviewer.declareConflict")}
                </button>
              </Form>
            </section>
          )}
        </div>
        <div className="fr-col-12 fr-col-md-7">
          {submitted ? (
            <div className="fr-alert fr-alert--info fr-mb-3w">
              <p>{t("reviewer.alreadySubmitted")}</p>
            </div>
          ) : null}
          <FormAlert errors={form.errors} id={form.errorId} />
          <ErrorSummary
            reply={lastIntent === "conflict" ? undefined : lastResult}
            items={[
              ...criteria.flatMap((c) => [
                { id: field(`score_${c.id}`).id, label: `${c.label} — ${t("reviewer.score")}`, errors: field(`score_${c.id}`).errors },
                { id: field(`comment_${c.id}`).id, label: `${c.label} — ${t("reviewer.comment")}`, errors: field(`comment_${c.id}`).errors },
              ]),
              { id: field("recommendation").id, label: t("reviewer.recommendation"), errors: field("recommendation").errors },
              { id: field("overallComment").id, label: t("reviewer.overallComment"), errors: field("overallComment").errors },
            ]}
          />
          <Form method="post" {...getFormProps(form)}>
            <RequiredFieldsNotice />
            {criteria.map((c) => (
              <section key={c.id} className="fr-mb-4w">
                <h2 className="fr-h5 fr-mb-1w">
                  {c.label} <span className="fr-text--sm">({t("reviewer.weight", { weight: c.weight })})</span>
                </h2>
                <p className="fr-text--sm fr-mb-1w">{c.description}</p>
                {c.levels.length > 0 ? (
                  <ul className="fr-text--sm fr-mb-1w" aria-label={t("reviewer.levels", { criterion: c.label })}>
                    {c.levels.map((level) => (
                      <li key={level}>{level}</li>
                    ))}
                  </ul>
                ) : null}
                {c.threshold !== null ? (
                  <p className="fr-text--sm fr-mb-1w">{t("reviewer.thresholdRule", { threshold: points(c.threshold), max: points(c.scaleMax) })}</p>
                ) : null}
                {/* Every criterion has the same visible labels; screen readers also hear which criterion. */}
                <RadioField
                  field={field(`score_${c.id}`)}
                  legend={
                    <>
                      {t("reviewer.scoreLegend", { max: points(c.scaleMax) })}
                      <span className="fr-sr-only"> — {c.label}</span>
                    </>
                  }
                  inline
                  options={Array.from({ length: c.scaleMax + 1 }, (_, i) => ({ value: String(i), label: points(i) }))}
                  disabled={submitted}
                  errorValues={{ max: points(c.scaleMax) }}
                />
                <TextAreaField
                  field={field(`comment_${c.id}`)}
                  label={
                    <>
                      {t("reviewer.comment")}
                      <span className="fr-sr-only"> — {c.label}</span>
                    </>
                  }
                  rows={3}
                  maxLength={REVIEW_LIMITS.comment}
                  optional
                />
              </section>
            ))}
            <RadioField
              field={field("recommendation")}
              legend={t("reviewer.recommendation")}
              options={RECOMMENDATIONS.map((r) => ({ value: r, label: t(`reviewer.recommendations.${r}`) }))}
              disabled={submitted}
            />
            <TextAreaField field={field("overallComment")} label={t("reviewer.overallComment")} rows={5} maxLength={REVIEW_LIMITS.overallComment} optional />
            {submitted ? null : (
              <ul className="fr-btns-group fr-btns-group--inline-md">
                <li>
                  <button type="submit" name="intent" value="save" className="fr-btn fr-btn--secondary">
                    {t("reviewer.saveDraft")}
                  </button>
                </li>
                <li>
                  <button type="submit" name="intent" value="submit" className="fr-btn">
                    {t("reviewer.submit")}
                  </button>
                </li>
              </ul>
            )}
          </Form>
        </div>
      </div>
    </>
  );
}

import { pageTitle } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { useContentLang } from "~/ui/content-lang";
import { Breadcrumb } from "~/ui/breadcrumb";
import { requireAllowed, requireViewer, assertAllowed, can, forbidden } from "~/auth/permissions.server";
import { prisma } from "~/db.server";
import { APPLICATION_LIMITS, applicationFormSchema } from "~/schemas/application";
import {
  PROJECT_PDF,
  requireApplicationAccess,
  saveDraft,
  submitApplication,
  withdrawApplication,
} from "~/services/applications.server";
import { applicantVisibleStatus, isCallOpen, type ApplicationStatus } from "~/domain/application-status";
import { centsToInputValue, parseEurosToCents } from "~/domain/money";
import { readForm, replyWithDomainError } from "~/forms.server";
import { FileField, FormAlert, RequiredFieldsNotice, TextAreaField, TextField } from "~/ui/fields";
import { StatusBadge } from "~/ui/status-badge";
import { useFormat } from "~/ui/format";
import { redirectWithFlash } from "~/http/flash.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "titles.application");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = params.id ?? "";
  const access = await requireApplicationAccess(id);
  const viewer = await requireAllowed(request, "application.view", access);
  assertAllowed(viewer, "applicant.area", null);
  const app = await prisma.application.findUniqueOrThrow({
    where: { id },
    select: {
      id: true,
      status: true,
      projectTitle: true,
      summary: true,
      requestedCents: true,
      receiptNumber: true,
      submittedAt: true,
      notifiedAt: true,
      eligibilityNote: true,
      organization: { select: { legalName: true } },
      call: { select: { title: true, slug: true, status: true, opensAt: true, closesAt: true, minGrantCents: true, maxGrantCents: true } },
      attachments: { where: { kind: PROJECT_PDF }, select: { id: true, filename: true, sizeBytes: true } },
      decision: { select: { outcome: true, awardedCents: true, motivation: true } },
      letters: { orderBy: { issuedAt: "desc" }, take: 1, select: { reference: true, issuedAt: true } },
    },
  });
  const notified = app.notifiedAt !== null;
  const { decision, letters, call, eligibilityNote, ...rest } = app;
  return json({
    application: {
      ...rest,
      ineligibilityReason: app.status === "INELIGIBLE" ? eligibilityNote : null,
      status: applicantVisibleStatus(app.status as ApplicationStatus, notified),
      editable: app.status === "DRAFT" && isCallOpen(call, new Date()),
      withdrawable: ["DRAFT", "SUBMITTED"].includes(app.status),
    },
    call: { title: call.title, slug: call.slug, closesAt: call.closesAt, minGrantCents: call.minGrantCents, maxGrantCents: call.maxGrantCents },
    attachment: app.attachments[0] ?? null,
    decision: notified ? decision : null,
    letter: notified ? (letters[0] ?? null) : null,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = params.id ?? "";
  const viewer = await requireViewer(request);
  const access = await requireApplicationAccess(id);
  // Authorized before the body is read; the file is read only from someone who may edit.
  const editable = can(viewer, "application.edit", access);
  if (!editable && !can(viewer, "application.withdraw", access)) throw forbidden();
  const formData = await readForm(request, { files: editable ? ["projectPdf"] : [] });
  if (formData instanceof Response) return formData;
  if (formData.get("intent") === "withdraw") {
    // Withdrawing cannot be undone: without the ticked confirmation nothing happens.
    if (formData.get("confirmWithdraw") !== "yes") return redirectWithFlash(`/espace/dossiers/${id}`, { kind: "error", key: "withdrawNotConfirmed" });
    await withdrawApplication(viewer, id);
    return redirectWithFlash(`/espace/dossiers/${id}`, { kind: "notice", key: "withdrawn" });
  }
  assertAllowed(viewer, "application.edit", access);
  const submission = parseWithZod(formData, { schema: applicationFormSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const { intent, projectTitle, summary, requestedAmount, projectPdf } = submission.value;
  try {
    await saveDraft(viewer, id, {
      projectTitle,
      summary,
      requestedCents: requestedAmount ? parseEurosToCents(requestedAmount) : null,
      projectPdf: projectPdf ?? null,
    });
    if (intent === "submit") {
      await submitApplication(viewer, id);
      return redirectWithFlash(`/espace/dossiers/${id}`, { kind: "notice", key: "submitted" });
    }
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
  return redirectWithFlash(`/espace/dossiers/${id}`, { kind: "notice", key: "draftSaved" });
}

export default function ApplicationPage() {
  const { application, call, attachment, decision, letter } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const lang = useContentLang();
  const f = useFormat();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: {
      projectTitle: application.projectTitle,
      summary: application.summary,
      requestedAmount: centsToInputValue(application.requestedCents),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: applicationFormSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const busy = navigation.state === "submitting";
  return (
    <>
      <Breadcrumb trail={[{ href: "/espace", label: t("nav.mySpace") }]} current={application.projectTitle || t("applicant.untitled")} />
      <h1 lang={application.projectTitle ? lang : undefined}>{application.projectTitle || t("applicant.untitled")}</h1>
      <p>
        {call.title} · {application.organization.legalName}
      </p>
      <StatusBadge status={application.status} />
      <div className="fr-mt-3w">
      </div>

      {application.receiptNumber ? (
        <div className="fr-callout fr-callout--green-emeraude fr-my-3w">
          <h2 className="fr-callout__title">{t("application.receiptTitle")}</h2>
          <p className="fr-callout__text">
            {t("application.receiptText", {
              number: application.receiptNumber,
              date: f.dateTime(application.submittedAt!),
            })}
          </p>
        </div>
      ) : null}

      {application.ineligibilityReason ? (
        <div className="fr-alert fr-alert--error fr-my-3w">
          <h2 className="fr-alert__title">{t("application.ineligibleTitle")}</h2>
          <p className="laureat-prewrap">{application.ineligibilityReason}</p>
        </div>
      ) : null}

      {decision && letter ? (
        <div className="fr-callout fr-my-3w">
          <h2 className="fr-callout__title">{t("application.decisionTitle")}</h2>
          <p className="fr-callout__text">
            <StatusBadge status={decision.outcome} />
          </p>
          {decision.awardedCents ? <p>{t("application.awarded", { amount: f.euros(decision.awardedCents) })}</p> : null}
          <p className="laureat-prewrap">{decision.motivation}</p>
          <a className="fr-btn fr-btn--secondary fr-icon-download-line fr-btn--icon-left" href={`/dossiers/${application.id}/courrier`}>
            {t("application.downloadLetter", { reference: letter.reference })}
          </a>
        </div>
      ) : null}

      {application.editable ? (
        <>
          <p className="fr-mt-3w">{t("application.deadline", { date: f.dateTime(call.closesAt) })}</p>
          <FormAlert errors={form.errors} id={form.errorId} />
          <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
            <RequiredFieldsNotice />
            <TextField field={fields.projectTitle} label={t("application.projectTitle")} />
            <TextAreaField
              field={fields.summary}
              label={t("application.summary")}
              hint={t("application.summaryHint")}
              rows={8}
              maxLength={APPLICATION_LIMITS.summary}
            />
            <TextField
              field={fields.requestedAmount}
              label={t("application.requestedAmount")}
              hint={t("application.requestedAmountHint", { min: f.euros(call.minGrantCents), max: f.euros(call.maxGrantCents) })}
              inputMode="decimal"
            />
            {attachment ? (
              <p className="fr-text--sm">
                {t("application.currentFile")}{" "}
                <a href={`/dossiers/${application.id}/pieces/${attachment.id}`}>{attachment.filename}</a> (
                {t("common.kilobytes", { size: Math.ceil(attachment.sizeBytes / 1024) })})
              </p>
            ) : null}
            <FileField
              field={fields.projectPdf}
              label={attachment ? t("application.replacePdf") : t("application.projectPdf")}
              hint={t("application.projectPdfHint")}
              accept="application/pdf,.pdf"
            />
            <ul className="fr-btns-group fr-btns-group--inline-md fr-mt-3w">
              <li>
                <button type="submit" name="intent" value="save" className="fr-btn fr-btn--secondary" disabled={busy}>
                  {t("application.save")}
                </button>
              </li>
              <li>
                <button type="submit" name="intent" value="submit" className="fr-btn" disabled={busy}>
                  {t("application.submit")}
                </button>
              </li>
            </ul>
            <p className="fr-text--xs">{t("application.submitHint")}</p>
          </Form>
        </>
      ) : (
        <div className="fr-mt-3w">
          <h2>{t("application.content")}</h2>
          <dl>
            <dt className="fr-text--bold">{t("application.summary")}</dt>
            <dd className="laureat-prewrap" lang={lang}>
              {application.summary || "—"}
            </dd>
            <dt className="fr-text--bold fr-mt-2w">{t("application.requestedAmount")}</dt>
            <dd>{application.requestedCents !== null ? f.euros(application.requestedCents) : "—"}</dd>
            <dt className="fr-text--bold fr-mt-2w">{t("application.projectPdf")}</dt>
            <dd>
              {attachment ? <a href={`/dossiers/${application.id}/pieces/${attachment.id}`}>{attachment.filename}</a> : "—"}
            </dd>
          </dl>
        </div>
      )}

      {application.withdrawable ? (
        <Form method="post" encType="multipart/form-data" className="fr-mt-6w">
          <fieldset className="fr-fieldset">
            <legend className="fr-fieldset__legend fr-text--md">{t("application.withdrawTitle")}</legend>
            <div className="fr-fieldset__element">
              <div className="fr-checkbox-group fr-checkbox-group--sm">
                <input type="checkbox" id="confirm-withdraw" name="confirmWithdraw" value="yes" required />
                <label className="fr-label" htmlFor="confirm-withdraw">
                  {t("application.withdrawConfirm")}
                </label>
              </div>
            </div>
          </fieldset>
          <input type="hidden" name="intent" value="withdraw" />
          <button type="submit" className="fr-btn fr-btn--tertiary fr-btn--sm">
            {t("application.withdraw")}
          </button>
        </Form>
      ) : null}
    </>
  );
}

import { pageTitle } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getFormProps, useForm, type FieldMetadata, type Submission } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { useContentLang } from "~/ui/content-lang";
import { Breadcrumb } from "~/ui/breadcrumb";
import { requireAllowed, requireViewer, assertAllowed, can, forbidden } from "~/auth/permissions.server";
import { prisma } from "~/db.server";
import { applicationFormSchema, type ApplicationFormValue } from "~/schemas/application";
import { requireApplicationAccess, saveDraft, submitApplication, withdrawApplication } from "~/services/applications.server";
import { formOfApplication, loadApplicationContent, pendingFormMigration } from "~/services/application-forms.server";
import { applicantVisibleStatus, isCallOpen, type ApplicationStatus } from "~/domain/application-status";
import { attachmentFields, type Answers, type FormDefinition } from "~/domain/form-definition";
import { checkEligibility } from "~/domain/eligibility";
import { readForm, replyWithDomainError } from "~/forms.server";
import { ErrorSummary, FormAlert, RequiredFieldsNotice } from "~/ui/fields";
import { ApplicationAnswers, ApplicationFormFields, EligibilityChecklist, eligibilityValues } from "~/ui/application-form";
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
      submittedBy: { select: { name: true } },
      notifiedAt: true,
      eligibilityNote: true,
      organization: { select: { legalName: true } },
      call: { select: { title: true, slug: true, status: true, opensAt: true, closesAt: true, minGrantCents: true, maxGrantCents: true } },
      decision: { select: { outcome: true, awardedCents: true, motivation: true } },
      letters: { orderBy: { issuedAt: "desc" }, take: 1, select: { reference: true, issuedAt: true } },
    },
  });
  const notified = app.notifiedAt !== null;
  const { decision, letters, call, eligibilityNote, ...rest } = app;
  const content = await loadApplicationContent(prisma, id);
  const migration = app.status === "DRAFT" ? await pendingFormMigration(id) : null;
  return json({
    migration,
    form: {
      definition: content.definition,
      version: content.version,
      answers: content.answers,
      attachments: content.attachments,
      eligibility: content.eligibility,
      eligibilityInput: content.eligibilityInput,
    },
    application: {
      ...rest,
      ineligibilityReason: app.status === "INELIGIBLE" ? eligibilityNote : null,
      status: applicantVisibleStatus(app.status as ApplicationStatus, notified),
      editable: app.status === "DRAFT" && isCallOpen(call, new Date()),
      withdrawable: ["DRAFT", "SUBMITTED"].includes(app.status),
    },
    call: { title: call.title, slug: call.slug, closesAt: call.closesAt, minGrantCents: call.minGrantCents, maxGrantCents: call.maxGrantCents },
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
  const { definition } = await formOfApplication(prisma, await prisma.application.findUniqueOrThrow({ where: { id }, select: { callId: true, formVersion: true } }));
  // One part per file each attachment field may take: the body is bounded by what the form allows.
  const fileParts = editable ? attachmentFields(definition).flatMap((field) => Array<string>(field.maxFiles).fill(field.key)) : [];
  const formData = await readForm(request, { files: fileParts });
  if (formData instanceof Response) return formData;
  if (formData.get("intent") === "withdraw") {
    // Withdrawing cannot be undone: without the ticked confirmation nothing happens.
    if (formData.get("confirmWithdraw") !== "yes") return redirectWithFlash(`/espace/dossiers/${id}`, { kind: "error", key: "withdrawNotConfirmed" });
    await withdrawApplication(viewer, id);
    return redirectWithFlash(`/espace/dossiers/${id}`, { kind: "notice", key: "withdrawn" });
  }
  assertAllowed(viewer, "application.edit", access);
  const submission = parseWithZod(formData, { schema: applicationFormSchema(definition) });
  // Also the answer to a row added or removed without JavaScript: the form comes back with it.
  if (submission.status !== "success") return json(submission.reply(), { status: submission.status === "error" ? 400 : 200 });
  const { intent, answers, files, removeAttachment } = submission.value;
  try {
    await saveDraft(viewer, id, { answers, files, removeAttachmentId: removeAttachment });
    if (intent === "submit" && !removeAttachment) {
      await submitApplication(viewer, id);
      return redirectWithFlash(`/espace/dossiers/${id}`, { kind: "notice", key: "submitted" });
    }
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
  return redirectWithFlash(`/espace/dossiers/${id}`, { kind: "notice", key: "draftSaved" });
}

export default function ApplicationPage() {
  const { application, call, form: content, decision, letter, migration } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, i18n } = useTranslation();
  const lang = useContentLang();
  const f = useFormat();
  const definition = content.definition as FormDefinition;
  const [form, fields] = useForm<Record<string, unknown>, ApplicationFormValue>({
    id: "application",
    lastResult,
    defaultValue: content.answers,
    // The schema reads any object: Conform's input type is the form's own.
    onValidate: ({ formData }) => parseWithZod(formData, { schema: applicationFormSchema(definition) }) as Submission<Record<string, unknown>, string[], ApplicationFormValue>,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  // The conditions checked again on what is typed, with the files already there.
  const values = (form.value ?? content.answers) as Answers;
  const eligibility = checkEligibility({
    ...content.eligibilityInput,
    definition,
    answers: values,
    attachments: new Set(content.attachments.map((a) => a.kind)),
  });
  const extraErrorValues = Object.fromEntries(eligibility.filter((c) => c.field).map((c) => [c.field!, eligibilityValues(c, f, i18n.language)]));
  const summaryItems = definition.sections.flatMap((section) =>
    // A group's row errors count too: the link leads to the group, whose rows show them.
    section.fields.map((field) => ({ id: fields[field.key]!.id, label: field.label, errors: Object.values(fields[field.key]!.allErrors ?? {}).flat() })),
  );
  const busy = navigation.state === "submitting";
  const attachmentHref = (attachmentId: string) => `/dossiers/${application.id}/pieces/${attachmentId}`;
  return (
    <>
      <Breadcrumb trail={[{ href: "/espace", label: t("nav.mySpace") }]} current={application.projectTitle || t("applicant.untitled")} />
      <h1 lang={application.projectTitle ? lang : undefined}>{application.projectTitle || t("applicant.untitled")}</h1>
      <p>
        {call.title} · {application.organization.legalName}
      </p>
      <StatusBadge status={application.status} />
      <p className="fr-text--sm fr-mt-1w">{t("applicationForm.version", { version: content.version })}</p>

      {application.receiptNumber ? (
        <div className="fr-callout fr-callout--green-emeraude fr-my-3w">
          <h2 className="fr-callout__title">{t("application.receiptTitle")}</h2>
          <p className="fr-callout__text">
            {t("application.receiptText", {
              number: application.receiptNumber,
              date: f.dateTime(application.submittedAt!),
            })}
          </p>
          {application.submittedBy ? <p className="fr-callout__text fr-text--sm">{t("application.submittedBy", { name: application.submittedBy.name })}</p> : null}
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
          {migration ? (
            <div className="fr-alert fr-alert--info fr-mb-3w">
              <h2 className="fr-alert__title">{t("applicationForm.migratedTitle")}</h2>
              <p>{t("applicationForm.migrated", { version: migration.version, date: f.dateTime(migration.at) })}</p>
            </div>
          ) : null}
          <EligibilityChecklist checks={eligibility} />
          <ErrorSummary items={summaryItems} reply={lastResult} />
          <FormAlert errors={form.errors} id={form.errorId} />
          <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
            {/* Enter in a text input saves the draft, not the first button of the form (a group's « add a row »). */}
            <button type="submit" name="intent" value="save" className="fr-sr-only" tabIndex={-1} aria-hidden="true" />
            <RequiredFieldsNotice />
            <ApplicationFormFields
              definition={definition}
              form={form}
              fields={fields as Record<string, FieldMetadata<unknown>>}
              attachments={content.attachments}
              attachmentHref={attachmentHref}
              extraErrorValues={extraErrorValues}
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
          <ApplicationAnswers definition={definition} answers={content.answers} attachments={content.attachments} attachmentHref={attachmentHref} headingLevel={3} lang={lang} />
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

import { pageTitle } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getFormProps, getInputProps, getTextareaProps, useForm, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { requireAllowed } from "~/auth/permissions.server";
import { prisma } from "~/db.server";
import { LETTER_KINDS, LETTER_LOCALES, MERGE_FIELDS, type LetterKind } from "~/domain/letter-templates";
import { readForm, replyWithDomainError } from "~/forms.server";
import { redirectWithFlash } from "~/http/flash.server";
import { letterSignatorySchema, letterTemplateKeySchema, letterTemplateSchema } from "~/schemas/letter-template";
import {
  loadLetterSignatory,
  loadLetterTemplates,
  resetLetterTemplate,
  saveLetterSignatory,
  saveLetterTemplate,
} from "~/services/letter-templates.server";
import { Breadcrumb } from "~/ui/breadcrumb";
import { FieldErrors, FieldLabel, FormAlert } from "~/ui/fields";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "titles.letterTemplates");

/** Files whose letter can be previewed: decided ones, and ineligible ones. */
const PREVIEWABLE = ["LAUREATE", "WAITLISTED", "REJECTED", "INELIGIBLE"] as const;

function selected(url: URL): { kind: LetterKind; locale: "fr" | "en" } {
  const parsed = letterTemplateKeySchema.safeParse({ kind: url.searchParams.get("modele"), locale: url.searchParams.get("langue") });
  return parsed.success ? parsed.data : { kind: "LAUREATE", locale: "fr" };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAllowed(request, "call.manage", null);
  const call = await prisma.call.findUnique({ where: { id: params.callId ?? "" }, select: { id: true, title: true } });
  if (!call) throw new Response("Not found", { status: 404 });
  const templates = await loadLetterTemplates(call.id);
  const signatory = await loadLetterSignatory(call.id);
  const files = await prisma.application.findMany({
    where: { callId: call.id, status: { in: [...PREVIEWABLE] } },
    orderBy: [{ status: "asc" }, { receiptNumber: "asc" }],
    // The first files are enough to check the wording; each file's own page links to its preview too.
    take: 100,
    select: { id: true, receiptNumber: true, projectTitle: true, status: true, organization: { select: { legalName: true } } },
  });
  return json({
    call,
    current: selected(new URL(request.url)),
    templates,
    signatory,
    files: files.map((f) => ({ id: f.id, label: `${f.receiptNumber ?? ""} – ${f.organization.legalName} – ${f.projectTitle}`, status: f.status })),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireAllowed(request, "call.manage", null);
  const callId = params.callId ?? "";
  const formData = await readForm(request);
  if (formData instanceof Response) return formData;
  if (formData.get("intent") === "signatory") {
    const submission = parseWithZod(formData, { schema: letterSignatorySchema });
    if (submission.status !== "success") return json(submission.reply(), { status: 400 });
    await saveLetterSignatory(viewer, callId, submission.value);
    return redirectWithFlash(`/gestion/appels/${callId}/courriers`, { kind: "notice", key: "letterSignatorySaved" });
  }
  if (formData.get("intent") === "reset") {
    const key = letterTemplateKeySchema.safeParse({ kind: formData.get("kind"), locale: formData.get("locale") });
    if (!key.success) throw new Response("Bad request", { status: 400 });
    await resetLetterTemplate(viewer, callId, key.data.kind, key.data.locale);
    return redirectWithFlash(`/gestion/appels/${callId}/courriers?modele=${key.data.kind}&langue=${key.data.locale}`, {
      kind: "notice",
      key: "letterTemplateReset",
    });
  }
  const submission = parseWithZod(formData, { schema: letterTemplateSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const { kind, locale, subject, body, closing } = submission.value;
  try {
    await saveLetterTemplate(viewer, callId, kind, locale, { subject, body, closing });
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
  return redirectWithFlash(`/gestion/appels/${callId}/courriers?modele=${kind}&langue=${locale}`, { kind: "notice", key: "letterTemplateSaved" });
}

/** Errors such as « unknownMergeField:montnat » carry the field's name after the key. */
function splitErrors(errors: string[] | undefined): { keys: string[] | undefined; name?: string } {
  if (!errors?.length) return { keys: undefined };
  const [first = ""] = errors;
  const [key = "", name] = first.split(":");
  return { keys: [key], name };
}

function TemplateField({ field, label, hint, rows }: { field: FieldMetadata<string>; label: string; hint?: string; rows?: number }) {
  const { keys, name } = splitErrors(field.errors);
  const invalid = Boolean(keys);
  const described = [hint ? `${field.id}-hint` : null, invalid ? field.errorId : null].filter(Boolean).join(" ") || undefined;
  const className = invalid ? "fr-input fr-input--error" : "fr-input";
  return (
    <div className={invalid ? "fr-input-group fr-input-group--error" : "fr-input-group"}>
      <FieldLabel id={field.id} label={label} hint={hint} />
      {rows ? (
        <textarea {...getTextareaProps(field)} aria-describedby={described} rows={rows} className={className} />
      ) : (
        <input {...getInputProps(field, { type: "text" })} aria-describedby={described} className={className} />
      )}
      <FieldErrors id={field.errorId} errors={keys} values={name ? { name: `{${name}}` } : undefined} />
    </div>
  );
}

export default function LetterTemplates() {
  const { call, current, templates, signatory, files } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  // Both forms post here; the reply goes back to the one whose fields it names.
  const signatoryReply = lastResult && "initialValue" in lastResult && lastResult.initialValue && "signatoryName" in lastResult.initialValue ? lastResult : undefined;
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation();
  const template = templates.find((tpl) => tpl.kind === current.kind && tpl.locale === current.locale);
  const [form, fields] = useForm({
    id: `template-${current.kind}-${current.locale}`,
    lastResult: signatoryReply ? undefined : lastResult,
    defaultValue: template,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: letterTemplateSchema }),
    shouldValidate: "onBlur",
  });
  const [signatoryForm, signatoryFields] = useForm({
    id: "signatory",
    lastResult: signatoryReply,
    defaultValue: signatory,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: letterSignatorySchema }),
    shouldValidate: "onBlur",
  });
  return (
    <>
      <Breadcrumb
        trail={[
          { href: "/gestion", label: t("nav.management") },
          { href: `/gestion/appels/${call.id}`, label: call.title },
        ]}
        current={t("titles.letterTemplates")}
      />
      <h1>{t("letterTemplates.title")}</h1>
      <p>{t("letterTemplates.lead")}</p>
      <nav className="fr-sidemenu fr-mb-3w" aria-label={t("letterTemplates.choose")}>
        <ul className="fr-sidemenu__list">
          {LETTER_KINDS.flatMap((kind) =>
            LETTER_LOCALES.map((locale) => {
              const item = templates.find((tpl) => tpl.kind === kind && tpl.locale === locale);
              const active = kind === current.kind && locale === current.locale;
              return (
                <li key={`${kind}-${locale}`} className={active ? "fr-sidemenu__item fr-sidemenu__item--active" : "fr-sidemenu__item"}>
                  <a
                    className="fr-sidemenu__link"
                    href={`/gestion/appels/${call.id}/courriers?modele=${kind}&langue=${locale}`}
                    aria-current={active ? "page" : undefined}
                  >
                    {t(`letterTemplates.kinds.${kind}`)} – {t(`letterTemplates.locales.${locale}`)} (
                    {item?.customized ? t("letterTemplates.customized") : t("letterTemplates.default")})
                  </a>
                </li>
              );
            }),
          )}
        </ul>
      </nav>

      <h2 className="fr-h4">
        {t(`letterTemplates.kinds.${current.kind}`)} – {t(`letterTemplates.locales.${current.locale}`)}
      </h2>
      <Form method="post" {...getFormProps(form)}>
        <FormAlert errors={form.errors} />
        <input type="hidden" name="kind" value={current.kind} />
        <input type="hidden" name="locale" value={current.locale} />
        <TemplateField field={fields.subject} label={t("letterTemplates.subject")} />
        <TemplateField field={fields.body} label={t("letterTemplates.body")} hint={t("letterTemplates.bodyHint")} rows={20} />
        <TemplateField field={fields.closing} label={t("letterTemplates.closing")} rows={3} />
        <details className="fr-mb-3w">
          <summary>{t("letterTemplates.fields")}</summary>
          <ul>
            {MERGE_FIELDS.map((name) => (
              <li key={name}>
                <code>{`{${name}}`}</code> — {t(`letterTemplates.field.${name}`)}
              </li>
            ))}
          </ul>
        </details>
        <ul className="fr-btns-group fr-btns-group--inline-md">
          <li>
            <button type="submit" name="intent" value="save" className="fr-btn" disabled={busy}>
              {t("letterTemplates.save")}
            </button>
          </li>
          {template?.customized ? (
            <li>
              <button type="submit" name="intent" value="reset" className="fr-btn fr-btn--secondary" formNoValidate disabled={busy}>
                {t("letterTemplates.reset")}
              </button>
            </li>
          ) : null}
        </ul>
      </Form>

      <h2 className="fr-h4 fr-mt-6w">{t("letterTemplates.signatoryTitle")}</h2>
      <Form method="post" {...getFormProps(signatoryForm)}>
        <TemplateField field={signatoryFields.agencyName} label={t("letterTemplates.agencyName")} />
        <TemplateField field={signatoryFields.signatoryName} label={t("letterTemplates.signatoryName")} />
        <TemplateField field={signatoryFields.signatoryTitle} label={t("letterTemplates.signatoryRole")} hint={t("letterTemplates.signatoryRoleHint")} rows={2} />
        <button type="submit" name="intent" value="signatory" className="fr-btn fr-btn--secondary" disabled={busy}>
          {t("letterTemplates.signatorySave")}
        </button>
      </Form>

      <h2 className="fr-h4 fr-mt-6w">{t("letterTemplates.previewTitle")}</h2>
      <p>{t("letterTemplates.previewLead")}</p>
      {files.length === 0 ? (
        <p>{t("letterTemplates.noFiles")}</p>
      ) : (
        <ul>
          {files.map((file) => (
            <li key={file.id}>
              <a href={`/gestion/appels/${call.id}/courriers/apercu/${file.id}`}>
                <span lang="fr">{file.label}</span> – {t(`status.${file.status}`)} ({t("letterTemplates.previewPdf")})
              </a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

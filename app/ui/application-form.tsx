import {
  getCollectionProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type FieldMetadata,
  type FormMetadata,
} from "@conform-to/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  ATTACHMENT_ACCEPT,
  groupTotal,
  moneyCents,
  sharePercent,
  visibility,
  type AttachmentField,
  type Field,
  type FormDefinition,
  type GroupField,
  type RowField,
} from "~/domain/form-definition";
import type { EligibilityCheck } from "~/domain/eligibility";
import { FieldErrors, FieldLabel } from "~/ui/fields";
import { useFormat } from "~/ui/format";

/** True once the page runs its script: what only works with JavaScript (a live counter) waits for it. */
function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

type Format = ReturnType<typeof useFormat>;
type Translate = ReturnType<typeof useTranslation>["t"];

export interface FormAttachment {
  id: string;
  kind: string;
  filename: string;
  sizeBytes: number;
}

function percent(value: number, locale: string): string {
  return value.toLocaleString(locale === "en" ? "en-GB" : "fr-FR", { maximumFractionDigits: 1 });
}

function megabytes(bytes: number, locale: string): string {
  return `${(bytes / (1024 * 1024)).toLocaleString(locale === "en" ? "en-GB" : "fr-FR", { maximumFractionDigits: 1 })} ${locale === "en" ? "MB" : "Mo"}`;
}

/** A field's bounds as its messages and hints state them, in the page's language. */
function boundValues(field: Field | RowField, f: Format, locale: string): Record<string, string> {
  if (field.type === "money") {
    return {
      ...(field.min !== undefined ? { min: f.euros(field.min * 100) } : {}),
      ...(field.max !== undefined ? { max: f.euros(field.max * 100) } : {}),
    };
  }
  if (field.type === "percentage") return { min: percent(field.min ?? 0, locale), max: percent(field.max ?? 100, locale) };
  if (field.type === "integer" || field.type === "decimal") {
    return {
      ...(field.min !== undefined ? { min: percent(field.min, locale) } : {}),
      ...(field.max !== undefined ? { max: percent(field.max, locale) } : {}),
    };
  }
  if (field.type === "date") return { min: field.min ? f.date(field.min) : "…", max: field.max ? f.date(field.max) : "…" };
  if (field.type === "multipleChoice") return { min: String(field.min ?? 0), max: String(field.max ?? field.options.length) };
  if (field.type === "group") return { min: String(field.minRows ?? 0), max: String(field.maxRows) };
  return {};
}

function attachmentValues(field: AttachmentField, t: Translate, locale: string): Record<string, string> {
  return {
    formats: field.formats.map((format) => t(`applicationForm.formats.${format}`)).join(", "),
    maxSize: megabytes(field.maxBytes, locale),
    maxFiles: String(field.maxFiles),
  };
}

/** The numbers an eligibility check states, formatted for its messages. */
export function eligibilityValues(check: EligibilityCheck, f: Format, locale: string): Record<string, string> {
  const { params } = check;
  const money = (key: string) => (typeof params[key] === "number" ? f.euros(params[key] as number) : "");
  const list = (key: string) => (Array.isArray(params[key]) ? (params[key] as string[]).join(", ") : String(params[key] ?? ""));
  switch (check.rule) {
    case "amount":
      return { min: money("min"), max: money("max"), amount: money("amount") };
    case "share":
      return { max: percent(params.max as number, locale), share: percent(params.share as number, locale), total: money("total"), amount: money("amount"), limit: money("limit") };
    case "members":
      return { min: String(params.min), count: String(params.count) };
    case "documents":
      return { missing: list("missing") };
    case "region":
      return { region: String(params.region), allowed: list("allowed") };
    case "legalForm":
      return { legalForm: String(params.legalForm), allowed: list("allowed") };
  }
}

/** A hint that states the bounds, so they are known before any error. */
function boundsHint(field: Field | RowField, f: Format, t: Translate, locale: string): string | undefined {
  const values = boundValues(field, f, locale);
  const unit = field.type === "money" ? t("applicationForm.unitEuros") : field.type === "percentage" ? t("applicationForm.unitPercent") : undefined;
  const range =
    field.type === "date" || field.type === "multipleChoice" || field.type === "group"
      ? undefined
      : values.min && values.max
        ? t("applicationForm.between", values)
        : values.min
          ? t("applicationForm.atLeast", values)
          : values.max
            ? t("applicationForm.atMost", values)
            : undefined;
  return [unit, range].filter(Boolean).join(" ") || undefined;
}

interface RenderContext {
  form: FormMetadata<Record<string, unknown>>;
  f: Format;
  t: Translate;
  locale: string;
  hydrated: boolean;
  /** Values given to the messages of a field beyond its own bounds (eligibility numbers). */
  extraErrorValues: Record<string, Record<string, string>>;
  attachments: readonly FormAttachment[];
  attachmentHref?: (id: string) => string;
  /** Fields other fields depend on: without JavaScript, what they show waits for a save. */
  controllers: ReadonlySet<string>;
}

function groupClass(base: string, invalid: boolean) {
  return invalid ? `${base} ${base}--error` : base;
}

function hintOf(...parts: (string | undefined)[]): string | undefined {
  return parts.filter(Boolean).join(" ") || undefined;
}

function SimpleField({ field, meta, ctx }: { field: Exclude<Field | RowField, GroupField | AttachmentField>; meta: FieldMetadata<unknown>; ctx: RenderContext }) {
  const { f, t, locale } = ctx;
  const invalid = Boolean(meta.errors?.length);
  const optional = !field.required;
  const values = { ...boundValues(field, f, locale), ...(ctx.extraErrorValues[field.key] ?? {}) };
  const controllerHint = ctx.controllers.has(field.key) && !ctx.hydrated ? t("applicationForm.conditionNoJs") : undefined;
  const stringMeta = meta as FieldMetadata<string>;

  if (field.type === "longText") {
    const hint = hintOf(field.help, t("common.maxCharacters", { max: f.count(field.maxLength) }));
    const typed = typeof meta.value === "string" ? meta.value.length : 0;
    return (
      <div className={groupClass("fr-input-group", invalid)}>
        <FieldLabel id={meta.id} label={field.label} hint={hint} optional={optional} />
        <textarea {...getTextareaProps(stringMeta, { ariaDescribedBy: `${meta.id}-hint` })} rows={8} className={invalid ? "fr-input fr-input--error" : "fr-input"} />
        {ctx.hydrated ? (
          <p className={typed > field.maxLength ? "fr-message fr-message--error" : "fr-message fr-message--info"} aria-live="polite">
            {t("applicationForm.counter", { typed: f.count(typed), max: f.count(field.maxLength) })}
          </p>
        ) : null}
        <FieldErrors id={meta.errorId} errors={meta.errors} values={{ max: f.count(field.maxLength), count: f.count(typed) }} />
      </div>
    );
  }

  if (field.type === "choice" && field.display === "select") {
    return (
      <div className={groupClass("fr-select-group", invalid)}>
        <FieldLabel id={meta.id} label={field.label} hint={hintOf(field.help, controllerHint)} optional={optional} />
        <select {...getSelectProps(stringMeta, { ariaDescribedBy: field.help || controllerHint ? `${meta.id}-hint` : undefined })} className={invalid ? "fr-select fr-select--error" : "fr-select"}>
          <option value="">{t("common.choose")}</option>
          {field.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        <FieldErrors id={meta.errorId} errors={meta.errors} values={values} />
      </div>
    );
  }

  if (field.type === "choice" || field.type === "yesNo" || field.type === "multipleChoice" || field.type === "checkbox") {
    const options =
      field.type === "yesNo"
        ? [
            { value: "yes", label: t("applicationForm.yes") },
            { value: "no", label: t("applicationForm.no") },
          ]
        : field.type === "checkbox"
          ? [{ value: "yes", label: field.label }]
          : field.options;
    const type = field.type === "multipleChoice" || field.type === "checkbox" ? "checkbox" : "radio";
    const legendId = `${meta.id}-legend`;
    const hint = hintOf(field.help, field.type === "multipleChoice" && (field.min !== undefined || field.max !== undefined) ? t("applicationForm.choices", values) : undefined, controllerHint);
    const inputs = getCollectionProps(stringMeta, { type, options: options.map((o) => o.value) });
    return (
      <fieldset
        className={invalid ? "fr-fieldset fr-fieldset--error" : "fr-fieldset"}
        id={meta.id}
        aria-labelledby={invalid ? `${legendId} ${meta.errorId}` : legendId}
        role={type === "radio" ? "radiogroup" : undefined}
      >
        <legend className="fr-fieldset__legend fr-fieldset__legend--regular" id={legendId}>
          {field.type === "checkbox" ? t("applicationForm.confirmation") : field.label}
          {optional && field.type !== "checkbox" ? ` ${t("common.optional")}` : null}
          {hint ? <span className="fr-hint-text">{hint}</span> : null}
        </legend>
        {inputs.map(({ key, ...props }, index) => (
          <div className={field.type === "yesNo" ? "fr-fieldset__element fr-fieldset__element--inline" : "fr-fieldset__element"} key={key}>
            <div className={type === "radio" ? "fr-radio-group" : "fr-checkbox-group"}>
              <input {...props} id={`${meta.id}-${index}`} />
              <label className="fr-label" htmlFor={`${meta.id}-${index}`}>
                {options[index]!.label}
              </label>
            </div>
          </div>
        ))}
        <FieldErrors id={meta.errorId} errors={meta.errors} values={values} />
      </fieldset>
    );
  }

  const inputType = field.type === "email" ? "email" : field.type === "phone" ? "tel" : field.type === "url" ? "url" : field.type === "date" ? "date" : "text";
  const inputMode = field.type === "integer" ? "numeric" : field.type === "decimal" || field.type === "money" || field.type === "percentage" ? "decimal" : undefined;
  const autoComplete = field.type === "email" ? "email" : field.type === "phone" ? "tel" : field.type === "url" ? "url" : undefined;
  const hint = hintOf(field.help, field.type === "shortText" ? t("common.maxCharacters", { max: f.count(field.maxLength) }) : undefined, boundsHint(field, f, t, locale));
  const typed = typeof meta.value === "string" ? meta.value.length : 0;
  return (
    <div className={groupClass("fr-input-group", invalid)}>
      <FieldLabel id={meta.id} label={field.label} hint={hint} optional={optional} />
      <input
        {...getInputProps(stringMeta, { type: inputType, ariaDescribedBy: hint ? `${meta.id}-hint` : undefined })}
        className={invalid ? "fr-input fr-input--error" : "fr-input"}
        inputMode={inputMode}
        autoComplete={autoComplete}
        min={field.type === "date" ? field.min : undefined}
        max={field.type === "date" ? field.max : undefined}
      />
      <FieldErrors id={meta.errorId} errors={meta.errors} values={{ ...values, ...(field.type === "shortText" ? { max: f.count(field.maxLength), count: f.count(typed) } : {}) }} />
    </div>
  );
}

function AttachmentInput({ field, meta, ctx }: { field: AttachmentField; meta: FieldMetadata<unknown>; ctx: RenderContext }) {
  const { t, f, locale } = ctx;
  const invalid = Boolean(meta.errors?.length);
  const values = { ...attachmentValues(field, t, locale), ...(ctx.extraErrorValues[field.key] ?? {}) };
  const current = ctx.attachments.filter((attachment) => attachment.kind === field.key);
  const hint = hintOf(field.help, t("applicationForm.attachmentHint", values), field.maxFiles > 1 ? t("applicationForm.attachmentMany", values) : undefined);
  return (
    <div className={groupClass("fr-upload-group", invalid)}>
      <FieldLabel id={meta.id} label={field.label} hint={hint} optional={!field.required} />
      {current.length > 0 ? (
        <ul className="fr-text--sm fr-mb-1w">
          {current.map((attachment) => (
            <li key={attachment.id}>
              {ctx.attachmentHref ? <a href={ctx.attachmentHref(attachment.id)}>{attachment.filename}</a> : attachment.filename} (
              {t("common.kilobytes", { size: f.count(Math.ceil(attachment.sizeBytes / 1024)) })}){" "}
              {ctx.attachmentHref ? (
                <button type="submit" name="removeAttachment" value={attachment.id} className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm fr-icon-delete-line fr-btn--icon-left">
                  {t("applicationForm.removeFile", { filename: attachment.filename })}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <input
        className="fr-upload"
        type="file"
        id={meta.id}
        name={meta.name}
        multiple={field.maxFiles > 1}
        accept={field.formats.map((format) => ATTACHMENT_ACCEPT[format]).join(",")}
        aria-invalid={invalid || undefined}
        aria-describedby={[`${meta.id}-hint`, invalid ? meta.errorId : null].filter(Boolean).join(" ")}
      />
      <FieldErrors id={meta.errorId} errors={meta.errors} values={values} />
    </div>
  );
}

function GroupInput({ field, meta, ctx, values }: { field: GroupField; meta: FieldMetadata<unknown>; ctx: RenderContext; values: Record<string, unknown> }) {
  const { t, f, locale, form } = ctx;
  const rows = (meta as FieldMetadata<Record<string, unknown>[]>).getFieldList();
  const invalid = Boolean(meta.errors?.length);
  const legendId = `${meta.id}-legend`;
  const totalColumn = field.fields.find((sub) => sub.key === field.total);
  const total = groupTotal(field, values[field.key]);
  const share = field.shareOf && totalColumn?.type === "money" ? sharePercent(moneyCents(values[field.shareOf]), total) : null;
  const errorValues = { ...boundValues(field, f, locale), ...(ctx.extraErrorValues[field.key] ?? {}) };
  return (
    <fieldset className={invalid ? "fr-fieldset fr-fieldset--error" : "fr-fieldset"} id={meta.id} aria-labelledby={invalid ? `${legendId} ${meta.errorId}` : legendId}>
      <legend className="fr-fieldset__legend" id={legendId}>
        {field.label}
        {field.required ? null : ` ${t("common.optional")}`}
        <span className="fr-hint-text">{hintOf(field.help, t("applicationForm.rows", errorValues))}</span>
      </legend>
      {rows.map((row, index) => {
        const cells = row.getFieldset();
        return (
          <div className="fr-fieldset__element laureat-form-row" key={row.key}>
            <fieldset className="fr-fieldset fr-mb-0">
              <legend className="fr-fieldset__legend fr-text--md fr-mb-1w">{t("applicationForm.row", { index: index + 1 })}</legend>
              <div className="fr-grid-row fr-grid-row--gutters fr-col-12">
                {field.fields.map((sub) => (
                  <div className={field.fields.length > 1 && sub.type !== "longText" ? "fr-col-12 fr-col-md-6" : "fr-col-12"} key={sub.key}>
                    <SimpleField field={sub} meta={cells[sub.key] as FieldMetadata<unknown>} ctx={ctx} />
                  </div>
                ))}
              </div>
              <button {...form.remove.getButtonProps({ name: meta.name, index })} className="fr-btn fr-btn--tertiary fr-btn--sm fr-icon-delete-line fr-btn--icon-left">
                {t("applicationForm.removeRow", { index: index + 1 })}
              </button>
            </fieldset>
          </div>
        );
      })}
      <div className="fr-fieldset__element">
        {rows.length < field.maxRows ? (
          <button {...form.insert.getButtonProps({ name: meta.name })} className="fr-btn fr-btn--secondary fr-btn--sm fr-icon-add-line fr-btn--icon-left">
            {field.addLabel || t("applicationForm.addRow")}
          </button>
        ) : null}
      </div>
      {totalColumn && total !== null ? (
        <div className="fr-fieldset__element">
          <p className="fr-text--bold fr-mb-0" aria-live="polite">
            {t("applicationForm.total", { label: totalColumn.label, total: totalColumn.type === "money" ? f.euros(total) : percent(total, locale) })}
          </p>
          {share !== null ? (
            <p className="fr-mb-0" aria-live="polite">
              {t("applicationForm.share", { share: percent(share, locale) })}
            </p>
          ) : null}
        </div>
      ) : null}
      <FieldErrors id={meta.errorId} errors={meta.errors} values={errorValues} />
    </fieldset>
  );
}

export interface ApplicationFormFieldsProps {
  definition: FormDefinition;
  form: FormMetadata<Record<string, unknown>>;
  fields: Record<string, FieldMetadata<unknown>>;
  attachments?: readonly FormAttachment[];
  /** Download link of a stored file; without it (the staff's preview), files are listed without links or buttons. */
  attachmentHref?: (id: string) => string;
  extraErrorValues?: Record<string, Record<string, string>>;
}

/**
 * A call's form as the applicant fills it: its sections in order, each field in the design
 * system's markup, with its limits stated up front. Sections and fields hidden by a condition
 * are not rendered, so they are not sent; with JavaScript they follow the answers as they are
 * typed, without it they follow the last save. Rows of repeatable groups are added and removed
 * with Conform's intent buttons, which post the form when no script runs.
 */
export function ApplicationFormFields({ definition, form, fields, attachments = [], attachmentHref, extraErrorValues = {} }: ApplicationFormFieldsProps) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const hydrated = useHydrated();
  const values = (form.value ?? form.initialValue ?? {}) as Record<string, unknown>;
  const shown = visibility(definition, values);
  const controllers = new Set(
    definition.sections.flatMap((section) => [section.visibleWhen?.field, ...section.fields.map((field) => field.visibleWhen?.field)]).filter((key): key is string => Boolean(key)),
  );
  const ctx: RenderContext = { form, f, t, locale: i18n.language, hydrated, extraErrorValues, attachments, attachmentHref, controllers };
  return (
    <>
      {definition.sections
        .filter((section) => shown.sections.has(section.key))
        .map((section) => (
          <section key={section.key} className="fr-mb-6w" aria-labelledby={`${form.id}-section-${section.key}`}>
            <h2 id={`${form.id}-section-${section.key}`} className="fr-h4">
              {section.title}
            </h2>
            {section.description ? <p className="laureat-prewrap">{section.description}</p> : null}
            {section.fields
              .filter((field) => shown.fields.has(field.key))
              .map((field) => {
                const meta = fields[field.key]!;
                if (field.type === "group") return <GroupInput key={field.key} field={field} meta={meta} ctx={ctx} values={values} />;
                if (field.type === "attachment") return <AttachmentInput key={field.key} field={field} meta={meta} ctx={ctx} />;
                return <SimpleField key={field.key} field={field} meta={meta} ctx={ctx} />;
              })}
          </section>
        ))}
    </>
  );
}

/**
 * The call's eligibility conditions and where the file stands on each, for the applicant
 * (updated as they type, with JavaScript) and for staff on the file's page.
 */
export function EligibilityChecklist({ checks, headingLevel = 2 }: { checks: readonly EligibilityCheck[]; headingLevel?: 2 | 3 }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  if (checks.length === 0) return null;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section className="fr-mb-4w" aria-labelledby="eligibility-title">
      <Heading id="eligibility-title" className="fr-h5">
        {t("eligibility.title")}
      </Heading>
      <ul className="fr-raw-list">
        {checks.map((check) => {
          const values = eligibilityValues(check, f, i18n.language);
          const badge = check.status === "met" ? "fr-badge--success" : check.status === "unmet" ? "fr-badge--error" : "fr-badge--info";
          return (
            <li key={check.rule} className="fr-mb-2w">
              <span className={`fr-badge fr-badge--sm fr-badge--no-icon ${badge} fr-mr-1w`}>{t(`eligibility.status.${check.status}`)}</span>
              {t(`eligibility.rules.${check.rule}`, values)}
              {check.status === "unmet" ? <p className="fr-text--sm fr-mb-0">{t(`eligibility.unmet.${check.rule}`, values)}</p> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function answerText(field: Exclude<Field | RowField, GroupField | AttachmentField>, value: unknown, t: Translate): string {
  if (value === undefined || value === null || value === "") return "—";
  if (field.type === "yesNo" || field.type === "checkbox") return value === "yes" ? t("applicationForm.yes") : t("applicationForm.no");
  if (field.type === "choice" || field.type === "multipleChoice") {
    const chosen = Array.isArray(value) ? value : [value];
    return chosen.map((item) => field.options.find((option) => option.value === item)?.label ?? String(item)).join(", ");
  }
  if (field.type === "money") return `${String(value)} €`;
  if (field.type === "percentage") return `${String(value).replace(/\s*%$/, "")} %`;
  return String(value);
}

/**
 * A file's answers as read once it can no longer be edited (by its applicant, by staff): the
 * fields shown for these answers, in the form's order, groups as tables with their totals.
 */
export function ApplicationAnswers({
  definition,
  answers,
  attachments,
  attachmentHref,
  headingLevel = 2,
  lang,
}: {
  definition: FormDefinition;
  answers: Record<string, unknown>;
  attachments: readonly FormAttachment[];
  attachmentHref: (id: string) => string;
  headingLevel?: 2 | 3;
  /** The language of what the applicant wrote, when it differs from the page's. */
  lang?: string;
}) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const shown = visibility(definition, answers);
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <>
      {definition.sections
        .filter((section) => shown.sections.has(section.key))
        .map((section) => (
          <section key={section.key} className="fr-mb-4w">
            <Heading className="fr-h5">{section.title}</Heading>
            <dl>
              {section.fields
                .filter((field) => shown.fields.has(field.key))
                .map((field) => (
                  <div key={field.key} className="fr-mb-2w">
                    <dt className="fr-text--bold">{field.label}</dt>
                    <dd className="fr-ml-0">
                      {field.type === "attachment" ? (
                        <AttachmentList files={attachments.filter((a) => a.kind === field.key)} href={attachmentHref} />
                      ) : field.type === "group" ? (
                        <GroupTable field={field} rows={answers[field.key]} t={t} f={f} locale={i18n.language} lang={lang} />
                      ) : (
                        <span className="laureat-prewrap" lang={field.type === "shortText" || field.type === "longText" ? lang : undefined}>
                          {answerText(field, answers[field.key], t)}
                        </span>
                      )}
                    </dd>
                  </div>
                ))}
            </dl>
          </section>
        ))}
    </>
  );
}

function AttachmentList({ files, href }: { files: readonly FormAttachment[]; href: (id: string) => string }) {
  if (files.length === 0) return <>—</>;
  return (
    <ul className="fr-mb-0">
      {files.map((file) => (
        <li key={file.id}>
          <a href={href(file.id)}>{file.filename}</a>
        </li>
      ))}
    </ul>
  );
}

function GroupTable({ field, rows, t, f, locale, lang }: { field: GroupField; rows: unknown; t: Translate; f: Format; locale: string; lang?: string }) {
  const list = Array.isArray(rows) ? (rows as Record<string, unknown>[]) : [];
  if (list.length === 0) return <>—</>;
  const totalColumn = field.fields.find((sub) => sub.key === field.total);
  const total = groupTotal(field, list);
  return (
    <div className="fr-table fr-table--no-caption fr-mb-0">
      <div className="fr-table__wrapper">
        {/* A wide table scrolls: keyboard users reach it to scroll it. */}
        <div className="fr-table__container" tabIndex={0} role="region" aria-label={field.label}>
          <div className="fr-table__content">
            <table>
              <caption>{field.label}</caption>
              <thead>
                <tr>
                  {field.fields.map((sub) => (
                    <th scope="col" key={sub.key}>
                      {sub.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {list.map((row, index) => (
                  <tr key={index}>
                    {field.fields.map((sub) => (
                      <td key={sub.key} lang={sub.type === "shortText" || sub.type === "longText" ? lang : undefined}>
                        {answerText(sub, row[sub.key], t)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
              {totalColumn && total !== null ? (
                <tfoot>
                  <tr>
                    <td colSpan={field.fields.length}>
                      {t("applicationForm.total", { label: totalColumn.label, total: totalColumn.type === "money" ? f.euros(total) : percent(total, locale) })}
                    </td>
                  </tr>
                </tfoot>
              ) : null}
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}

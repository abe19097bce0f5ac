import { getFormProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import { useTranslation } from "react-i18next";
import { callFields, callSchema } from "~/schemas/call";
import { LEGAL_FORMS, REGIONS } from "~/schemas/organization";
import { ErrorSummary, FormAlert, TextAreaField, TextField } from "~/ui/fields";

/** The form's values as the server gives them back: text, except the lists of boxes. */
export type CallSettingsValues = { [K in keyof z.input<typeof callFields>]?: string | string[] };

/** Several boxes under one legend; the error sits under them, as for radio groups. */
function CheckboxGroup({ field, legend, hint, options }: { field: FieldMetadata<string[] | undefined>; legend: string; hint: string; options: readonly string[] }) {
  const { t } = useTranslation();
  const invalid = Boolean(field.errors?.length);
  const chosen = new Set(Array.isArray(field.initialValue) ? field.initialValue : field.initialValue ? [field.initialValue] : []);
  return (
    <fieldset className={invalid ? "fr-fieldset fr-fieldset--error" : "fr-fieldset"} id={field.id} aria-labelledby={`${field.id}-legend`}>
      <legend className="fr-fieldset__legend fr-fieldset__legend--regular" id={`${field.id}-legend`}>
        {legend}
        <span className="fr-hint-text">{hint}</span>
      </legend>
      {options.map((option, index) => (
        <div className="fr-fieldset__element" key={option}>
          <div className="fr-checkbox-group fr-checkbox-group--sm">
            <input type="checkbox" id={`${field.id}-${index}`} name={field.name} value={option} defaultChecked={chosen.has(option)} />
            <label className="fr-label" htmlFor={`${field.id}-${index}`}>
              {option}
            </label>
          </div>
        </div>
      ))}
      {invalid ? (
        <div className="fr-messages-group" id={field.errorId} aria-live="polite">
          {field.errors!.map((error) => (
            <p className="fr-message fr-message--error" key={error}>
              {t(`errors.${error}`, { defaultValue: error })}
            </p>
          ))}
        </div>
      ) : null}
    </fieldset>
  );
}

/**
 * A call's settings, for a new call, a duplicate or an edit. Days are Paris days: the call opens
 * at the first second of its opening day and closes at 23:59:59 on its closing day.
 */
export function CallSettingsForm({
  lastResult,
  defaultValue,
  submitLabel,
  hidden,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue?: CallSettingsValues;
  submitLabel: string;
  /** Extra values the form carries (the call a duplicate starts from). */
  hidden?: Record<string, string>;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof callFields>>({
    id: "call-settings",
    lastResult,
    // Numbers travel as the text typed: the form shows them as they were.
    defaultValue: defaultValue as Record<string, unknown> | undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: callSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const label = (name: string) => t(`callSetup.fields.${name}`);
  const hint = (name: string) => t(`callSetup.hints.${name}`);
  const summary = (Object.keys(fields) as (keyof typeof fields)[]).map((name) => ({ id: fields[name].id, label: label(name), errors: fields[name].errors }));
  return (
    <Form method="post" {...getFormProps(form)}>
      <ErrorSummary items={summary} reply={lastResult} />
      <FormAlert errors={form.errors} id={form.errorId} />
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} key={name} />
      ))}
      <p className="fr-text--sm">{t("callSetup.requiredNotice")}</p>
      <h2 className="fr-h4">{t("callSetup.sections.presentation")}</h2>
      <TextField field={fields.title} label={label("title")} />
      <TextField field={fields.code} label={label("code")} hint={hint("code")} />
      <TextAreaField field={fields.summary} label={label("summary")} rows={3} maxLength={600} />
      <TextAreaField field={fields.rules} label={label("rules")} hint={hint("rules")} rows={14} maxLength={20000} />

      <h2 className="fr-h4 fr-mt-4w">{t("callSetup.sections.calendar")}</h2>
      <TextField field={fields.opensOn} type="date" label={label("opensOn")} hint={hint("opensOn")} />
      <TextField field={fields.closesOn} type="date" label={label("closesOn")} hint={hint("closesOn")} />
      <TextField field={fields.reviewDeadlineOn} type="date" label={`${label("reviewDeadlineOn")} ${t("common.optional")}`} />
      <TextField field={fields.committeeOn} type="date" label={`${label("committeeOn")} ${t("common.optional")}`} />

      <h2 className="fr-h4 fr-mt-4w">{t("callSetup.sections.money")}</h2>
      <TextField field={fields.budget} label={label("budget")} hint={hint("amount")} inputMode="decimal" />
      <TextField field={fields.minGrant} label={label("minGrant")} hint={hint("amount")} inputMode="decimal" />
      <TextField field={fields.maxGrant} label={label("maxGrant")} hint={hint("amount")} inputMode="decimal" />
      <TextField field={fields.maxCostShare} label={`${label("maxCostShare")} ${t("common.optional")}`} hint={hint("maxCostShare")} inputMode="numeric" />

      <h2 className="fr-h4 fr-mt-4w">{t("callSetup.sections.eligibility")}</h2>
      <CheckboxGroup field={fields.eligibleRegions} legend={label("eligibleRegions")} hint={hint("eligibleRegions")} options={REGIONS} />
      <CheckboxGroup field={fields.legalForms} legend={label("legalForms")} hint={hint("legalForms")} options={LEGAL_FORMS} />

      <h2 className="fr-h4 fr-mt-4w">{t("callSetup.sections.review")}</h2>
      <TextField field={fields.reviewersPerFile} label={label("reviewersPerFile")} hint={hint("reviewersPerFile")} inputMode="numeric" />

      <h2 className="fr-h4 fr-mt-4w">{t("callSetup.sections.contact")}</h2>
      <TextField field={fields.contactEmail} type="email" label={label("contactEmail")} autoComplete="off" />
      <TextField field={fields.contactPhone} label={`${label("contactPhone")} ${t("common.optional")}`} autoComplete="off" />
      <TextAreaField field={fields.contactOffice} label={label("contactOffice")} hint={hint("contactOffice")} rows={3} maxLength={300} optional />

      <button type="submit" className="fr-btn fr-mt-3w">
        {submitLabel}
      </button>
    </Form>
  );
}


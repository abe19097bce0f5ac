import { getInputProps, getTextareaProps, getSelectProps, type FieldMetadata } from "@conform-to/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "~/ui/format";

/** Field errors are i18n keys under `errors.`; translated here, next to their field. */
export function FieldErrors({ id, errors, values }: { id: string; errors: string[] | undefined; values?: Record<string, unknown> }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <div className="fr-messages-group" id={id} aria-live="polite">
      {errors.map((error) => (
        <p className="fr-message fr-message--error" key={error}>
          {t(`errors.${error === "tooLong" && values?.count !== undefined ? "tooLongCounted" : error}`, { defaultValue: error, ...values })}
        </p>
      ))}
    </div>
  );
}

export function FieldLabel({ id, label, hint, optional }: { id: string; label: React.ReactNode; hint?: string; optional?: boolean }) {
  const { t } = useTranslation();
  return (
    <label className="fr-label" htmlFor={id}>
      {label}
      {optional ? ` ${t("common.optional")}` : null}
      {hint ? (
        <span className="fr-hint-text" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
    </label>
  );
}

interface FieldProps {
  field: FieldMetadata<string | number | null | undefined>;
  label: React.ReactNode;
  hint?: string;
}

function groupClass(base: string, invalid: boolean) {
  return invalid ? `${base} ${base}--error` : base;
}

export function TextField({
  field,
  label,
  hint,
  type = "text",
  autoComplete,
  inputMode,
  children,
}: FieldProps & {
  type?: "text" | "email" | "password" | "number" | "date";
  autoComplete?: string;
  inputMode?: "numeric" | "decimal";
  /** Shown under the input, before its errors (e.g. a live strength meter). */
  children?: React.ReactNode;
}) {
  const invalid = Boolean(field.errors?.length);
  const props = getInputProps(field, { type, ariaDescribedBy: hint ? `${field.id}-hint` : undefined });
  return (
    <div className={groupClass("fr-input-group", invalid)}>
      <FieldLabel id={field.id} label={label} hint={hint} />
      <input {...props} className={invalid ? "fr-input fr-input--error" : "fr-input"} autoComplete={autoComplete} inputMode={inputMode} />
      {children}
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

/**
 * A long text. With `maxLength`, the limit is stated under the label and a text over it is
 * refused with both numbers (« 4 000 caractères au maximum, 4 312 saisis »): nothing is cut.
 */
export function TextAreaField({
  field,
  label,
  hint,
  rows = 6,
  maxLength,
  optional,
}: FieldProps & { rows?: number; maxLength?: number; optional?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const invalid = Boolean(field.errors?.length);
  const limit = maxLength ? t("common.maxCharacters", { max: f.count(maxLength) }) : undefined;
  const fullHint = [hint, limit].filter(Boolean).join(" ") || undefined;
  const props = getTextareaProps(field, { ariaDescribedBy: fullHint ? `${field.id}-hint` : undefined });
  const typed = typeof field.value === "string" ? field.value.length : 0;
  return (
    <div className={groupClass("fr-input-group", invalid)}>
      <FieldLabel id={field.id} label={label} hint={fullHint} optional={optional} />
      <textarea {...props} rows={rows} className={invalid ? "fr-input fr-input--error" : "fr-input"} />
      <FieldErrors id={field.errorId} errors={field.errors} values={maxLength ? { max: f.count(maxLength), count: f.count(typed) } : undefined} />
    </div>
  );
}

/**
 * The design system's password field: « Afficher » reveals what was typed (its script does the
 * switch). Never given a value back by the server: Conform's replies hide password fields.
 */
export function PasswordField({
  field,
  label,
  hint,
  autoComplete,
  children,
}: FieldProps & { autoComplete: "current-password" | "new-password"; children?: React.ReactNode }) {
  const { t } = useTranslation();
  const invalid = Boolean(field.errors?.length);
  const props = getInputProps(field, { type: "password", ariaDescribedBy: hint ? `${field.id}-hint` : undefined });
  return (
    <div className={groupClass("fr-input-group", invalid)}>
      <div className="fr-password" id={`${field.id}-password`}>
        <FieldLabel id={field.id} label={label} hint={hint} />
        <div className="fr-input-wrap">
          <input
            {...props}
            className={invalid ? "fr-password__input fr-input fr-input--error" : "fr-password__input fr-input"}
            autoComplete={autoComplete}
            autoCapitalize="off"
            autoCorrect="off"
          />
        </div>
        {children}
        <FieldErrors id={field.errorId} errors={field.errors} />
        <div className="fr-password__checkbox fr-checkbox-group fr-checkbox-group--sm">
          <input aria-label={t("common.showPassword")} id={`${field.id}-show`} type="checkbox" />
          <label className="fr-password__checkbox fr-label" htmlFor={`${field.id}-show`}>
            {t("common.show")}
          </label>
        </div>
      </div>
    </div>
  );
}

/** Said once at the top of a form whose fields are all required, as the design system asks. */
export function RequiredFieldsNotice() {
  const { t } = useTranslation();
  return <p className="fr-text--sm fr-mb-3w">{t("common.allRequired")}</p>;
}

export interface SummaryItem {
  id: string;
  label: string;
  errors: string[] | undefined;
}

/**
 * On a long form, the errors listed at the top, each a link to its field, and focused when the
 * server sends the form back refused (`reply`), so a screen reader user hears at once what to fix.
 * While typing, the list follows the fields without taking the focus.
 */
export function ErrorSummary({ items, reply }: { items: SummaryItem[]; reply: unknown }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const wrong = items.filter((item) => item.errors?.length);
  const count = wrong.length;
  useEffect(() => {
    if (reply) ref.current?.focus();
  }, [reply]);
  if (count === 0) return null;
  return (
    <div className="fr-alert fr-alert--error fr-mb-3w" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 className="fr-alert__title" id="error-summary-title">
        {t("common.errorSummary", { count })}
      </h2>
      <ul>
        {wrong.map((item) => (
          <li key={item.id}>
            <a href={`#${item.id}`}>
              {item.label}
              {t("common.colon")}
              {t(`errors.${item.errors![0]}`, { defaultValue: item.errors![0] })}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function SelectField({
  field,
  label,
  hint,
  options,
  placeholder,
}: FieldProps & { options: { value: string; label: string }[]; placeholder?: string }) {
  const invalid = Boolean(field.errors?.length);
  const props = getSelectProps(field, { ariaDescribedBy: hint ? `${field.id}-hint` : undefined });
  return (
    <div className={groupClass("fr-select-group", invalid)}>
      <FieldLabel id={field.id} label={label} hint={hint} />
      <select {...props} className={invalid ? "fr-select fr-select--error" : "fr-select"}>
        {placeholder ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function FileField({ field, label, hint, accept }: { field: FieldMetadata<unknown>; label: string; hint?: string; accept: string }) {
  const invalid = Boolean(field.errors?.length);
  return (
    <div className={groupClass("fr-upload-group", invalid)}>
      <FieldLabel id={field.id} label={label} hint={hint} />
      <input
        className="fr-upload"
        type="file"
        id={field.id}
        name={field.name}
        accept={accept}
        aria-invalid={invalid || undefined}
        aria-describedby={[hint ? `${field.id}-hint` : null, invalid ? field.errorId : null].filter(Boolean).join(" ") || undefined}
      />
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** A DSFR radio group: one fieldset, its legend, and its error under the choices. */
export function RadioField({
  field,
  legend,
  options,
  inline = false,
  disabled = false,
  errorValues,
}: {
  field: FieldMetadata<unknown>;
  legend: React.ReactNode;
  options: { value: string; label: string }[];
  inline?: boolean;
  disabled?: boolean;
  errorValues?: Record<string, unknown>;
}) {
  const invalid = Boolean(field.errors?.length);
  const legendId = `${field.id}-legend`;
  return (
    <fieldset
      className={invalid ? "fr-fieldset fr-fieldset--error" : "fr-fieldset"}
      id={field.id}
      role="radiogroup"
      aria-labelledby={invalid ? `${legendId} ${field.errorId}` : legendId}
    >
      <legend className="fr-fieldset__legend fr-fieldset__legend--regular" id={legendId}>
        {legend}
      </legend>
      {options.map((option) => (
        <div className={inline ? "fr-fieldset__element fr-fieldset__element--inline" : "fr-fieldset__element"} key={option.value}>
          <div className="fr-radio-group">
            <input
              {...getInputProps(field as FieldMetadata<string>, { type: "radio", value: option.value })}
              id={`${field.id}-${option.value}`}
              disabled={disabled}
            />
            <label className="fr-label" htmlFor={`${field.id}-${option.value}`}>
              {option.label}
            </label>
          </div>
        </div>
      ))}
      <FieldErrors id={field.errorId} errors={field.errors} values={errorValues} />
    </fieldset>
  );
}

/** Errors that belong to the whole form (a deadline, a refused transition). */
export function FormAlert({ errors, id }: { errors: string[] | undefined; id?: string }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <div className="fr-alert fr-alert--error fr-mb-3w" role="alert" id={id}>
      {errors.map((error) => (
        <p key={error}>{t(`errors.${error}`, { defaultValue: error })}</p>
      ))}
    </div>
  );
}

export function Notice({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <div className="fr-alert fr-alert--success fr-alert--sm fr-mb-3w" role="status">
      <p>{message}</p>
    </div>
  );
}

import { pageTitle } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getCollectionProps, getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type FieldMetadata, type FormMetadata, type Submission } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { requireAllowed } from "~/auth/permissions.server";
import { prisma } from "~/db.server";
import { readForm, replyWithDomainError } from "~/forms.server";
import { redirectWithFlash } from "~/http/flash.server";
import { callEligibilityRules } from "~/domain/eligibility";
import { ATTACHMENT_FORMATS, FIELD_TYPES, type FormDefinition } from "~/domain/form-definition";
import { currentFormOfCall, saveCallForm } from "~/services/application-forms.server";
import { definitionToEditor, formEditorSchema, MAX_ATTACHMENT_MB, type EditedForm, type EditorField, type EditorValue } from "~/schemas/form-editor";
import { applicationFormSchema, type ApplicationFormValue } from "~/schemas/application";
import { Breadcrumb } from "~/ui/breadcrumb";
import { ErrorSummary, FieldErrors, FieldLabel, FormAlert } from "~/ui/fields";
import { ApplicationFormFields } from "~/ui/application-form";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "titles.callForm");

async function loadCallRules(callId: string) {
  const call = await prisma.call.findUnique({
    where: { id: callId },
    select: { id: true, title: true, eligibleRegions: true, legalForms: true, maxCostShare: true, eligibilityRules: true },
  });
  if (!call) throw new Response("Not found", { status: 404 });
  return { call, rules: callEligibilityRules(call) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAllowed(request, "call.form.edit", null);
  const { call, rules } = await loadCallRules(params.callId ?? "");
  const form = await currentFormOfCall(call.id);
  return json({
    call: { id: call.id, title: call.title },
    version: form.version,
    startedOnCurrent: form.startedOnCurrent,
    fromStandard: form.fromStandard,
    definition: form.definition,
    editor: definitionToEditor(form.definition, form.rules),
    callRules: { regions: rules.regions, legalForms: rules.legalForms, maxSharePercent: rules.maxSharePercent },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireAllowed(request, "call.form.edit", null);
  const { call, rules } = await loadCallRules(params.callId ?? "");
  const formData = await readForm(request);
  if (formData instanceof Response) return json({ editor: await formData.json(), preview: null }, { status: formData.status });
  const submission = parseWithZod(formData, { schema: formEditorSchema(rules) });
  // Adding, moving or removing an element without JavaScript comes back here, unsaved.
  if (submission.status !== "success") return json({ editor: submission.reply(), preview: null }, { status: submission.status === "error" ? 400 : 200 });
  if (formData.get("intent") === "save") {
    try {
      await saveCallForm(viewer, call.id, { ...submission.value, migrateDrafts: formData.get("migrateDrafts") === "on" });
    } catch (error) {
      const reply = replyWithDomainError(submission, error);
      return json({ editor: await reply.json(), preview: null }, { status: reply.status });
    }
    return redirectWithFlash(`/gestion/appels/${call.id}/formulaire`, { kind: "notice", key: "formSaved" });
  }
  // « Aperçu »: the form as applicants would see it, before anything is saved.
  return json({ editor: submission.reply(), preview: submission.value.definition });
}

type Meta = FieldMetadata<unknown>;
type EditorForm = FormMetadata<EditorValue>;

function Input({ meta, label, hint, type = "text", optional = true }: { meta: Meta; label: string; hint?: string; type?: "text" | "number" | "date"; optional?: boolean }) {
  const invalid = Boolean(meta.errors?.length);
  return (
    <div className={invalid ? "fr-input-group fr-input-group--error" : "fr-input-group"}>
      <FieldLabel id={meta.id} label={label} hint={hint} optional={optional} />
      <input {...getInputProps(meta as FieldMetadata<string>, { type, ariaDescribedBy: hint ? `${meta.id}-hint` : undefined })} className={invalid ? "fr-input fr-input--error" : "fr-input"} />
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

function TextArea({ meta, label, hint, rows = 3 }: { meta: Meta; label: string; hint?: string; rows?: number }) {
  const invalid = Boolean(meta.errors?.length);
  return (
    <div className={invalid ? "fr-input-group fr-input-group--error" : "fr-input-group"}>
      <FieldLabel id={meta.id} label={label} hint={hint} optional />
      <textarea {...getTextareaProps(meta as FieldMetadata<string>, { ariaDescribedBy: hint ? `${meta.id}-hint` : undefined })} rows={rows} className={invalid ? "fr-input fr-input--error" : "fr-input"} />
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

function Select({ meta, label, options }: { meta: Meta; label: string; options: { value: string; label: string }[] }) {
  const invalid = Boolean(meta.errors?.length);
  return (
    <div className={invalid ? "fr-select-group fr-select-group--error" : "fr-select-group"}>
      <FieldLabel id={meta.id} label={label} />
      <select {...getSelectProps(meta as FieldMetadata<string>)} className={invalid ? "fr-select fr-select--error" : "fr-select"}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

function Check({ meta, label }: { meta: Meta; label: string }) {
  return (
    <div className="fr-checkbox-group fr-checkbox-group--sm fr-mb-2w">
      <input {...getInputProps(meta as FieldMetadata<string>, { type: "checkbox" })} />
      <label className="fr-label" htmlFor={meta.id}>
        {label}
      </label>
    </div>
  );
}

/** Move up, move down and remove, as Conform intents: buttons of the form, so they work without JavaScript. */
function ListButtons({ form, name, index, count, what }: { form: EditorForm; name: string; index: number; count: number; what: string }) {
  const { t } = useTranslation();
  return (
    <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm fr-btns-group--icon-left">
      <li>
        <button {...form.reorder.getButtonProps({ name, from: index, to: index - 1 })} disabled={index === 0} className="fr-btn fr-btn--tertiary fr-icon-arrow-up-line">
          {t("formEditor.moveUp", { what })}
        </button>
      </li>
      <li>
        <button {...form.reorder.getButtonProps({ name, from: index, to: index + 1 })} disabled={index === count - 1} className="fr-btn fr-btn--tertiary fr-icon-arrow-down-line">
          {t("formEditor.moveDown", { what })}
        </button>
      </li>
      <li>
        <button {...form.remove.getButtonProps({ name, index })} className="fr-btn fr-btn--tertiary fr-icon-delete-line">
          {t("formEditor.remove", { what })}
        </button>
      </li>
    </ul>
  );
}

const NUMERIC = new Set(["integer", "decimal", "money", "percentage"]);

function FieldEditor({ form, meta, listName, index, count, inGroup }: { form: EditorForm; meta: FieldMetadata<EditorField>; listName: string; index: number; count: number; inGroup: boolean }) {
  const { t } = useTranslation();
  const field = meta.getFieldset();
  const value = (meta.value ?? {}) as EditorField;
  const type = value.type ?? "shortText";
  const types = FIELD_TYPES.filter((candidate) => !inGroup || (candidate !== "group" && candidate !== "attachment"));
  const what = value.label || t("formEditor.fieldNumber", { index: index + 1 });
  const columns = type === "group" ? field.fields.getFieldList() : [];
  return (
    <fieldset className="fr-fieldset laureat-panel fr-p-2w fr-mb-2w" aria-labelledby={`${meta.id}-legend`}>
      <legend className="fr-fieldset__legend fr-text--md" id={`${meta.id}-legend`}>
        {inGroup ? t("formEditor.column", { index: index + 1 }) : t("formEditor.field", { index: index + 1 })} — {value.label || "…"}
      </legend>
      <div className="fr-fieldset__element">
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-6">
            <Input meta={field.label} label={t("formEditor.label")} optional={false} />
          </div>
          <div className="fr-col-12 fr-col-md-3">
            <Select meta={field.type} label={t("formEditor.type")} options={types.map((candidate) => ({ value: candidate, label: t(`formEditor.types.${candidate}`) }))} />
          </div>
          <div className="fr-col-12 fr-col-md-3">
            <Input meta={field.key} label={t("formEditor.key")} hint={t("formEditor.keyHint")} />
          </div>
        </div>
        <TextArea meta={field.help} label={t("formEditor.help")} rows={2} />
        <Check meta={field.required} label={t("formEditor.required")} />
        {type === "shortText" || type === "longText" ? <Input meta={field.maxLength} label={t("formEditor.maxLength")} type="number" /> : null}
        {NUMERIC.has(type) || type === "date" || type === "multipleChoice" ? (
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-6">
              <Input meta={field.min} label={t(`formEditor.min.${type === "date" ? "date" : type === "multipleChoice" ? "choices" : type === "money" ? "money" : "number"}`)} type={type === "date" ? "date" : "text"} />
            </div>
            <div className="fr-col-6">
              <Input meta={field.max} label={t(`formEditor.max.${type === "date" ? "date" : type === "multipleChoice" ? "choices" : type === "money" ? "money" : "number"}`)} type={type === "date" ? "date" : "text"} />
            </div>
          </div>
        ) : null}
        {type === "choice" || type === "multipleChoice" ? <TextArea meta={field.options} label={t("formEditor.options")} hint={t("formEditor.optionsHint")} rows={4} /> : null}
        {type === "choice" ? (
          <Select
            meta={field.display}
            label={t("formEditor.display")}
            options={[
              { value: "radio", label: t("formEditor.displayRadio") },
              { value: "select", label: t("formEditor.displaySelect") },
            ]}
          />
        ) : null}
        {type === "attachment" ? (
          <>
            <fieldset className="fr-fieldset" aria-labelledby={`${meta.id}-formats`}>
              <legend className="fr-fieldset__legend fr-fieldset__legend--regular" id={`${meta.id}-formats`}>
                {t("formEditor.formats")}
              </legend>
              {getCollectionProps(field.formats as FieldMetadata<string[]>, { type: "checkbox", options: Object.keys(ATTACHMENT_FORMATS) }).map(({ key, ...props }) => (
                <div className="fr-fieldset__element fr-fieldset__element--inline" key={key}>
                  <div className="fr-checkbox-group fr-checkbox-group--sm">
                    <input {...props} />
                    <label className="fr-label" htmlFor={props.id}>
                      {t(`applicationForm.formats.${props.value}`)}
                    </label>
                  </div>
                </div>
              ))}
              <FieldErrors id={field.formats.errorId} errors={field.formats.errors} />
            </fieldset>
            <div className="fr-grid-row fr-grid-row--gutters">
              <div className="fr-col-6">
                <Input meta={field.maxSizeMb} label={t("formEditor.maxSizeMb", { max: MAX_ATTACHMENT_MB })} />
              </div>
              <div className="fr-col-6">
                <Input meta={field.maxFiles} label={t("formEditor.maxFiles")} />
              </div>
            </div>
          </>
        ) : null}
        {type === "group" ? (
          <>
            <div className="fr-grid-row fr-grid-row--gutters">
              <div className="fr-col-6 fr-col-md-3">
                <Input meta={field.minRows} label={t("formEditor.minRows")} />
              </div>
              <div className="fr-col-6 fr-col-md-3">
                <Input meta={field.maxRows} label={t("formEditor.maxRows")} />
              </div>
              <div className="fr-col-12 fr-col-md-6">
                <Input meta={field.addLabel} label={t("formEditor.addLabel")} />
              </div>
              <div className="fr-col-6">
                <Input meta={field.total} label={t("formEditor.total")} hint={t("formEditor.totalHint")} />
              </div>
              <div className="fr-col-6">
                <Input meta={field.shareOf} label={t("formEditor.shareOf")} hint={t("formEditor.shareOfHint")} />
              </div>
            </div>
            <FieldErrors id={field.fields.errorId} errors={field.fields.errors} />
            {columns.map((column, c) => (
              <FieldEditor key={column.key} form={form} meta={column} listName={field.fields.name} index={c} count={columns.length} inGroup />
            ))}
            <button {...form.insert.getButtonProps({ name: field.fields.name, defaultValue: { type: "shortText" } })} className="fr-btn fr-btn--secondary fr-btn--sm fr-icon-add-line fr-btn--icon-left fr-mb-2w">
              {t("formEditor.addColumn")}
            </button>
          </>
        ) : null}
        {inGroup ? null : (
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-6">
              <Input meta={field.conditionField} label={t("formEditor.conditionField")} hint={t("formEditor.conditionFieldHint")} />
            </div>
            <div className="fr-col-6">
              <Input meta={field.conditionValues} label={t("formEditor.conditionValues")} hint={t("formEditor.conditionValuesHint")} />
            </div>
          </div>
        )}
        <ListButtons form={form} name={listName} index={index} count={count} what={what} />
      </div>
    </fieldset>
  );
}

export default function CallFormEditor() {
  const { call, version, startedOnCurrent, fromStandard, definition, editor, callRules } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const schema = formEditorSchema(callRules);
  const [form, fields] = useForm<EditorValue, EditedForm>({
    id: "form-editor",
    lastResult: result?.editor,
    defaultValue: editor,
    // The schema reads any object: Conform's input type is the editor's own.
    onValidate: ({ formData }) => parseWithZod(formData, { schema }) as Submission<EditorValue, string[], EditedForm>,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  // The preview follows the editor as it is typed when the script runs and the definition holds;
  // otherwise the last one previewed or saved.
  const live = schema.safeParse(form.value ?? {});
  const shown = (live.success ? live.data.definition : (result?.preview ?? definition)) as FormDefinition;
  const sections = fields.sections.getFieldList();
  const rules = fields.rules.getFieldset();
  const summaryItems = sections.flatMap((section, s) => [
    { id: section.id, label: t("formEditor.section", { index: s + 1 }), errors: section.errors },
    ...section.getFieldset().fields.getFieldList().map((field, f) => ({ id: field.id, label: t("formEditor.sectionField", { section: s + 1, index: f + 1 }), errors: field.allErrors ? Object.values(field.allErrors).flat() : field.errors })),
  ]);
  return (
    <>
      <Breadcrumb trail={[{ href: "/gestion", label: t("nav.management") }, { href: `/gestion/appels/${call.id}`, label: call.title }]} current={t("formEditor.title")} />
      <h1>{t("formEditor.title")}</h1>
      <p>{t("formEditor.version", { version })}</p>
      {fromStandard ? (
        <div className="fr-notice fr-notice--info fr-mb-3w">
          <div className="fr-container">
            <div className="fr-notice__body">
              <p className="fr-notice__title">{t("formEditor.fromStandard")}</p>
            </div>
          </div>
        </div>
      ) : null}
      {startedOnCurrent > 0 ? (
        <div className="fr-notice fr-notice--info fr-mb-3w">
          <div className="fr-container">
            <div className="fr-notice__body">
              <p className="fr-notice__title">{t("formEditor.versionNotice", { count: startedOnCurrent, version, next: version + 1 })}</p>
            </div>
          </div>
        </div>
      ) : null}
      <ErrorSummary items={summaryItems} reply={result?.editor} />
      <FormAlert errors={form.errors} id={form.errorId} />
      <Form method="post" {...getFormProps(form)}>
        {/* Enter in an input previews the form: it never removes or moves anything. */}
        <button type="submit" name="intent" value="preview" className="fr-sr-only" tabIndex={-1} aria-hidden="true" />
        {sections.map((section, s) => {
          const sectionFields = section.getFieldset();
          const list = sectionFields.fields.getFieldList();
          const title = (section.value as { title?: string } | undefined)?.title || t("formEditor.section", { index: s + 1 });
          return (
            <section key={section.key} className="fr-mb-4w" aria-labelledby={`${section.id}-title`}>
              <h2 id={`${section.id}-title`} className="fr-h4">
                {t("formEditor.section", { index: s + 1 })} — {title}
              </h2>
              <div className="fr-grid-row fr-grid-row--gutters">
                <div className="fr-col-12 fr-col-md-8">
                  <Input meta={sectionFields.title} label={t("formEditor.sectionTitle")} optional={false} />
                </div>
                <div className="fr-col-12 fr-col-md-4">
                  <Input meta={sectionFields.key} label={t("formEditor.key")} hint={t("formEditor.keyHint")} />
                </div>
              </div>
              <TextArea meta={sectionFields.description} label={t("formEditor.description")} />
              <div className="fr-grid-row fr-grid-row--gutters">
                <div className="fr-col-6">
                  <Input meta={sectionFields.conditionField} label={t("formEditor.conditionField")} hint={t("formEditor.conditionFieldHint")} />
                </div>
                <div className="fr-col-6">
                  <Input meta={sectionFields.conditionValues} label={t("formEditor.conditionValues")} hint={t("formEditor.conditionValuesHint")} />
                </div>
              </div>
              <FieldErrors id={sectionFields.fields.errorId} errors={sectionFields.fields.errors} />
              {list.map((field, f) => (
                <FieldEditor key={field.key} form={form} meta={field} listName={sectionFields.fields.name} index={f} count={list.length} inGroup={false} />
              ))}
              <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left">
                <li>
                  <button {...form.insert.getButtonProps({ name: sectionFields.fields.name, defaultValue: { type: "shortText" } })} className="fr-btn fr-btn--secondary fr-icon-add-line">
                    {t("formEditor.addField")}
                  </button>
                </li>
              </ul>
              <ListButtons form={form} name={fields.sections.name} index={s} count={sections.length} what={title} />
            </section>
          );
        })}
        <FieldErrors id={fields.sections.errorId} errors={fields.sections.errors} />
        <button {...form.insert.getButtonProps({ name: fields.sections.name, defaultValue: { fields: [] } })} className="fr-btn fr-btn--secondary fr-icon-add-line fr-btn--icon-left fr-mb-4w">
          {t("formEditor.addSection")}
        </button>

        <fieldset className="fr-fieldset" aria-labelledby="form-rules-legend">
          <legend className="fr-fieldset__legend" id="form-rules-legend">
            {t("formEditor.rulesTitle")}
            <span className="fr-hint-text">{t("formEditor.rulesHint")}</span>
          </legend>
          <div className="fr-fieldset__element">
            <Input meta={rules.minMembers} label={t("formEditor.minMembers")} />
            <Input meta={rules.membersField} label={t("formEditor.membersField")} hint={t("formEditor.membersFieldHint")} />
            <Input meta={rules.costsField} label={t("formEditor.costsField")} hint={t("formEditor.costsFieldHint")} />
          </div>
        </fieldset>

        {startedOnCurrent > 0 ? (
          <div className="fr-checkbox-group fr-mb-3w">
            <input type="checkbox" id="migrate-drafts" name="migrateDrafts" aria-describedby="migrate-drafts-hint" />
            <label className="fr-label" htmlFor="migrate-drafts">
              {t("formEditor.migrateDrafts", { next: version + 1 })}
              <span className="fr-hint-text" id="migrate-drafts-hint">
                {t("formEditor.migrateDraftsHint")}
              </span>
            </label>
          </div>
        ) : null}
        <ul className="fr-btns-group fr-btns-group--inline-md">
          <li>
            <button type="submit" name="intent" value="preview" className="fr-btn fr-btn--secondary">
              {t("formEditor.preview")}
            </button>
          </li>
          <li>
            <button type="submit" name="intent" value="save" className="fr-btn" disabled={navigation.state === "submitting"}>
              {t("formEditor.save")}
            </button>
          </li>
        </ul>
      </Form>

      <Preview definition={shown} />
    </>
  );
}

/** The form exactly as applicants see it, filled by nobody: its checks run, nothing is sent. */
function Preview({ definition }: { definition: FormDefinition }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<Record<string, unknown>, ApplicationFormValue>({
    id: "form-preview",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: applicationFormSchema(definition) }) as Submission<Record<string, unknown>, string[], ApplicationFormValue>,
    shouldValidate: "onBlur",
  });
  return (
    <section className="fr-mt-6w laureat-panel fr-p-3w" aria-labelledby="form-preview-title">
      <h2 id="form-preview-title">{t("formEditor.previewTitle")}</h2>
      <p className="fr-text--sm">{t("formEditor.previewHint")}</p>
      {/* Without JavaScript its buttons only reload the page: GET, which changes nothing. */}
      <form {...getFormProps(form)} method="get">
        <ApplicationFormFields definition={definition} form={form} fields={fields as Record<string, FieldMetadata<unknown>>} />
      </form>
    </section>
  );
}

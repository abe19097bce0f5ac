import { pageTitle } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { requireAllowed } from "~/auth/permissions.server";
import { readForm, replyWithDomainError } from "~/forms.server";
import { redirectWithFlash } from "~/http/flash.server";
import { gridSchema, reopenGridSchema, SCORE_SCALES, TIE_BREAKS } from "~/schemas/grid";
import { loadGrid, reopenGrid, saveGrid } from "~/services/call-grid.server";
import { Breadcrumb } from "~/ui/breadcrumb";
import { ErrorSummary, FormAlert, RadioField, SelectField, TextAreaField, TextField } from "~/ui/fields";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "titles.callGrid");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAllowed(request, "call.manage", null);
  return json(await loadGrid(params.callId ?? ""));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireAllowed(request, "call.manage", null);
  const callId = params.callId ?? "";
  const formData = await readForm(request);
  if (formData instanceof Response) return formData;
  if (formData.get("intent") === "save") {
    // Adding, removing or moving a criterion comes back as the form to go on editing.
    const submission = parseWithZod(formData, { schema: gridSchema });
    if (submission.status !== "success") return json(submission.reply(), { status: submission.status === "error" ? 400 : 200 });
    try {
      await saveGrid(viewer, callId, submission.value);
    } catch (error) {
      return replyWithDomainError(submission, error);
    }
    return redirectWithFlash(`/gestion/appels/${callId}/grille`, { kind: "notice", key: "gridSaved" });
  }
  const submission = parseWithZod(formData, { schema: reopenGridSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  try {
    await reopenGrid(viewer, callId, submission.value.reason);
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
  return redirectWithFlash(`/gestion/appels/${callId}/grille`, { kind: "notice", key: "gridReopened" });
}

const EMPTY_CRITERION = { label: "", description: "", levels: "", weight: "", threshold: "" };

export default function GridEditor() {
  const { call, editable, reopened, submittedReviews, values } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const lastIntent = lastResult?.initialValue?.intent;
  const [form, fields] = useForm<z.input<typeof gridSchema>>({
    id: "grid",
    lastResult: lastIntent === "reopen" ? undefined : lastResult,
    defaultValue: values as Record<string, unknown>,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: gridSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const [reopenForm, reopenFields] = useForm({
    id: "reopen",
    lastResult: lastIntent === "reopen" ? lastResult : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: reopenGridSchema }),
  });
  const criteria = fields.criteria.getFieldList();
  const summary = [
    { id: fields.scoreScale.id, label: t("grid.scoreScale"), errors: fields.scoreScale.errors },
    { id: fields.overallThreshold.id, label: t("grid.overallThreshold"), errors: fields.overallThreshold.errors },
    { id: fields.criteria.id, label: t("grid.criteria"), errors: fields.criteria.errors },
    ...criteria.flatMap((criterion, index) => {
      const row = criterion.getFieldset();
      return [row.label, row.weight, row.threshold].map((field) => ({
        id: field.id,
        label: `${t("grid.criterionNumber", { number: index + 1 })} — ${t(`grid.fields.${field.name.split(".").pop()}`)}`,
        errors: field.errors,
      }));
    }),
  ];
  return (
    <>
      <Breadcrumb
        trail={[
          { href: "/gestion", label: t("nav.management") },
          { href: `/gestion/appels/${call.id}/parametres`, label: call.title },
        ]}
        current={t("titles.callGrid")}
      />
      <h1>{t("titles.callGrid")}</h1>
      {!editable ? (
        <div className="fr-alert fr-alert--info fr-mb-3w">
          <p>{t("grid.locked", { count: submittedReviews })}</p>
          <Form method="post" {...getFormProps(reopenForm)}>
            <input type="hidden" name="intent" value="reopen" />
            <FormAlert errors={reopenForm.errors} id={reopenForm.errorId} />
            <TextAreaField field={reopenFields.reason} label={t("grid.reopenReason")} rows={3} maxLength={2000} />
            <button type="submit" className="fr-btn fr-btn--secondary">
              {t("grid.reopen")}
            </button>
          </Form>
        </div>
      ) : reopened ? (
        <div className="fr-alert fr-alert--warning fr-mb-3w">
          <p>{t("grid.reopenedNotice")}</p>
        </div>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <ErrorSummary items={summary} reply={lastResult} />
        <FormAlert errors={form.errors} id={form.errorId} />
        <input type="hidden" name="intent" value="save" />
        <fieldset disabled={!editable} className="fr-fieldset">
          <div className="fr-fieldset__element">
            <SelectField field={fields.scoreScale} label={t("grid.scoreScale")} options={SCORE_SCALES.map((s) => ({ value: s, label: t("grid.scale", { max: s }) }))} />
          </div>
          <div className="fr-fieldset__element">
            <RadioField
              field={fields.halfPoints}
              legend={t("grid.halfPoints")}
              inline
              options={[
                { value: "no", label: t("grid.wholePoints") },
                { value: "yes", label: t("grid.halfPointsAllowed") },
              ]}
            />
          </div>
          <div className="fr-fieldset__element">
            <TextField field={fields.overallThreshold} label={`${t("grid.overallThreshold")} ${t("common.optional")}`} hint={t("grid.thresholdHint")} inputMode="decimal" />
          </div>
          <div className="fr-fieldset__element">
            <RadioField field={fields.tieBreak} legend={t("grid.tieBreak")} options={TIE_BREAKS.map((rule) => ({ value: rule, label: t(`grid.tieBreaks.${rule}`) }))} />
          </div>
          <div className="fr-fieldset__element" id={fields.criteria.id}>
            <h2 className="fr-h4">{t("grid.criteria")}</h2>
            <p className="fr-text--sm">{t("grid.weightsHint")}</p>
            {fields.criteria.errors?.length ? <FormAlert errors={fields.criteria.errors} id={fields.criteria.errorId} /> : null}
          </div>
          {criteria.map((criterion, index) => {
            const row = criterion.getFieldset();
            return (
              <fieldset key={criterion.key} className="fr-fieldset laureat-panel fr-p-2w fr-mb-2w" aria-labelledby={`${criterion.id}-legend`}>
                <legend className="fr-fieldset__legend" id={`${criterion.id}-legend`}>
                  {t("grid.criterionNumber", { number: index + 1 })}
                </legend>
                {row.id.value ? <input {...getInputProps(row.id, { type: "hidden" })} /> : null}
                <div className="fr-fieldset__element">
                  <TextField field={row.label} label={t("grid.fields.label")} />
                  <TextAreaField field={row.description} label={t("grid.fields.description")} rows={2} maxLength={2000} optional />
                  <TextAreaField field={row.levels} label={t("grid.fields.levels")} hint={t("grid.levelsHint")} rows={4} maxLength={4000} optional />
                  <TextField field={row.weight} label={t("grid.fields.weight")} inputMode="numeric" />
                  <TextField field={row.threshold} label={`${t("grid.fields.threshold")} ${t("common.optional")}`} hint={t("grid.thresholdHint")} inputMode="decimal" />
                </div>
                <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
                  <li>
                    <button className="fr-btn fr-btn--tertiary" {...form.reorder.getButtonProps({ name: fields.criteria.name, from: index, to: index - 1 })} disabled={index === 0}>
                      {t("grid.moveUp", { number: index + 1 })}
                    </button>
                  </li>
                  <li>
                    <button
                      className="fr-btn fr-btn--tertiary"
                      {...form.reorder.getButtonProps({ name: fields.criteria.name, from: index, to: index + 1 })}
                      disabled={index === criteria.length - 1}
                    >
                      {t("grid.moveDown", { number: index + 1 })}
                    </button>
                  </li>
                  <li>
                    <button className="fr-btn fr-btn--tertiary" {...form.remove.getButtonProps({ name: fields.criteria.name, index })}>
                      {t("grid.remove", { number: index + 1 })}
                    </button>
                  </li>
                </ul>
              </fieldset>
            );
          })}
          <div className="fr-fieldset__element">
            <button className="fr-btn fr-btn--secondary" {...form.insert.getButtonProps({ name: fields.criteria.name, defaultValue: EMPTY_CRITERION })}>
              {t("grid.add")}
            </button>
          </div>
          <div className="fr-fieldset__element">
            <button type="submit" className="fr-btn">
              {t("grid.save")}
            </button>
          </div>
        </fieldset>
      </Form>
    </>
  );
}

import { pageTitle } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { requireAllowed } from "~/auth/permissions.server";
import { readForm, replyWithDomainError } from "~/forms.server";
import { redirectWithFlash } from "~/http/flash.server";
import { DomainError } from "~/domain/errors";
import { callSchema, callStepSchema } from "~/schemas/call";
import { loadCallLifecycle, loadCallSettings, moveCall, settingsFormValues, updateCall } from "~/services/call-setup.server";
import { Breadcrumb } from "~/ui/breadcrumb";
import { CallSettingsForm } from "~/ui/call-settings-form";
import { FormAlert } from "~/ui/fields";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "titles.callSettings");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAllowed(request, "call.manage", null);
  const call = await loadCallSettings(params.callId ?? "");
  const lifecycle = await loadCallLifecycle(call.id);
  return json({ call: { id: call.id, title: call.title }, lifecycle, defaultValue: settingsFormValues(call) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireAllowed(request, "call.manage", null);
  const callId = params.callId ?? "";
  const formData = await readForm(request);
  if (formData instanceof Response) return formData;
  if (formData.get("intent") === "save") {
    const submission = parseWithZod(formData, { schema: callSchema });
    if (submission.status !== "success") return json({ step: null, settings: submission.reply() }, { status: 400 });
    try {
      await updateCall(viewer, callId, submission.value);
    } catch (error) {
      const reply = replyWithDomainError(submission, error);
      return json({ step: null, settings: await reply.json() }, { status: reply.status });
    }
    return redirectWithFlash(`/gestion/appels/${callId}/parametres`, { kind: "notice", key: "callSaved" });
  }
  // Any other post is a lifecycle step.
  const submission = parseWithZod(formData, { schema: callStepSchema });
  if (submission.status !== "success") return json({ step: submission.reply(), settings: null }, { status: 400 });
  try {
    await moveCall(viewer, callId, submission.value.step);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    // Every reason the step is refused, so staff settle them all before trying again.
    const reasons = Object.keys(error.fields).length > 0 ? Object.values(error.fields) : [error.key];
    return json({ step: submission.reply({ formErrors: reasons }), settings: null }, { status: error.status });
  }
  return redirectWithFlash(`/gestion/appels/${callId}/parametres`, { kind: "notice", key: `callStep.${submission.value.step}` });
}

export default function CallSettings() {
  const { call, lifecycle, defaultValue } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const stepErrors = result?.step?.error?.[""] ?? undefined;
  return (
    <>
      <Breadcrumb
        trail={[
          { href: "/gestion", label: t("nav.management") },
          { href: `/gestion/appels/${call.id}`, label: call.title },
        ]}
        current={t("titles.callSettings")}
      />
      <h1>{call.title}</h1>
      <section className="laureat-panel fr-p-3w fr-mb-4w" aria-labelledby="lifecycle-title">
        <h2 className="fr-h4" id="lifecycle-title">
          {t("callSetup.lifecycle")}
        </h2>
        <p>
          {t("callSetup.phaseNow")} <strong className="fr-badge fr-badge--info">{t(`callPhase.${lifecycle.phase}`)}</strong>
        </p>
        <FormAlert errors={stepErrors ?? undefined} id="step-errors" />
        {lifecycle.steps.length === 0 ? <p>{t("callSetup.noStep")}</p> : null}
        <ul className="fr-btns-group fr-btns-group--inline-md">
          {lifecycle.steps.map(({ step, refusals }) => (
            <li key={step}>
              <Form method="post">
                <input type="hidden" name="intent" value="step" />
                <input type="hidden" name="step" value={step} />
                <button
                  type="submit"
                  className={step === "archive" ? "fr-btn fr-btn--secondary" : "fr-btn"}
                  aria-describedby={refusals.length > 0 ? `refusals-${step}` : undefined}
                >
                  {t(`callSetup.steps.${step}`)}
                </button>
              </Form>
              {refusals.length > 0 ? (
                <ul className="fr-text--sm fr-mt-1w" id={`refusals-${step}`}>
                  {refusals.map((reason) => (
                    <li key={reason}>{t(`errors.${reason}`)}</li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
        <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
          <li>
            <a className="fr-btn fr-btn--tertiary" href={`/gestion/appels/${call.id}/formulaire`}>
              {t("formEditor.link")}
            </a>
          </li>
          <li>
            <a className="fr-btn fr-btn--tertiary" href={`/gestion/appels/${call.id}/grille`}>
              {t("callSetup.gridLink")}
            </a>
          </li>
          <li>
            <a className="fr-btn fr-btn--tertiary" href={`/gestion/appels/nouveau?depuis=${call.id}`}>
              {t("callSetup.duplicate")}
            </a>
          </li>
          <li>
            <a className="fr-btn fr-btn--tertiary" href={`/gestion/appels/${call.id}/export`} download>
              {t("callSetup.export")}
            </a>
          </li>
        </ul>
      </section>
      <h2>{t("callSetup.settings")}</h2>
      <CallSettingsForm
        lastResult={result?.settings ?? undefined}
        defaultValue={defaultValue}
        submitLabel={t("callSetup.save")}
        hidden={{ intent: "save" }}
      />
    </>
  );
}

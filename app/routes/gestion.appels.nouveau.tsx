import { pageTitle } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { requireAllowed } from "~/auth/permissions.server";
import { readForm, replyWithDomainError } from "~/forms.server";
import { redirectWithFlash } from "~/http/flash.server";
import { callSchema } from "~/schemas/call";
import { createCall, loadCallSettings, settingsFormValues } from "~/services/call-setup.server";
import { Breadcrumb } from "~/ui/breadcrumb";
import { CallSettingsForm } from "~/ui/call-settings-form";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "titles.newCall");

/** `?depuis=<call>` starts from that call: its texts, conditions, form and grid, with the days left to choose. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAllowed(request, "call.manage", null);
  const sourceId = new URL(request.url).searchParams.get("depuis");
  if (!sourceId) return json({ source: null, defaultValue: null });
  const source = await loadCallSettings(sourceId);
  return json({ source: { id: source.id, title: source.title }, defaultValue: settingsFormValues(source, { withDates: false }) });
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireAllowed(request, "call.manage", null);
  const formData = await readForm(request);
  if (formData instanceof Response) return formData;
  const submission = parseWithZod(formData, { schema: callSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const sourceCallId = formData.get("sourceCallId");
  let callId: string;
  try {
    callId = await createCall(viewer, submission.value, typeof sourceCallId === "string" && sourceCallId ? sourceCallId : undefined);
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
  return redirectWithFlash(`/gestion/appels/${callId}/parametres`, { kind: "notice", key: "callCreated" });
}

export default function NewCall() {
  const { source, defaultValue } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <>
      <Breadcrumb trail={[{ href: "/gestion", label: t("nav.management") }]} current={t("titles.newCall")} />
      <h1>{t("titles.newCall")}</h1>
      {source ? <p className="fr-text--lead">{t("callSetup.duplicateOf", { title: source.title })}</p> : null}
      <CallSettingsForm
        lastResult={lastResult}
        defaultValue={defaultValue ?? undefined}
        submitLabel={t("callSetup.create")}
        hidden={source ? { sourceCallId: source.id } : undefined}
      />
    </>
  );
}

import { pageTitle } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { requireAllowed } from "~/auth/permissions.server";
import { readForm, replyWithDomainError } from "~/forms.server";
import { redirectWithFlash } from "~/http/flash.server";
import { importCallSchema } from "~/schemas/call";
import { readCallDefinition, type DefinitionProblem } from "~/schemas/call-definition";
import { importCall } from "~/services/call-setup.server";
import { Breadcrumb } from "~/ui/breadcrumb";
import { FileField, FormAlert, TextField } from "~/ui/fields";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "titles.importCall");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAllowed(request, "call.manage", null);
  return json({});
}

const NO_PROBLEMS: DefinitionProblem[] = [];

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireAllowed(request, "call.manage", null);
  const formData = await readForm(request, { files: ["definition"] });
  if (formData instanceof Response) return formData;
  const submission = parseWithZod(formData, { schema: importCallSchema });
  if (submission.status !== "success") return json({ reply: submission.reply(), problems: NO_PROBLEMS }, { status: 400 });
  let data: unknown;
  try {
    data = JSON.parse(await submission.value.definition.text());
  } catch {
    return json({ reply: submission.reply({ fieldErrors: { definition: ["importUnreadable"] } }), problems: NO_PROBLEMS }, { status: 400 });
  }
  const read = readCallDefinition(data);
  if ("problems" in read) {
    return json({ reply: submission.reply({ fieldErrors: { definition: ["importInvalid"] } }), problems: read.problems }, { status: 400 });
  }
  let callId: string;
  try {
    callId = await importCall(viewer, read.definition, submission.value.code);
  } catch (error) {
    const refused = replyWithDomainError(submission, error);
    return json({ reply: await refused.json(), problems: NO_PROBLEMS }, { status: refused.status });
  }
  return redirectWithFlash(`/gestion/appels/${callId}/parametres`, { kind: "notice", key: "callImported" });
}

export default function ImportCall() {
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  // A body refused before it is read comes back as the form's reply alone.
  const reply = result && "reply" in result ? result.reply : result;
  const problems: DefinitionProblem[] = result && "problems" in result ? result.problems : [];
  const [form, fields] = useForm({
    id: "import-call",
    lastResult: reply,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: importCallSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <>
      <Breadcrumb trail={[{ href: "/gestion", label: t("nav.management") }]} current={t("titles.importCall")} />
      <h1>{t("titles.importCall")}</h1>
      <p>{t("callSetup.importIntro")}</p>
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
        <FormAlert errors={form.errors} id={form.errorId} />
        <FileField field={fields.definition} label={t("callSetup.importFile")} hint={t("callSetup.importFileHint")} accept="application/json,.json" />
        {problems.length > 0 ? (
          <div className="fr-alert fr-alert--error fr-mb-3w" role="alert">
            <h2 className="fr-alert__title">{t("callSetup.importProblems", { count: problems.length })}</h2>
            <ul>
              {problems.map((problem) => (
                <li key={`${problem.path}:${problem.key}`}>
                  <code>{problem.path}</code>
                  {t("common.colon")}
                  {t(`errors.${problem.key}`, { defaultValue: problem.key })}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <TextField field={fields.code} label={t("callSetup.fields.code")} hint={t("callSetup.importCodeHint")} />
        <button type="submit" className="fr-btn">
          {t("callSetup.importSubmit")}
        </button>
      </Form>
    </>
  );
}

import { pageTitle } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { forgotPasswordSchema } from "~/schemas/auth";
import { requireSignedOut } from "~/auth/permissions.server";
import { requestPasswordReset } from "~/services/accounts.server";
import { readForm } from "~/forms.server";
import { redirectWithFlash } from "~/http/flash.server";
import { FormAlert, TextField } from "~/ui/fields";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "titles.forgotPassword");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSignedOut(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  await requireSignedOut(request);
  const formData = await readForm(request);
  if (formData instanceof Response) return formData;
  const submission = parseWithZod(formData, { schema: forgotPasswordSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  await requestPasswordReset(submission.value.email);
  // The same answer whether or not the address has an account.
  return redirectWithFlash("/connexion", { kind: "notice", key: "passwordResetSent" });
}

export default function ForgotPassword() {
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: forgotPasswordSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>{t("auth.forgotTitle")}</h1>
        <p>{t("auth.forgotLead")}</p>
        <FormAlert errors={form.errors} id={form.errorId} />
        <Form method="post" {...getFormProps(form)}>
          <TextField field={fields.email} label={t("auth.email")} type="email" autoComplete="email" />
          <button type="submit" className="fr-btn">
            {t("auth.forgotSubmit")}
          </button>
        </Form>
      </div>
    </div>
  );
}

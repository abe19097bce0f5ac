import { pageTitle } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { signupSchema } from "~/schemas/auth";
import { loadPasswordChecker } from "~/auth/password-strength";
import { requireSignedOut } from "~/auth/permissions.server";
import { requestApplicantAccount } from "~/services/accounts.server";
import { i18nServer } from "~/i18n/i18n.server";
import { toLocale } from "~/i18n/config";
import { readForm } from "~/forms.server";
import { redirectWithFlash } from "~/http/flash.server";
import { FormAlert, PasswordField, RequiredFieldsNotice, TextField } from "~/ui/fields";
import { PasswordStrength } from "~/ui/password-strength";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "titles.signup");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSignedOut(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  await requireSignedOut(request);
  const formData = await readForm(request);
  if (formData instanceof Response) return formData;
  const locale = toLocale(await i18nServer.getLocale(request));
  const submission = parseWithZod(formData, { schema: signupSchema(await loadPasswordChecker(locale)) });
  if (submission.status !== "success") {
    return json(submission.reply({ hideFields: ["password", "confirmPassword"] }), { status: 400 });
  }
  await requestApplicantAccount({ ...submission.value, locale });
  // The same answer whether or not the address already has an account: the email tells the rest.
  return redirectWithFlash("/connexion", { kind: "notice", key: "signupEmailSent" });
}

export default function Signup() {
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signupSchema() }),
    shouldValidate: "onBlur",
  });
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>{t("auth.signupTitle")}</h1>
        <p>{t("auth.signupLead")}</p>
        <FormAlert errors={form.errors} id={form.errorId} />
        <Form method="post" {...getFormProps(form)}>
          <RequiredFieldsNotice />
          <TextField field={fields.name} label={t("auth.name")} autoComplete="name" />
          <TextField field={fields.email} label={t("auth.email")} hint={t("auth.emailHint")} type="email" autoComplete="email" />
          <PasswordField field={fields.password} label={t("auth.password")} hint={t("auth.passwordHint")} autoComplete="new-password">
            <PasswordStrength password={fields.password.value} personalInputs={[fields.name.value ?? "", fields.email.value ?? ""]} />
          </PasswordField>
          <PasswordField field={fields.confirmPassword} label={t("auth.confirmPassword")} autoComplete="new-password" />
          <button type="submit" className="fr-btn">
            {t("auth.signupSubmit")}
          </button>
        </Form>
      </div>
    </div>
  );
}

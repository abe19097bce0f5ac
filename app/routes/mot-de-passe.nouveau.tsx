import { pageTitle } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { emailedLinkSchema, resetPasswordSchema } from "~/schemas/auth";
import { loadPasswordChecker } from "~/auth/password-strength";
import { requireSignedOut } from "~/auth/permissions.server";
import { isAccountTokenValid, resetPassword } from "~/services/accounts.server";
import { i18nServer } from "~/i18n/i18n.server";
import { toLocale } from "~/i18n/config";
import { readForm } from "~/forms.server";
import { redirectWithFlash } from "~/http/flash.server";
import { FormAlert, PasswordField, RequiredFieldsNotice } from "~/ui/fields";
import { PasswordStrength } from "~/ui/password-strength";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "titles.newPassword");

/** Opening the emailed link changes nothing: the new password is set by the form. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireSignedOut(request);
  const token = new URL(request.url).searchParams.get("jeton") ?? "";
  const parsed = emailedLinkSchema.safeParse({ token });
  const valid = parsed.success && (await isAccountTokenValid(parsed.data.token, "PASSWORD_RESET"));
  return json({ token: valid ? token : null });
}

export async function action({ request }: ActionFunctionArgs) {
  await requireSignedOut(request);
  const formData = await readForm(request);
  if (formData instanceof Response) return formData;
  const locale = toLocale(await i18nServer.getLocale(request));
  const submission = parseWithZod(formData, { schema: resetPasswordSchema(await loadPasswordChecker(locale)) });
  if (submission.status !== "success") {
    return json(submission.reply({ hideFields: ["password", "confirmPassword"] }), { status: 400 });
  }
  const reset = await resetPassword(submission.value.token, submission.value.password);
  if (!reset) return json(submission.reply({ formErrors: ["resetLinkInvalid"], hideFields: ["password", "confirmPassword"] }), { status: 400 });
  return redirectWithFlash("/connexion", { kind: "notice", key: "passwordChanged" });
}

export default function NewPassword() {
  const { token } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resetPasswordSchema() }),
    shouldValidate: "onBlur",
  });
  if (!token) {
    return (
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-8">
          <h1>{t("auth.confirmInvalidTitle")}</h1>
          <p>{t("auth.resetInvalid")}</p>
          <a className="fr-btn" href="/mot-de-passe/oublie">
            {t("auth.forgotSubmit")}
          </a>
        </div>
      </div>
    );
  }
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>{t("auth.newPasswordTitle")}</h1>
        <p>{t("auth.newPasswordLead")}</p>
        <FormAlert errors={form.errors} id={form.errorId} />
        <Form method="post" {...getFormProps(form)}>
          <RequiredFieldsNotice />
          <input type="hidden" name="token" value={token} />
          <PasswordField field={fields.password} label={t("auth.newPassword")} hint={t("auth.passwordHint")} autoComplete="new-password">
            <PasswordStrength password={fields.password.value} personalInputs={[]} />
          </PasswordField>
          <PasswordField field={fields.confirmPassword} label={t("auth.confirmPassword")} autoComplete="new-password" />
          <button type="submit" className="fr-btn">
            {t("auth.newPasswordSubmit")}
          </button>
        </Form>
      </div>
    </div>
  );
}

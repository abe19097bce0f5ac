import { pageTitle } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { signupSchema } from "~/schemas/auth";
import { createUserSession, getCurrentUser, homeFor } from "~/auth/session.server";
import { registerApplicant } from "~/services/accounts.server";
import { i18nServer } from "~/i18n/i18n.server";
import { readForm, replyWithDomainError } from "~/forms.server";
import { TextField, FormAlert } from "~/ui/fields";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "titles.signup");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getCurrentUser(request);
  if (user) throw redirect(homeFor(user.role));
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readForm(request);
  if (formData instanceof Response) return formData;
  const submission = parseWithZod(formData, { schema: signupSchema });
  if (submission.status !== "success") {
    return json(submission.reply({ hideFields: ["password", "confirmPassword"] }), { status: 400 });
  }
  try {
    const locale = await i18nServer.getLocale(request);
    const userId = await registerApplicant({ ...submission.value, locale });
    return await createUserSession(userId, "/espace/structure");
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

export default function Signup() {
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signupSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>{t("auth.signupTitle")}</h1>
        <p>{t("auth.signupLead")}</p>
        <FormAlert errors={form.errors} id={form.errorId} />
        <Form method="post" {...getFormProps(form)}>
          <TextField field={fields.name} label={t("auth.name")} autoComplete="name" />
          <TextField field={fields.email} label={t("auth.email")} type="email" autoComplete="email" />
          <TextField field={fields.password} label={t("auth.password")} hint={t("auth.passwordHint")} type="password" autoComplete="new-password" />
          <TextField field={fields.confirmPassword} label={t("auth.confirmPassword")} type="password" autoComplete="new-password" />
          <button type="submit" className="fr-btn">
            {t("auth.signupSubmit")}
          </button>
        </Form>
      </div>
    </div>
  );
}

import { pageTitle } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { loginSchema } from "~/schemas/auth";
import { authenticate, createUserSession, homeFor, isKnownDevice, rememberDevice } from "~/auth/session.server";
import { requireSignedOut } from "~/auth/permissions.server";
import { clientAddress } from "~/http/client-address.server";
import { safeRedirect } from "~/http/redirects.server";
import { readForm } from "~/forms.server";
import { isDemoMode } from "~/config.server";
import { FormAlert, PasswordField, TextField } from "~/ui/fields";
import { DEMO_ACCOUNTS } from "../../prisma/demo-data";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "titles.login");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSignedOut(request);
  return json({ demoAccounts: isDemoMode() ? DEMO_ACCOUNTS : [] });
}

export async function action({ request }: ActionFunctionArgs) {
  await requireSignedOut(request);
  const formData = await readForm(request);
  if (formData instanceof Response) return formData;
  const submission = parseWithZod(formData, { schema: loginSchema });
  if (submission.status !== "success") return json(submission.reply({ hideFields: ["password"] }), { status: 400 });
  const { email, password, redirectTo } = submission.value;
  const result = await authenticate(
    { email, address: clientAddress(request), knownDevice: await isKnownDevice(request, email) },
    password,
  );
  if (!result.ok) {
    const throttled = result.reason === "tooManyAttempts";
    return json(submission.reply({ formErrors: [result.reason], hideFields: ["password"] }), {
      status: throttled ? 429 : 400,
      headers: throttled ? { "Retry-After": String(Math.max(1, Math.ceil((result.retryAt.getTime() - Date.now()) / 1000))) } : undefined,
    });
  }
  return createUserSession(result.user.id, safeRedirect(redirectTo, homeFor(result.user.role)), [await rememberDevice(request, email)]);
}

export default function Login() {
  const { demoAccounts } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t, i18n } = useTranslation();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <div className="fr-grid-row fr-grid-row--gutters">
      <div className="fr-col-12 fr-col-md-6">
        <h1>{t("auth.loginTitle")}</h1>
        <FormAlert errors={form.errors} id={form.errorId} />
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
          <fieldset className="fr-fieldset">
            <legend className="fr-fieldset__legend">{t("auth.loginLegend")}</legend>
            <div className="fr-fieldset__element">
              <TextField field={fields.email} label={t("auth.email")} type="email" autoComplete="email" />
            </div>
            <div className="fr-fieldset__element">
              <PasswordField field={fields.password} label={t("auth.password")} autoComplete="current-password" />
              <p className="fr-mb-0">
                <a className="fr-link fr-link--sm" href="/mot-de-passe/oublie">
                  {t("auth.forgotLink")}
                </a>
              </p>
            </div>
          </fieldset>
          <button type="submit" className="fr-btn">
            {t("auth.loginSubmit")}
          </button>
        </Form>
        <p className="fr-mt-4w">
          {t("auth.noAccount")} <a href="/inscription">{t("nav.signup")}</a>
        </p>
      </div>
      {demoAccounts.length > 0 ? (
        <div className="fr-col-12 fr-col-md-6">
          <div className="fr-callout">
            <h2 className="fr-callout__title">{t("auth.demoTitle")}</h2>
            <p className="fr-callout__text fr-text--sm">{t("auth.demoIntro")}</p>
            <ul className="fr-text--sm">
              {demoAccounts.map((account) => (
                <li key={account.email}>
                  <code>{account.email}</code> — {i18n.language === "en" ? account.description.en : account.description.fr}
                </li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
    </div>
  );
}

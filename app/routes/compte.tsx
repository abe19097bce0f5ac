import { pageTitle } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps, useForm, type Submission } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { requireAllowed } from "~/auth/permissions.server";
import { destroyUserSession, getCurrentUser, readSessionId } from "~/auth/session.server";
import { loadPasswordChecker } from "~/auth/password-strength";
import { changeEmailSchema, changePasswordSchema, endAllSessionsSchema, endSessionSchema, profileSchema } from "~/schemas/account";
import { changePassword, endAllSessions, endSession, loadAccount, requestEmailChange, updateProfile } from "~/services/account-settings.server";
import { localeCookie } from "~/i18n/i18n.server";
import { toLocale } from "~/i18n/config";
import { clientAddress } from "~/http/client-address.server";
import { flashCookie, redirectWithFlash } from "~/http/flash.server";
import { readForm, replyWithDomainError } from "~/forms.server";
import { DomainError } from "~/domain/errors";
import { FormAlert, PasswordField, SelectField, TextField } from "~/ui/fields";
import { PasswordStrength } from "~/ui/password-strength";
import { useFormat } from "~/ui/format";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "titles.account");

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireAllowed(request, "account.manage", null);
  const [{ user, sessions, pendingEmail }, currentSessionId] = await Promise.all([loadAccount(viewer.id), readSessionId(request)]);
  return json({
    user,
    pendingEmail,
    sessions: sessions.map((s) => ({ id: s.id, createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, current: s.id === currentSessionId })),
  });
}

const PASSWORDS = ["currentPassword", "password", "confirmPassword"];

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireAllowed(request, "account.manage", null);
  const formData = await readForm(request);
  if (formData instanceof Response) return formData;
  const intent = formData.get("intent");
  if (intent === "profile") {
    const submission = parseWithZod(formData, { schema: profileSchema });
    if (submission.status !== "success") return json(submission.reply(), { status: 400 });
    await updateProfile(viewer, submission.value);
    // The page follows the chosen language at once, as the language switch does.
    return redirectWithFlash("/compte", { kind: "notice", key: "profileSaved" }, { headers: { "Set-Cookie": await localeCookie.serialize(submission.value.locale) } });
  }
  if (intent === "password") {
    const me = await getCurrentUser(request);
    const checker = await loadPasswordChecker(toLocale(me?.locale));
    const submission = parseWithZod(formData, { schema: changePasswordSchema(checker, [me?.name ?? "", me?.email ?? ""]) });
    if (submission.status !== "success") return json(submission.reply({ hideFields: PASSWORDS }), { status: 400 });
    try {
      await changePassword(viewer, { sessionId: await readSessionId(request), clientAddress: clientAddress(request) }, submission.value);
    } catch (error) {
      return refusedWithoutPasswords(submission, error);
    }
    return redirectWithFlash("/compte", { kind: "notice", key: "accountPasswordChanged" });
  }
  if (intent === "email") {
    const submission = parseWithZod(formData, { schema: changeEmailSchema });
    if (submission.status !== "success") return json(submission.reply({ hideFields: PASSWORDS }), { status: 400 });
    try {
      await requestEmailChange(viewer, clientAddress(request), submission.value);
    } catch (error) {
      return refusedWithoutPasswords(submission, error);
    }
    return redirectWithFlash("/compte", { kind: "notice", key: "emailChangeSent" });
  }
  if (intent === "endSession") {
    const submission = parseWithZod(formData, { schema: endSessionSchema });
    if (submission.status !== "success") return json(submission.reply(), { status: 400 });
    try {
      await endSession(viewer, submission.value.sessionId);
    } catch (error) {
      return replyWithDomainError(submission, error);
    }
    return redirectWithFlash("/compte", { kind: "notice", key: "sessionEnded" });
  }
  const submission = parseWithZod(formData, { schema: endAllSessionsSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  await endAllSessions(viewer);
  const response = await destroyUserSession(request);
  response.headers.append("Set-Cookie", await flashCookie({ kind: "notice", key: "allSessionsEnded" }));
  return response;
}

/** A refusal of the service (wrong current password, same address), next to its field, without sending any password back. */
function refusedWithoutPasswords(submission: Submission<unknown>, error: unknown) {
  if (!(error instanceof DomainError)) throw error;
  const reply = error.field ? { fieldErrors: { [error.field]: [error.key] } } : { formErrors: [error.key] };
  return json(submission.reply({ ...reply, hideFields: PASSWORDS }), { status: error.status });
}

export default function Account() {
  const { user, sessions, pendingEmail } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const f = useFormat();
  const lastIntent = lastResult?.initialValue?.intent;
  const [profileForm, profileFields] = useForm({
    id: "profile",
    lastResult: lastIntent === "profile" ? lastResult : undefined,
    defaultValue: { name: user.name, locale: user.locale },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: profileSchema }),
    shouldValidate: "onBlur",
  });
  const [emailForm, emailFields] = useForm({
    id: "email",
    lastResult: lastIntent === "email" ? lastResult : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: changeEmailSchema }),
    shouldValidate: "onBlur",
  });
  const [passwordForm, passwordFields] = useForm({
    id: "password",
    lastResult: lastIntent === "password" ? lastResult : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: changePasswordSchema() }),
    shouldValidate: "onBlur",
  });
  const others = sessions.filter((s) => !s.current);
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-lg-8">
        <h1>{t("account.title")}</h1>

        <h2 className="fr-mt-4w">{t("account.profileTitle")}</h2>
        <FormAlert errors={profileForm.errors} id={profileForm.errorId} />
        <Form method="post" {...getFormProps(profileForm)}>
          <input type="hidden" name="intent" value="profile" />
          <TextField field={profileFields.name} label={t("auth.name")} autoComplete="name" />
          <SelectField
            field={profileFields.locale}
            label={t("account.locale")}
            hint={t("account.localeHint")}
            options={[
              { value: "fr", label: "Français" },
              { value: "en", label: "English" },
            ]}
          />
          <button type="submit" className="fr-btn">
            {t("account.profileSubmit")}
          </button>
        </Form>

        <h2 className="fr-mt-6w">{t("account.emailTitle")}</h2>
        <p>{t("account.currentEmail", { email: user.email })}</p>
        {pendingEmail ? <p className="fr-text--sm">{t("account.pendingEmail", { email: pendingEmail })}</p> : null}
        <FormAlert errors={emailForm.errors} id={emailForm.errorId} />
        <Form method="post" {...getFormProps(emailForm)}>
          <input type="hidden" name="intent" value="email" />
          <TextField field={emailFields.email} label={t("account.newEmail")} hint={t("account.newEmailHint")} type="email" autoComplete="email" />
          <PasswordField field={emailFields.currentPassword} label={t("account.currentPassword")} autoComplete="current-password" />
          <button type="submit" className="fr-btn">
            {t("account.emailSubmit")}
          </button>
        </Form>

        <h2 className="fr-mt-6w">{t("account.passwordTitle")}</h2>
        <p>{t("account.passwordLead")}</p>
        <FormAlert errors={passwordForm.errors} id={passwordForm.errorId} />
        <Form method="post" {...getFormProps(passwordForm)}>
          <input type="hidden" name="intent" value="password" />
          <PasswordField field={passwordFields.currentPassword} label={t("account.currentPassword")} autoComplete="current-password" />
          <PasswordField field={passwordFields.password} label={t("auth.newPassword")} hint={t("auth.passwordHint")} autoComplete="new-password">
            <PasswordStrength password={passwordFields.password.value} personalInputs={[user.name, user.email]} />
          </PasswordField>
          <PasswordField field={passwordFields.confirmPassword} label={t("auth.confirmPassword")} autoComplete="new-password" />
          <button type="submit" className="fr-btn">
            {t("account.passwordSubmit")}
          </button>
        </Form>

        <h2 className="fr-mt-6w">{t("account.sessionsTitle")}</h2>
        <p>{t("account.sessionsLead")}</p>
        <ul>
          {sessions.map((s) => (
            <li key={s.id} className="fr-mb-2w">
              {t("account.sessionLine", { opened: f.dateTime(s.createdAt), lastSeen: f.dateTime(s.lastSeenAt) })}
              {s.current ? (
                <strong> {t("account.thisSession")}</strong>
              ) : (
                <Form method="post" className="fr-mt-1w">
                  <input type="hidden" name="sessionId" value={s.id} />
                  <button type="submit" name="intent" value="endSession" className="fr-btn fr-btn--sm fr-btn--secondary">
                    {t("account.endSession")}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
        {others.length === 0 ? <p className="fr-text--sm">{t("account.noOtherSession")}</p> : null}
        <Form method="post">
          <button type="submit" name="intent" value="endAllSessions" className="fr-btn fr-btn--tertiary fr-icon-logout-box-r-line fr-btn--icon-left">
            {t("account.endAllSessions")}
          </button>
        </Form>
      </div>
    </div>
  );
}

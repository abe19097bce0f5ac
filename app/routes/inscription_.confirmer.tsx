import { pageTitle } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { emailedLinkSchema } from "~/schemas/auth";
import { requireSignedOut } from "~/auth/permissions.server";
import { createUserSession, rememberDevice } from "~/auth/session.server";
import { confirmApplicantEmail, isAccountTokenValid } from "~/services/accounts.server";
import { readForm } from "~/forms.server";
import { flashCookie } from "~/http/flash.server";
import { FormAlert } from "~/ui/fields";
import { SignInOrUp } from "~/ui/sign-in-or-up";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "titles.confirmAccount");

/**
 * Opening the link changes nothing (mail scanners follow links); the person confirms with a
 * button, which uses the link once and signs them in.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireSignedOut(request);
  const token = new URL(request.url).searchParams.get("jeton") ?? "";
  const parsed = emailedLinkSchema.safeParse({ token });
  const valid = parsed.success && (await isAccountTokenValid(parsed.data.token, "EMAIL_CONFIRMATION"));
  return json({ token: valid ? token : null });
}

export async function action({ request }: ActionFunctionArgs) {
  await requireSignedOut(request);
  const formData = await readForm(request);
  if (formData instanceof Response) return formData;
  const submission = parseWithZod(formData, { schema: emailedLinkSchema });
  const confirmed = submission.status === "success" ? await confirmApplicantEmail(submission.value.token) : null;
  if (!confirmed) return json(submission.reply({ formErrors: ["confirmationInvalid"] }), { status: 400 });
  return createUserSession(confirmed.userId, "/espace/structure", [
    await rememberDevice(request, confirmed.email),
    await flashCookie({ kind: "notice", key: "emailConfirmed" }),
  ]);
}

export default function ConfirmAccount() {
  const { token } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form] = useForm({ lastResult });
  if (!token || form.errors?.length) {
    return (
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-8">
          <h1>{t("auth.confirmInvalidTitle")}</h1>
          <p>{t("auth.confirmInvalid")}</p>
          <SignInOrUp />
        </div>
      </div>
    );
  }
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-md-8">
        <h1>{t("auth.confirmTitle")}</h1>
        <p>{t("auth.confirmLead")}</p>
        <FormAlert errors={form.errors} id={form.errorId} />
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="token" value={token} />
          <button type="submit" className="fr-btn">
            {t("auth.confirmSubmit")}
          </button>
        </Form>
      </div>
    </div>
  );
}

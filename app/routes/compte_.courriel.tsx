import { pageTitle } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { emailedLinkSchema } from "~/schemas/auth";
import { assertAllowed } from "~/auth/permissions.server";
import { getViewer } from "~/auth/session.server";
import { isAccountTokenValid } from "~/services/accounts.server";
import { confirmEmailChange } from "~/services/account-settings.server";
import { readForm } from "~/forms.server";
import { redirectWithFlash } from "~/http/flash.server";
import { FormAlert } from "~/ui/fields";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "titles.confirmEmailChange");

/** Opening the link changes nothing (mail scanners follow links): the button applies the change. */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  assertAllowed(viewer, "account.emailChange", null);
  const token = new URL(request.url).searchParams.get("jeton") ?? "";
  const parsed = emailedLinkSchema.safeParse({ token });
  const valid = parsed.success && (await isAccountTokenValid(parsed.data.token, "EMAIL_CHANGE"));
  return json({ token: valid ? token : null, signedIn: viewer !== null });
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await getViewer(request);
  assertAllowed(viewer, "account.emailChange", null);
  const formData = await readForm(request);
  if (formData instanceof Response) return formData;
  const submission = parseWithZod(formData, { schema: emailedLinkSchema });
  const outcome = submission.status === "success" ? await confirmEmailChange(submission.value.token) : ({ ok: false, reason: "linkInvalid" } as const);
  if (!outcome.ok) {
    return json(submission.reply({ formErrors: [outcome.reason === "emailTaken" ? "emailChangeTaken" : "emailChangeInvalid"] }), { status: 400 });
  }
  // The address is the one to sign in with from now on; a person signed in to that account stays so.
  const next = viewer?.id === outcome.userId ? "/compte" : viewer ? "/" : "/connexion";
  return redirectWithFlash(next, { kind: "notice", key: "emailChanged" });
}

export default function ConfirmEmailChange() {
  const { token, signedIn } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form] = useForm({ lastResult });
  if (!token) {
    return (
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-8">
          <h1>{t("auth.confirmInvalidTitle")}</h1>
          <p>{t("errors.emailChangeInvalid")}</p>
          <a className="fr-btn" href={signedIn ? "/compte" : `/connexion?redirectTo=${encodeURIComponent("/compte")}`}>
            {t(signedIn ? "account.title" : "nav.login")}
          </a>
        </div>
      </div>
    );
  }
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-md-8">
        <h1>{t("account.confirmEmailTitle")}</h1>
        <p>{t("account.confirmEmailLead")}</p>
        <FormAlert errors={form.errors} id={form.errorId} />
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="token" value={token} />
          <button type="submit" className="fr-btn">
            {t("account.confirmEmailSubmit")}
          </button>
        </Form>
      </div>
    </div>
  );
}

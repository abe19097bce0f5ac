import { pageTitle } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { emailedLinkSchema } from "~/schemas/auth";
import { assertAllowed, can, requireAllowed } from "~/auth/permissions.server";
import { getViewer } from "~/auth/session.server";
import { acceptInvitation, openInvitation } from "~/services/organization-members.server";
import { readForm, replyWithDomainError } from "~/forms.server";
import { redirectWithFlash } from "~/http/flash.server";
import { FormAlert } from "~/ui/fields";
import { SignInOrUp } from "~/ui/sign-in-or-up";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "titles.invitation");

/**
 * Opening the link changes nothing. A visitor signs in or up first (the invitation then also
 * waits on their page if they use the invited address); a person without an organisation joins
 * with the button.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  assertAllowed(viewer, "invitation.open", null);
  const token = new URL(request.url).searchParams.get("jeton") ?? "";
  const parsed = emailedLinkSchema.safeParse({ token });
  const invitation = parsed.success ? await openInvitation(parsed.data.token) : null;
  return json({
    token: invitation ? token : null,
    invitation,
    signedIn: viewer !== null,
    canJoin: viewer !== null && can(viewer, "organization.join", null),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireAllowed(request, "organization.join", null);
  const formData = await readForm(request);
  if (formData instanceof Response) return formData;
  const submission = parseWithZod(formData, { schema: emailedLinkSchema });
  if (submission.status !== "success") return json(submission.reply({ formErrors: ["invitationInvalid"] }), { status: 400 });
  try {
    await acceptInvitation(viewer, submission.value.token);
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
  return redirectWithFlash("/espace", { kind: "notice", key: "organizationJoined" });
}

export default function Invitation() {
  const { token, invitation, signedIn, canJoin } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form] = useForm({ lastResult });
  if (!token || !invitation) {
    return (
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-8">
          <h1>{t("auth.confirmInvalidTitle")}</h1>
          <p>{t("errors.invitationInvalid")}</p>
        </div>
      </div>
    );
  }
  const here = `/invitation?jeton=${encodeURIComponent(token)}`;
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-md-8">
        <h1>{t("organizationTeam.invitationTitle", { organization: invitation.organizationName })}</h1>
        <p>{t("organizationTeam.invitationLead", { name: invitation.inviterName, organization: invitation.organizationName })}</p>
        <FormAlert errors={form.errors} id={form.errorId} />
        {!signedIn ? (
          <>
            <p>{t("organizationTeam.invitationSignIn", { email: invitation.email })}</p>
            <SignInOrUp redirectTo={here} />
          </>
        ) : canJoin ? (
          <Form method="post" {...getFormProps(form)}>
            <input type="hidden" name="token" value={token} />
            <button type="submit" className="fr-btn">
              {t("organizationTeam.invitationSubmit", { organization: invitation.organizationName })}
            </button>
          </Form>
        ) : (
          <p>{t("organizationTeam.invitationCannotJoin")}</p>
        )}
      </div>
    </div>
  );
}

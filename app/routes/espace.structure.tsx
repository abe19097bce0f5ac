import { pageTitle } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { requireViewer, requireAllowed } from "~/auth/permissions.server";
import { getCurrentUser } from "~/auth/session.server";
import { organizationSchema } from "~/schemas/organization";
import { acceptInvitationSchema, requestJoinSchema } from "~/schemas/organization-members";
import { createOrganization } from "~/services/organizations.server";
import { acceptInvitationById, pendingInvitationsFor, pendingJoinRequestsOf, requestToJoin } from "~/services/organization-members.server";
import { readForm, submitForm } from "~/forms.server";
import { FormAlert, RequiredFieldsNotice } from "~/ui/fields";
import { OrganizationErrorSummary, OrganizationFields } from "~/ui/organization-fields";
import { redirectWithFlash } from "~/http/flash.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "titles.organization");

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  if (viewer.role === "APPLICANT" && viewer.organizationIds.length > 0) throw redirect("/espace");
  await requireAllowed(request, "organization.create", null);
  const me = await getCurrentUser(request);
  const [invitations, requests] = await Promise.all([pendingInvitationsFor(me?.email ?? ""), pendingJoinRequestsOf(viewer.id)]);
  return json({
    invitations: invitations.map((i) => ({ id: i.id, organizationName: i.organization.legalName, inviterName: i.invitedBy.name })),
    requests: requests.map((r) => ({ id: r.id, organizationName: r.organization.legalName })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readForm(request);
  if (formData instanceof Response) return formData;
  const intent = formData.get("intent");
  if (intent === "acceptInvitation") {
    const viewer = await requireAllowed(request, "organization.join", null);
    return submitForm(formData, acceptInvitationSchema, async ({ invitationId }) => {
      await acceptInvitationById(viewer, invitationId);
      return redirectWithFlash("/espace", { kind: "notice", key: "organizationJoined" });
    });
  }
  if (intent === "requestJoin") {
    const viewer = await requireAllowed(request, "organization.join", null);
    return submitForm(formData, requestJoinSchema, async ({ siret }) => {
      await requestToJoin(viewer, siret);
      return redirectWithFlash("/espace/structure", { kind: "notice", key: "joinRequested" });
    });
  }
  const viewer = await requireAllowed(request, "organization.create", null);
  return submitForm(formData, organizationSchema, async (organization) => {
    await createOrganization(viewer, organization);
    return redirectWithFlash("/espace", { kind: "notice", key: "organizationCreated" });
  });
}

export default function CreateOrganization() {
  const { invitations, requests } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const lastIntent = lastResult?.initialValue?.intent;
  const joining = lastIntent === "acceptInvitation" || lastIntent === "requestJoin";
  const [form, fields] = useForm({
    lastResult: joining ? undefined : lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: organizationSchema }),
    shouldValidate: "onBlur",
  });
  const [joinForm] = useForm({ id: "join", lastResult: joining ? lastResult : undefined });
  // The SIRET is already registered: the person may belong to that organisation and can ask its owners.
  const takenSiret = fields.siret.errors?.includes("siretTaken") ? String(fields.siret.value ?? "") : null;
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-lg-8">
        <h1>{t("organization.title")}</h1>
        <FormAlert errors={joinForm.errors} id={joinForm.errorId} />
        {invitations.length > 0 ? (
          <div className="fr-callout fr-mb-4w">
            <h2 className="fr-callout__title">{t("organizationTeam.invitedTitle")}</h2>
            <ul>
              {invitations.map((i) => (
                <li key={i.id}>
                  <Form method="post" className="fr-mb-2w">
                    <p className="fr-mb-1w">{t("organizationTeam.invitationLead", { name: i.inviterName, organization: i.organizationName })}</p>
                    <input type="hidden" name="invitationId" value={i.id} />
                    <button type="submit" name="intent" value="acceptInvitation" className="fr-btn">
                      {t("organizationTeam.invitationSubmit", { organization: i.organizationName })}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {requests.map((r) => (
          <div className="fr-alert fr-alert--info fr-alert--sm fr-mb-3w" key={r.id}>
            <p>{t("organizationTeam.requestPending", { organization: r.organizationName })}</p>
          </div>
        ))}
        <p>{t("organization.lead")}</p>
        <FormAlert errors={form.errors} id={form.errorId} />
        <OrganizationErrorSummary fields={fields} reply={joining ? undefined : lastResult} />
        {takenSiret ? (
          <Form method="post" className="fr-alert fr-alert--info fr-mb-3w">
            <h2 className="fr-alert__title">{t("organizationTeam.siretTakenTitle")}</h2>
            <p>{t("organizationTeam.siretTakenLead")}</p>
            <input type="hidden" name="siret" value={takenSiret} />
            <button type="submit" name="intent" value="requestJoin" className="fr-btn fr-btn--secondary fr-mt-2w">
              {t("organizationTeam.requestJoin")}
            </button>
          </Form>
        ) : null}
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="create" />
          <RequiredFieldsNotice />
          <OrganizationFields fields={fields} />
          <button type="submit" className="fr-btn">
            {t("organization.submit")}
          </button>
        </Form>
      </div>
    </div>
  );
}

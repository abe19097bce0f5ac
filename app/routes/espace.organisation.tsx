import { pageTitle } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { assertAllowed, can, forbidden, requireViewer } from "~/auth/permissions.server";
import {
  answerJoinRequest,
  inviteMember,
  leaveOrganization,
  loadOrganizationPage,
  removeMember,
  requireOrganizationAccess,
  revokeInvitation,
  setMemberRole,
  updateOrganization,
} from "~/services/organization-members.server";
import {
  answerRequestSchema,
  inviteSchema,
  leaveSchema,
  removeMemberSchema,
  revokeInvitationSchema,
  setRoleSchema,
  updateOrganizationSchema,
} from "~/schemas/organization-members";
import { readForm, submitForm } from "~/forms.server";
import { redirectWithFlash } from "~/http/flash.server";
import { formatSiret } from "~/domain/siret";
import { FormAlert, RequiredFieldsNotice, TextField } from "~/ui/fields";
import { OrganizationErrorSummary, OrganizationFields } from "~/ui/organization-fields";
import { useFormat } from "~/ui/format";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "titles.organizationTeam");

/** The viewer's organisation; an applicant without one is sent to register or join one. */
async function organizationOf(request: Request) {
  const viewer = await requireViewer(request);
  const organizationId = viewer.organizationIds[0];
  if (!organizationId) {
    if (can(viewer, "organization.join", null)) throw redirect("/espace/structure");
    throw forbidden();
  }
  const access = await requireOrganizationAccess(organizationId);
  assertAllowed(viewer, "organization.view", access);
  return { viewer, organizationId, access };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer, organizationId, access } = await organizationOf(request);
  const page = await loadOrganizationPage(organizationId);
  const canManage = can(viewer, "organization.manage", access);
  return json({
    canManage,
    siretLocked: page.siretLocked,
    organization: { ...page.organization, siretDisplay: formatSiret(page.organization.siret) },
    members: page.members.map((m) => ({ id: m.id, role: m.role, name: m.user.name, email: m.user.email, isViewer: m.user.id === viewer.id })),
    // Invitations and requests are the owners' business.
    invitations: canManage ? page.invitations.map((i) => ({ id: i.id, email: i.email, expiresAt: i.expiresAt, invitedBy: i.invitedBy.name })) : [],
    requests: canManage ? page.requests.map((r) => ({ id: r.id, createdAt: r.createdAt, name: r.user.name, email: r.user.email })) : [],
  });
}

const BACK = "/espace/organisation";

export async function action({ request }: ActionFunctionArgs) {
  const { viewer, organizationId, access } = await organizationOf(request);
  const formData = await readForm(request);
  if (formData instanceof Response) return formData;
  const intent = formData.get("intent");
  if (intent === "leave") {
    assertAllowed(viewer, "organization.leave", access);
    return submitForm(formData, leaveSchema, async () => {
      await leaveOrganization(viewer, organizationId);
      return redirectWithFlash("/espace/structure", { kind: "notice", key: "organizationLeft" });
    });
  }
  // Every other change is an owner's.
  assertAllowed(viewer, "organization.manage", access);
  const back = (key: string) => redirectWithFlash(BACK, { kind: "notice", key });
  if (intent === "update") {
    return submitForm(formData, updateOrganizationSchema, async ({ intent: _intent, ...details }) => {
      await updateOrganization(viewer, organizationId, details);
      return back("organizationUpdated");
    });
  }
  if (intent === "invite") {
    return submitForm(formData, inviteSchema, async ({ email }) => {
      await inviteMember(viewer, organizationId, email);
      return back("invitationSent");
    });
  }
  if (intent === "revokeInvitation") {
    return submitForm(formData, revokeInvitationSchema, async ({ invitationId }) => {
      await revokeInvitation(viewer, organizationId, invitationId);
      return back("invitationRevoked");
    });
  }
  if (intent === "setRole") {
    return submitForm(formData, setRoleSchema, async ({ membershipId, role }) => {
      await setMemberRole(viewer, organizationId, membershipId, role);
      return back("memberRoleChanged");
    });
  }
  if (intent === "remove") {
    return submitForm(formData, removeMemberSchema, async ({ membershipId }) => {
      await removeMember(viewer, organizationId, membershipId);
      return back("memberRemoved");
    });
  }
  return submitForm(formData, answerRequestSchema, async ({ requestId, answer }) => {
    const accept = answer === "accept";
    await answerJoinRequest(viewer, organizationId, requestId, accept);
    return back(accept ? "joinRequestAccepted" : "joinRequestRefused");
  });
}

const ROW_INTENTS = ["leave", "revokeInvitation", "setRole", "remove", "answerRequest"];

export default function OrganizationTeam() {
  const { canManage, siretLocked, organization, members, invitations, requests } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const f = useFormat();
  const lastIntent = String(lastResult?.initialValue?.intent ?? "");
  const [detailsForm, detailsFields] = useForm({
    id: "update",
    lastResult: lastIntent === "update" ? lastResult : undefined,
    defaultValue: { ...organization, membersCount: String(organization.membersCount) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: updateOrganizationSchema }),
    shouldValidate: "onBlur",
  });
  const [inviteForm, inviteFields] = useForm({
    id: "invite",
    lastResult: lastIntent === "invite" ? lastResult : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: inviteSchema }),
    shouldValidate: "onBlur",
  });
  // The last owner is offered no way to step down; the service refuses it anyway.
  const ownerCount = members.filter((m) => m.role === "OWNER").length;
  const [membersForm] = useForm({ id: "members", lastResult: ROW_INTENTS.includes(lastIntent) ? lastResult : undefined });
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-lg-9">
        <h1>{organization.legalName}</h1>
        <p>{t("applicant.siret", { siret: organization.siretDisplay })}</p>

        <h2 className="fr-mt-4w">{t("organizationTeam.membersTitle")}</h2>
        <FormAlert errors={membersForm.errors} id={membersForm.errorId} />
        <div className="fr-table">
          <table>
            <caption className="fr-sr-only">{t("organizationTeam.membersTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("auth.name")}</th>
                <th scope="col">{t("auth.email")}</th>
                <th scope="col">{t("organizationTeam.role")}</th>
                {canManage ? <th scope="col">{t("organizationTeam.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.id}>
                  <td>
                    {m.name}
                    {m.isViewer ? ` ${t("organizationTeam.you")}` : null}
                  </td>
                  <td>{m.email}</td>
                  <td>{t(`organizationTeam.roles.${m.role}`)}</td>
                  {canManage ? (
                    <td>
                      <div className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
                        {m.role === "OWNER" && ownerCount === 1 ? null : (
                          <Form method="post">
                            <input type="hidden" name="membershipId" value={m.id} />
                            <input type="hidden" name="role" value={m.role === "OWNER" ? "MEMBER" : "OWNER"} />
                            <button type="submit" name="intent" value="setRole" className="fr-btn fr-btn--secondary fr-btn--sm">
                              {t(m.role === "OWNER" ? "organizationTeam.makeMember" : "organizationTeam.makeOwner", { name: m.name })}
                            </button>
                          </Form>
                        )}
                        {m.isViewer ? null : (
                          <Form method="post">
                            <input type="hidden" name="membershipId" value={m.id} />
                            <button type="submit" name="intent" value="remove" className="fr-btn fr-btn--tertiary fr-btn--sm">
                              {t("organizationTeam.remove", { name: m.name })}
                            </button>
                          </Form>
                        )}
                      </div>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>

        {canManage && requests.length > 0 ? (
          <>
            <h2 className="fr-mt-4w">{t("organizationTeam.requestsTitle")}</h2>
            <ul>
              {requests.map((r) => (
                <li key={r.id} className="fr-mb-2w">
                  {t("organizationTeam.requestLine", { name: r.name, email: r.email, date: f.date(r.createdAt) })}
                  <Form method="post" className="fr-btns-group fr-btns-group--inline fr-btns-group--sm fr-mt-1w">
                    <input type="hidden" name="intent" value="answerRequest" />
                    <input type="hidden" name="requestId" value={r.id} />
                    <button type="submit" name="answer" value="accept" className="fr-btn fr-btn--sm">
                      {t("organizationTeam.accept", { name: r.name })}
                    </button>
                    <button type="submit" name="answer" value="refuse" className="fr-btn fr-btn--secondary fr-btn--sm">
                      {t("organizationTeam.refuse", { name: r.name })}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          </>
        ) : null}

        {canManage ? (
          <>
            <h2 className="fr-mt-4w">{t("organizationTeam.inviteTitle")}</h2>
            <p>{t("organizationTeam.inviteLead")}</p>
            <FormAlert errors={inviteForm.errors} id={inviteForm.errorId} />
            <Form method="post" {...getFormProps(inviteForm)}>
              <input type="hidden" name="intent" value="invite" />
              <TextField field={inviteFields.email} label={t("organizationTeam.inviteEmail")} type="email" autoComplete="off" />
              <button type="submit" className="fr-btn">
                {t("organizationTeam.inviteSubmit")}
              </button>
            </Form>
            {invitations.length > 0 ? (
              <>
                <h3 className="fr-mt-3w">{t("organizationTeam.pendingInvitations")}</h3>
                <ul>
                  {invitations.map((i) => (
                    <li key={i.id} className="fr-mb-1w">
                      {t("organizationTeam.invitationLine", { email: i.email, name: i.invitedBy, date: f.date(i.expiresAt) })}
                      <Form method="post">
                        <input type="hidden" name="invitationId" value={i.id} />
                        <button type="submit" name="intent" value="revokeInvitation" className="fr-btn fr-btn--tertiary fr-btn--sm">
                          {t("organizationTeam.revoke", { email: i.email })}
                        </button>
                      </Form>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}

            <h2 className="fr-mt-4w">{t("organizationTeam.detailsTitle")}</h2>
            <FormAlert errors={detailsForm.errors} id={detailsForm.errorId} />
            <OrganizationErrorSummary fields={detailsFields} reply={lastIntent === "update" ? lastResult : undefined} />
            <Form method="post" {...getFormProps(detailsForm)}>
              <input type="hidden" name="intent" value="update" />
              <RequiredFieldsNotice />
              <OrganizationFields fields={detailsFields} siretLocked={siretLocked} />
              <button type="submit" className="fr-btn">
                {t("organizationTeam.detailsSubmit")}
              </button>
            </Form>
          </>
        ) : (
          <>
            <h2 className="fr-mt-4w">{t("organizationTeam.detailsTitle")}</h2>
            <p>
              {organization.legalForm} · {organization.addressLine}, {organization.postalCode} {organization.city} · {organization.region} · {organization.sector}
            </p>
          </>
        )}

        <h2 className="fr-mt-4w">{t("organizationTeam.leaveTitle")}</h2>
        <p>{t("organizationTeam.leaveLead")}</p>
        <Form method="post">
          <button type="submit" name="intent" value="leave" className="fr-btn fr-btn--tertiary">
            {t("organizationTeam.leaveSubmit")}
          </button>
        </Form>
      </div>
    </div>
  );
}

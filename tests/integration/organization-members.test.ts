import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as teamRoute from "~/routes/espace.organisation";
import * as structureRoute from "~/routes/espace.structure";
import * as invitationRoute from "~/routes/invitation";
import * as applicationRoute from "~/routes/espace.dossiers.$id";
import { completeSiret, formatSiret } from "~/domain/siret";
import { createApplicant, createApplication, createCall, createUser, pdfFile } from "../support/factories";
import { callLoader, flashOf, formErrors, postForm } from "../support/remix";

/** The organisation's details as its form sends them, with any field changed. */
async function detailsOf(organizationId: string, changes: Record<string, string> = {}) {
  const o = await prisma.organization.findUniqueOrThrow({ where: { id: organizationId } });
  return {
    intent: "update",
    legalName: o.legalName,
    siret: o.siret,
    legalForm: o.legalForm,
    addressLine: o.addressLine,
    postalCode: o.postalCode,
    city: o.city,
    region: o.region,
    sector: o.sector,
    membersCount: String(o.membersCount),
    ...changes,
  };
}

const asUser = (userId: string) => ({ userId });
const team = (userId: string, fields: Record<string, string>) => postForm(teamRoute.action, fields, asUser(userId));

async function invitationToken(email: string): Promise<string> {
  const mail = await prisma.emailMessage.findFirstOrThrow({ where: { toAddress: email, template: "organization-invitation" }, orderBy: { createdAt: "desc" } });
  return new URL((mail.payload as { invitationUrl: string }).invitationUrl).searchParams.get("jeton")!;
}

async function membershipOf(userId: string) {
  return prisma.membership.findUnique({ where: { userId }, select: { id: true, organizationId: true, role: true } });
}

async function addMember(organizationId: string, role: "OWNER" | "MEMBER" = "MEMBER") {
  const user = await createUser("APPLICANT");
  const membership = await prisma.membership.create({ data: { userId: user.id, organizationId, role } });
  return { user, membership };
}

let siretCounter = 500;
const freshSiret = () => completeSiret(`52${String(siretCounter++).padStart(11, "0")}`);

describe("organisation details", () => {
  let owner: Awaited<ReturnType<typeof createApplicant>>;
  let member: Awaited<ReturnType<typeof addMember>>;
  beforeAll(async () => {
    owner = await createApplicant("Grappe des Détails");
    member = await addMember(owner.organization.id);
  });

  it("are edited by an owner, audited with only what changed; a member sees them but cannot edit them", async () => {
    const page = await callLoader(teamRoute.loader, asUser(member.user.id));
    const data = (await page.json()) as { canManage: boolean; members: unknown[]; invitations: unknown[] };
    expect(data.canManage).toBe(false);
    expect(data.members).toHaveLength(2);

    const refused = await team(member.user.id, await detailsOf(owner.organization.id, { city: "Nancy" }));
    expect(refused.status).toBe(403);

    const saved = await team(owner.user.id, await detailsOf(owner.organization.id, { city: "Saint-Dié-des-Vosges", membersCount: "57" }));
    expect(saved.headers.get("Location")).toBe("/espace/organisation");
    expect(await flashOf(saved)).toEqual({ kind: "notice", key: "organizationUpdated" });
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: owner.organization.id, action: "organization.updated" } });
    expect(event.actorId).toBe(owner.user.id);
    expect(event.before).toEqual({ city: "Épinal", membersCount: 42 });
    expect(event.after).toEqual({ city: "Saint-Dié-des-Vosges", membersCount: 57 });
  });

  it("refuses a SIRET another organisation holds, and any SIRET change once a file was submitted", async () => {
    const other = await createApplicant();
    const taken = await team(owner.user.id, await detailsOf(owner.organization.id, { siret: formatSiret(other.organization.siret) }));
    expect(taken.status).toBe(409);
    expect(await formErrors(taken)).toEqual({ siret: ["siretTaken"] });

    const free = freshSiret();
    expect((await team(owner.user.id, await detailsOf(owner.organization.id, { siret: free }))).status).toBe(302);
    expect((await prisma.organization.findUniqueOrThrow({ where: { id: owner.organization.id } })).siret).toBe(free);

    const call = await createCall();
    await createApplication(call.id, owner.organization.id, owner.user.id, "SUBMITTED");
    const locked = await team(owner.user.id, await detailsOf(owner.organization.id, { siret: freshSiret(), legalName: "Autre nom" }));
    expect(locked.status).toBe(409);
    expect(await formErrors(locked)).toEqual({ siret: ["siretLocked"] });
    expect((await prisma.organization.findUniqueOrThrow({ where: { id: owner.organization.id } })).legalName).toBe("Grappe des Détails");
    // The other details stay editable.
    expect((await team(owner.user.id, await detailsOf(owner.organization.id, { legalName: "Grappe des Détails Vosges" }))).status).toBe(302);
    const page = (await (await callLoader(teamRoute.loader, asUser(owner.user.id))).json()) as { siretLocked: boolean };
    expect(page.siretLocked).toBe(true);
  });
});

describe("invitations", () => {
  let owner: Awaited<ReturnType<typeof createApplicant>>;
  beforeAll(async () => {
    owner = await createApplicant("Grappe Invitante");
  });

  it("bring in a person without an account: they sign up with the invited address and find it on their page", async () => {
    const invited = await team(owner.user.id, { intent: "invite", email: "Nouvelle.Collegue@Example.org" });
    expect(await flashOf(invited)).toEqual({ kind: "notice", key: "invitationSent" });
    const token = await invitationToken("nouvelle.collegue@example.org");

    // Anyone holding the link sees where it leads; signing in comes first.
    const anonymous = (await (await callLoader(invitationRoute.loader, { path: `/invitation?jeton=${token}` })).json()) as Record<string, unknown>;
    expect(anonymous).toMatchObject({ token, signedIn: false, canJoin: false, invitation: { organizationName: "Grappe Invitante" } });
    expect((await postForm(invitationRoute.action, { token })).headers.get("Location")).toMatch(/^\/connexion/);

    // The account created (and confirmed) with that address lists the invitation and joins from there.
    const colleague = await createUser("APPLICANT", { email: "nouvelle.collegue@example.org" });
    const structure = (await (await callLoader(structureRoute.loader, asUser(colleague.id))).json()) as { invitations: { id: string; organizationName: string }[] };
    expect(structure.invitations.map((i) => i.organizationName)).toEqual(["Grappe Invitante"]);
    const joined = await postForm(structureRoute.action, { intent: "acceptInvitation", invitationId: structure.invitations[0]!.id }, asUser(colleague.id));
    expect(joined.headers.get("Location")).toBe("/espace");
    expect(await flashOf(joined)).toEqual({ kind: "notice", key: "organizationJoined" });
    expect(await membershipOf(colleague.id)).toMatchObject({ organizationId: owner.organization.id, role: "MEMBER" });
    expect(await prisma.emailMessage.count({ where: { toAddress: owner.user.email, template: "organization-notice" } })).toBe(1);

    // Used once, the link no longer works.
    expect(await (await callLoader(invitationRoute.loader, { path: `/invitation?jeton=${token}` })).json()).toMatchObject({ token: null });
    const stranger = await createUser("APPLICANT");
    const reused = await postForm(invitationRoute.action, { token }, asUser(stranger.id));
    expect(await formErrors(reused)).toEqual({ "": ["invitationInvalid"] });
    expect(await membershipOf(stranger.id)).toBeNull();
  });

  it("are accepted through the link by a person who already has an account under another address", async () => {
    await team(owner.user.id, { intent: "invite", email: "adresse.pro@example.org" });
    const token = await invitationToken("adresse.pro@example.org");
    const existing = await createUser("APPLICANT", { email: "adresse.perso@example.org" });
    const page = (await (await callLoader(invitationRoute.loader, { userId: existing.id, path: `/invitation?jeton=${token}` })).json()) as Record<string, unknown>;
    expect(page).toMatchObject({ signedIn: true, canJoin: true });
    const joined = await postForm(invitationRoute.action, { token }, asUser(existing.id));
    expect(joined.headers.get("Location")).toBe("/espace");
    expect(await membershipOf(existing.id)).toMatchObject({ organizationId: owner.organization.id });
  });

  it("refuse an address already a member, and expired, withdrawn or forged links; a member of another organisation cannot join", async () => {
    const already = await team(owner.user.id, { intent: "invite", email: owner.user.email.toUpperCase() });
    expect(already.status).toBe(409);
    expect(await formErrors(already)).toEqual({ email: ["alreadyMember"] });

    await team(owner.user.id, { intent: "invite", email: "expiree@example.org" });
    const expired = await invitationToken("expiree@example.org");
    await prisma.organizationInvitation.updateMany({ where: { email: "expiree@example.org" }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const late = await createUser("APPLICANT");
    expect(await formErrors(await postForm(invitationRoute.action, { token: expired }, asUser(late.id)))).toEqual({ "": ["invitationInvalid"] });

    await team(owner.user.id, { intent: "invite", email: "retiree@example.org" });
    const withdrawn = await invitationToken("retiree@example.org");
    const invitation = await prisma.organizationInvitation.findFirstOrThrow({ where: { email: "retiree@example.org" } });
    expect(await flashOf(await team(owner.user.id, { intent: "revokeInvitation", invitationId: invitation.id }))).toEqual({ kind: "notice", key: "invitationRevoked" });
    expect(await formErrors(await postForm(invitationRoute.action, { token: withdrawn }, asUser(late.id)))).toEqual({ "": ["invitationInvalid"] });
    expect(await formErrors(await postForm(invitationRoute.action, { token: `${withdrawn.slice(0, -4)}AAAA` }, asUser(late.id)))).toEqual({ "": ["invitationInvalid"] });
    expect(await membershipOf(late.id)).toBeNull();

    await team(owner.user.id, { intent: "invite", email: "ailleurs@example.org" });
    const token = await invitationToken("ailleurs@example.org");
    const elsewhere = await createApplicant();
    const page = (await (await callLoader(invitationRoute.loader, { userId: elsewhere.user.id, path: `/invitation?jeton=${token}` })).json()) as Record<string, unknown>;
    expect(page).toMatchObject({ signedIn: true, canJoin: false });
    expect((await postForm(invitationRoute.action, { token }, asUser(elsewhere.user.id))).status).toBe(403);
    expect(await membershipOf(elsewhere.user.id)).toMatchObject({ organizationId: elsewhere.organization.id });

    const member = await addMember(owner.organization.id);
    expect((await team(member.user.id, { intent: "invite", email: "par-un-membre@example.org" })).status).toBe(403);
  });
});

describe("requests to join", () => {
  it("let a person who finds the SIRET taken ask to join; owners are emailed and accept or refuse", async () => {
    const owner = await createApplicant("Grappe Demandée");
    const coOwner = await addMember(owner.organization.id, "OWNER");
    const colleague = await createUser("APPLICANT");
    const fields = { ...(await detailsOf(owner.organization.id)), intent: "create" };
    const taken = await postForm(structureRoute.action, fields, asUser(colleague.id));
    expect(await formErrors(taken)).toEqual({ siret: ["siretTaken"] });

    const asked = await postForm(structureRoute.action, { intent: "requestJoin", siret: formatSiret(owner.organization.siret) }, asUser(colleague.id));
    expect(await flashOf(asked)).toEqual({ kind: "notice", key: "joinRequested" });
    const told = await prisma.emailMessage.findMany({ where: { template: "organization-notice", toAddress: { in: [owner.user.email, coOwner.user.email] } }, select: { toAddress: true, textBody: true } });
    expect(told.map((m) => m.toAddress).sort()).toEqual([owner.user.email, coOwner.user.email].sort());
    expect(told[0]!.textBody).toContain(colleague.email);
    const again = await postForm(structureRoute.action, { intent: "requestJoin", siret: owner.organization.siret }, asUser(colleague.id));
    expect(await formErrors(again)).toEqual({ "": ["joinAlreadyRequested"] });
    const structure = (await (await callLoader(structureRoute.loader, asUser(colleague.id))).json()) as { requests: { organizationName: string }[] };
    expect(structure.requests).toEqual([expect.objectContaining({ organizationName: "Grappe Demandée" })]);

    const page = (await (await callLoader(teamRoute.loader, asUser(owner.user.id))).json()) as { requests: { id: string; email: string }[] };
    expect(page.requests.map((r) => r.email)).toEqual([colleague.email]);
    const accepted = await team(owner.user.id, { intent: "answerRequest", requestId: page.requests[0]!.id, answer: "accept" });
    expect(await flashOf(accepted)).toEqual({ kind: "notice", key: "joinRequestAccepted" });
    expect(await membershipOf(colleague.id)).toMatchObject({ organizationId: owner.organization.id, role: "MEMBER" });
    expect(await prisma.emailMessage.findFirst({ where: { toAddress: colleague.email, template: "organization-notice" }, select: { subject: true } })).toEqual({
      subject: "Vous êtes membre de Grappe Demandée",
    });
    const twice = await team(coOwner.user.id, { intent: "answerRequest", requestId: page.requests[0]!.id, answer: "refuse" });
    expect(await formErrors(twice)).toEqual({ "": ["joinRequestAnswered"] });

    const other = await createUser("APPLICANT");
    await postForm(structureRoute.action, { intent: "requestJoin", siret: owner.organization.siret }, asUser(other.id));
    const request = await prisma.joinRequest.findFirstOrThrow({ where: { userId: other.id } });
    expect(await flashOf(await team(coOwner.user.id, { intent: "answerRequest", requestId: request.id, answer: "refuse" }))).toEqual({ kind: "notice", key: "joinRequestRefused" });
    expect(await membershipOf(other.id)).toBeNull();
    expect((await prisma.joinRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("REFUSED");

    const unknown = await postForm(structureRoute.action, { intent: "requestJoin", siret: freshSiret() }, asUser(other.id));
    expect(await formErrors(unknown)).toEqual({ siret: ["organizationNotFound"] });
  });
});

describe("members", () => {
  it("change roles and are removed by owners; the last owner can neither leave nor step down", async () => {
    const owner = await createApplicant("Grappe des Membres");
    const member = await addMember(owner.organization.id);
    const ownMembership = (await membershipOf(owner.user.id))!;

    const lastLeaves = await team(owner.user.id, { intent: "leave" });
    expect(lastLeaves.status).toBe(409);
    expect(await formErrors(lastLeaves)).toEqual({ "": ["lastOwnerCannotLeave"] });
    const stepsDown = await team(owner.user.id, { intent: "setRole", membershipId: ownMembership.id, role: "MEMBER" });
    expect(await formErrors(stepsDown)).toEqual({ "": ["lastOwner"] });
    const removesSelf = await team(owner.user.id, { intent: "remove", membershipId: ownMembership.id });
    expect(await formErrors(removesSelf)).toEqual({ "": ["removeSelf"] });
    expect(await membershipOf(owner.user.id)).toMatchObject({ role: "OWNER" });

    // A member cannot manage the others.
    expect((await team(member.user.id, { intent: "remove", membershipId: ownMembership.id })).status).toBe(403);
    expect((await team(member.user.id, { intent: "setRole", membershipId: member.membership.id, role: "OWNER" })).status).toBe(403);

    expect(await flashOf(await team(owner.user.id, { intent: "setRole", membershipId: member.membership.id, role: "OWNER" }))).toEqual({ kind: "notice", key: "memberRoleChanged" });
    // With a second owner, the first may leave.
    expect((await team(owner.user.id, { intent: "leave" })).headers.get("Location")).toBe("/espace/structure");
    expect(await membershipOf(owner.user.id)).toBeNull();
    expect(await prisma.auditEvent.count({ where: { entityId: owner.organization.id, action: { in: ["organization.member_role_changed", "organization.member_left"] } } })).toBe(2);

    const third = await addMember(owner.organization.id);
    const removed = await team(member.user.id, { intent: "remove", membershipId: third.membership.id });
    expect(await flashOf(removed)).toEqual({ kind: "notice", key: "memberRemoved" });
    expect(await membershipOf(third.user.id)).toBeNull();
    expect(await prisma.emailMessage.count({ where: { toAddress: third.user.email, template: "organization-notice" } })).toBe(1);
    const gone = await team(member.user.id, { intent: "remove", membershipId: third.membership.id });
    expect(await formErrors(gone)).toEqual({ "": ["memberNotFound"] });
  });

  it("keep one owner when two owners remove each other at once", async () => {
    const first = await createApplicant("Grappe Concurrente");
    const second = await addMember(first.organization.id, "OWNER");
    const firstMembership = (await membershipOf(first.user.id))!;
    const responses = await Promise.all([
      team(first.user.id, { intent: "remove", membershipId: second.membership.id }),
      team(second.user.id, { intent: "remove", membershipId: firstMembership.id }),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([302, 409]);
    expect(await prisma.membership.count({ where: { organizationId: first.organization.id, role: "OWNER" } })).toBe(1);
  });

  it("all see and edit the organisation's drafts, and the member who submits is recorded", async () => {
    const owner = await createApplicant("Grappe Partagée");
    const member = await addMember(owner.organization.id);
    const call = await createCall();
    const draft = await createApplication(call.id, owner.organization.id, owner.user.id);
    const params = { id: draft.id };
    expect((await callLoader(applicationRoute.loader, { userId: member.user.id, params })).status).toBe(200);
    const submitted = await postForm(
      applicationRoute.action,
      { intent: "submit", projectTitle: "Plateforme d’essais partagée", summary: "Un banc d’essai commun.", requestedAmount: "100 000", projectPdf: await pdfFile() },
      { userId: member.user.id, params },
    );
    expect(submitted.status).toBe(302);
    expect(await prisma.application.findUniqueOrThrow({ where: { id: draft.id }, select: { status: true, createdById: true, submittedById: true } })).toEqual({
      status: "SUBMITTED",
      createdById: owner.user.id,
      submittedById: member.user.id,
    });
    const page = (await (await callLoader(applicationRoute.loader, { userId: owner.user.id, params })).json()) as { application: { submittedBy: { name: string } } };
    expect(page.application.submittedBy).toEqual({ name: member.user.name });
  });
});

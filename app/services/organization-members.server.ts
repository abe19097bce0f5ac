import { randomBytes } from "node:crypto";
import { prisma, type Tx } from "~/db.server";
import { recordAudit } from "~/audit.server";
import { assertAllowed, type OrganizationAccess, type Viewer } from "~/auth/permissions.server";
import { queueEmail } from "~/mail/outbox.server";
import { appUrl } from "~/config.server";
import { DomainError } from "~/domain/errors";
import { normalizeSiret } from "~/domain/siret";
import { isUniqueViolation, uniqueViolationModel } from "~/db/errors.server";
import { hashToken } from "~/services/accounts.server";
import type { OrganizationInput } from "~/services/organizations.server";
import type { OrganizationNoticeKind } from "../../emails/index";

/** How long an invitation works: long enough for a colleague back from leave. */
const INVITATION_LIFETIME_MS = 14 * 24 * 3600_000;

const ORGANIZATION_PAGE = "/espace/organisation";

/** Who owns the organisation, for `can`; 404 when it does not exist. */
export async function requireOrganizationAccess(organizationId: string): Promise<OrganizationAccess> {
  const organization = await prisma.organization.findUnique({
    where: { id: organizationId },
    select: { id: true, memberships: { where: { role: "OWNER" }, select: { userId: true } } },
  });
  if (!organization) throw new Response("Not found", { status: 404 });
  return { organizationId: organization.id, ownerIds: organization.memberships.map((m) => m.userId) };
}

/**
 * Membership changes of one organisation are serialised on its row: two owners removing each
 * other at once cannot both pass the last-owner check.
 */
async function lockOrganization(tx: Tx, organizationId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Organization" WHERE id = ${organizationId} FOR UPDATE`;
}

/** Once a file has been submitted, the SIRET it was submitted under stays: the agency instructs files by it. */
async function hasSubmittedFile(tx: Tx | typeof prisma, organizationId: string): Promise<boolean> {
  return (await tx.application.count({ where: { organizationId, submittedAt: { not: null } } })) > 0;
}

/** Everything the organisation's page shows: details, members, pending invitations and requests. */
export async function loadOrganizationPage(organizationId: string, now = new Date()) {
  const [organization, members, invitations, requests, siretLocked] = await Promise.all([
    prisma.organization.findUniqueOrThrow({
      where: { id: organizationId },
      select: { legalName: true, siret: true, legalForm: true, addressLine: true, postalCode: true, city: true, region: true, sector: true, membersCount: true },
    }),
    prisma.membership.findMany({
      where: { organizationId },
      orderBy: { createdAt: "asc" },
      select: { id: true, role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
    }),
    prisma.organizationInvitation.findMany({
      where: { organizationId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      orderBy: { createdAt: "desc" },
      select: { id: true, email: true, expiresAt: true, invitedBy: { select: { name: true } } },
    }),
    prisma.joinRequest.findMany({
      where: { organizationId, status: "PENDING" },
      orderBy: { createdAt: "asc" },
      select: { id: true, createdAt: true, user: { select: { name: true, email: true } } },
    }),
    hasSubmittedFile(prisma, organizationId),
  ]);
  return { organization, members, invitations, requests, siretLocked };
}

type Person = { email: string; name: string; locale: string };

async function notify(tx: Tx, to: Person, kind: OrganizationNoticeKind, organizationName: string, about?: { name: string; email: string }, path = "/espace") {
  await queueEmail(tx, {
    to: to.email,
    locale: to.locale,
    template: "organization-notice",
    payload: { recipientName: to.name, kind, organizationName, personName: about?.name, personEmail: about?.email, url: `${appUrl()}${path}` },
  });
}

const PERSON = { email: true, name: true, locale: true } as const;

/** Owners edit the organisation's details; the SIRET is fixed once a file has been submitted. */
export async function updateOrganization(viewer: Viewer, organizationId: string, input: OrganizationInput): Promise<void> {
  assertAllowed(viewer, "organization.manage", await requireOrganizationAccess(organizationId));
  const siret = normalizeSiret(input.siret);
  try {
    await prisma.$transaction(async (tx) => {
      await lockOrganization(tx, organizationId);
      const before = await tx.organization.findUniqueOrThrow({
        where: { id: organizationId },
        select: { legalName: true, siret: true, legalForm: true, addressLine: true, postalCode: true, city: true, region: true, sector: true, membersCount: true },
      });
      if (siret !== before.siret && (await hasSubmittedFile(tx, organizationId))) throw new DomainError("siretLocked", "siret", 409);
      const after = { ...input, siret };
      const changed = (Object.keys(after) as (keyof typeof after)[]).filter((key) => after[key] !== before[key]);
      if (changed.length === 0) return;
      await tx.organization.update({ where: { id: organizationId }, data: after });
      await recordAudit(tx, {
        actorId: viewer.id,
        action: "organization.updated",
        entityType: "Organization",
        entityId: organizationId,
        before: Object.fromEntries(changed.map((key) => [key, before[key]])),
        after: Object.fromEntries(changed.map((key) => [key, after[key]])),
      });
    });
  } catch (error) {
    if (uniqueViolationModel(error) === "Organization") throw new DomainError("siretTaken", "siret", 409);
    throw error;
  }
}

/**
 * An owner invites a colleague by email. The link works for a person without an account: they
 * sign up or sign in, then join. A new invitation to the same address replaces the pending one.
 */
export async function inviteMember(viewer: Viewer, organizationId: string, rawEmail: string, now = new Date()): Promise<void> {
  assertAllowed(viewer, "organization.manage", await requireOrganizationAccess(organizationId));
  const email = rawEmail.trim().toLowerCase();
  await prisma.$transaction(async (tx) => {
    await lockOrganization(tx, organizationId);
    const member = await tx.membership.count({ where: { organizationId, user: { email } } });
    if (member > 0) throw new DomainError("alreadyMember", "email", 409);
    await tx.organizationInvitation.updateMany({
      where: { organizationId, email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    const token = randomBytes(32).toString("base64url");
    const invitation = await tx.organizationInvitation.create({
      data: { organizationId, email, tokenHash: hashToken(token), invitedById: viewer.id, expiresAt: new Date(now.getTime() + INVITATION_LIFETIME_MS), createdAt: now },
      select: { id: true, organization: { select: { legalName: true } }, invitedBy: { select: { name: true, locale: true } } },
    });
    await queueEmail(tx, {
      to: email,
      locale: invitation.invitedBy.locale,
      template: "organization-invitation",
      payload: {
        inviterName: invitation.invitedBy.name,
        organizationName: invitation.organization.legalName,
        invitationUrl: `${appUrl()}/invitation?jeton=${encodeURIComponent(token)}`,
        validForDays: INVITATION_LIFETIME_MS / (24 * 3600_000),
      },
    });
    await recordAudit(tx, { actorId: viewer.id, action: "organization.member_invited", entityType: "Organization", entityId: organizationId, after: { email, invitationId: invitation.id }, at: now });
  });
}

/** An owner withdraws an invitation not used yet: its link stops working. */
export async function revokeInvitation(viewer: Viewer, organizationId: string, invitationId: string, now = new Date()): Promise<void> {
  assertAllowed(viewer, "organization.manage", await requireOrganizationAccess(organizationId));
  await prisma.$transaction(async (tx) => {
    const revoked = await tx.organizationInvitation.updateMany({
      where: { id: invitationId, organizationId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    if (revoked.count !== 1) throw new DomainError("invitationInvalid", undefined, 409);
    await recordAudit(tx, { actorId: viewer.id, action: "organization.invitation_revoked", entityType: "Organization", entityId: organizationId, after: { invitationId }, at: now });
  });
}

/** What an invitation link shows before it is used; null when it no longer works. */
export async function openInvitation(token: string, now = new Date()) {
  const invitation = await prisma.organizationInvitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { email: true, acceptedAt: true, revokedAt: true, expiresAt: true, organization: { select: { legalName: true } }, invitedBy: { select: { name: true } } },
  });
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= now) return null;
  return { organizationName: invitation.organization.legalName, inviterName: invitation.invitedBy.name, email: invitation.email };
}

/** Invitations still open for an address: a person who signed up after being invited finds them on their page. */
export function pendingInvitationsFor(email: string, now = new Date()) {
  return prisma.organizationInvitation.findMany({
    where: { email, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
    select: { id: true, organization: { select: { legalName: true } }, invitedBy: { select: { name: true } } },
  });
}

/**
 * Uses an invitation once and makes the viewer a member. The conditional update is the
 * single-use check; the one-organisation-per-applicant index refuses a person who joined
 * another organisation meanwhile.
 */
async function joinThrough(viewer: Viewer, where: { tokenHash: string } | { id: string; email: string }, now: Date): Promise<string> {
  assertAllowed(viewer, "organization.join", null);
  try {
    return await prisma.$transaction(async (tx) => {
      const found = await tx.organizationInvitation.findFirst({ where, select: { organizationId: true } });
      if (!found) throw new DomainError("invitationInvalid", undefined, 400);
      // The organisation first, as every membership change takes it, then the invitation.
      await lockOrganization(tx, found.organizationId);
      const used = await tx.organizationInvitation.updateMany({
        where: { ...where, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
        data: { acceptedAt: now },
      });
      if (used.count !== 1) throw new DomainError("invitationInvalid", undefined, 400);
      const invitation = await tx.organizationInvitation.findFirstOrThrow({
        where,
        select: { id: true, organizationId: true, organization: { select: { legalName: true } }, invitedBy: { select: PERSON } },
      });
      await tx.membership.create({ data: { userId: viewer.id, organizationId: invitation.organizationId, role: "MEMBER" } });
      // A request to join elsewhere no longer has a purpose.
      await tx.joinRequest.updateMany({ where: { userId: viewer.id, status: "PENDING" }, data: { status: "REFUSED", decidedAt: now } });
      const joined = await tx.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { name: true, email: true } });
      await notify(tx, invitation.invitedBy, "memberJoined", invitation.organization.legalName, joined, ORGANIZATION_PAGE);
      await recordAudit(tx, {
        actorId: viewer.id,
        action: "organization.member_joined",
        entityType: "Organization",
        entityId: invitation.organizationId,
        after: { userId: viewer.id, role: "MEMBER", invitationId: invitation.id },
        at: now,
      });
      return invitation.organizationId;
    });
  } catch (error) {
    if (uniqueViolationModel(error) === "Membership") throw new DomainError("organizationAlreadyRegistered", undefined, 409);
    throw error;
  }
}

/** Follows an emailed invitation link. */
export function acceptInvitation(viewer: Viewer, token: string, now = new Date()): Promise<string> {
  return joinThrough(viewer, { tokenHash: hashToken(token) }, now);
}

/** Accepts an invitation listed on the person's page: it was sent to the address their account confirmed. */
export async function acceptInvitationById(viewer: Viewer, invitationId: string, now = new Date()): Promise<string> {
  const { email } = await prisma.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { email: true } });
  return joinThrough(viewer, { id: invitationId, email }, now);
}

/**
 * A person who found the SIRET already registered asks to join; the owners are emailed and
 * answer on the organisation's page.
 */
export async function requestToJoin(viewer: Viewer, rawSiret: string, now = new Date()): Promise<void> {
  assertAllowed(viewer, "organization.join", null);
  const siret = normalizeSiret(rawSiret);
  await prisma.$transaction(async (tx) => {
    const organization = await tx.organization.findUnique({
      where: { siret },
      select: { id: true, legalName: true, memberships: { where: { role: "OWNER" }, select: { user: { select: PERSON } } } },
    });
    if (!organization) throw new DomainError("organizationNotFound", "siret", 404);
    await lockOrganization(tx, organization.id);
    const pending = await tx.joinRequest.count({ where: { organizationId: organization.id, userId: viewer.id, status: "PENDING" } });
    if (pending > 0) throw new DomainError("joinAlreadyRequested", undefined, 409);
    const request = await tx.joinRequest.create({ data: { organizationId: organization.id, userId: viewer.id, createdAt: now }, select: { id: true } });
    const requester = await tx.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { name: true, email: true } });
    for (const { user: owner } of organization.memberships) {
      await notify(tx, owner, "joinRequested", organization.legalName, requester, ORGANIZATION_PAGE);
    }
    await recordAudit(tx, { actorId: viewer.id, action: "organization.join_requested", entityType: "Organization", entityId: organization.id, after: { requestId: request.id }, at: now });
  });
}

/** The requests to join the viewer made that await an answer, with the organisation they are for. */
export function pendingJoinRequestsOf(userId: string) {
  return prisma.joinRequest.findMany({
    where: { userId, status: "PENDING" },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true, organization: { select: { legalName: true } } },
  });
}

/** An owner accepts or refuses a request to join; the person asking is told either way. */
export async function answerJoinRequest(viewer: Viewer, organizationId: string, requestId: string, accept: boolean, now = new Date()): Promise<void> {
  assertAllowed(viewer, "organization.manage", await requireOrganizationAccess(organizationId));
  try {
    await prisma.$transaction(async (tx) => {
      await lockOrganization(tx, organizationId);
      const answered = await tx.joinRequest.updateMany({
        where: { id: requestId, organizationId, status: "PENDING" },
        data: { status: accept ? "ACCEPTED" : "REFUSED", decidedAt: now },
      });
      if (answered.count !== 1) throw new DomainError("joinRequestAnswered", undefined, 409);
      const request = await tx.joinRequest.findUniqueOrThrow({
        where: { id: requestId },
        select: { userId: true, user: { select: PERSON }, organization: { select: { legalName: true } } },
      });
      if (accept) await tx.membership.create({ data: { userId: request.userId, organizationId, role: "MEMBER" } });
      await notify(tx, request.user, accept ? "joinAccepted" : "joinRefused", request.organization.legalName);
      await recordAudit(tx, {
        actorId: viewer.id,
        action: accept ? "organization.join_accepted" : "organization.join_refused",
        entityType: "Organization",
        entityId: organizationId,
        after: { requestId, userId: request.userId },
        at: now,
      });
    });
  } catch (error) {
    // The person joined another organisation since asking: one organisation per applicant.
    if (isUniqueViolation(error)) throw new DomainError("requesterInAnotherOrganization", undefined, 409);
    throw error;
  }
}

/** The last owner cannot go: someone must always be able to manage the organisation. */
async function assertAnotherOwner(tx: Tx, organizationId: string, leavingUserId: string, errorKey: string) {
  const others = await tx.membership.count({ where: { organizationId, role: "OWNER", userId: { not: leavingUserId } } });
  if (others === 0) throw new DomainError(errorKey, undefined, 409);
}

/** An owner removes a member (or another owner, as long as one remains); the person removed is told. */
export async function removeMember(viewer: Viewer, organizationId: string, membershipId: string): Promise<void> {
  assertAllowed(viewer, "organization.manage", await requireOrganizationAccess(organizationId));
  await prisma.$transaction(async (tx) => {
    await lockOrganization(tx, organizationId);
    const membership = await tx.membership.findFirst({
      where: { id: membershipId, organizationId },
      select: { userId: true, role: true, user: { select: PERSON }, organization: { select: { legalName: true } } },
    });
    if (!membership) throw new DomainError("memberNotFound", undefined, 404);
    // Leaving is its own action, with its own rule for the last owner.
    if (membership.userId === viewer.id) throw new DomainError("removeSelf", undefined, 409);
    if (membership.role === "OWNER") await assertAnotherOwner(tx, organizationId, membership.userId, "lastOwner");
    await tx.membership.delete({ where: { id: membershipId } });
    await notify(tx, membership.user, "memberRemoved", membership.organization.legalName);
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "organization.member_removed",
      entityType: "Organization",
      entityId: organizationId,
      before: { userId: membership.userId, role: membership.role },
    });
  });
}

/** A member leaves the organisation; its last owner cannot. */
export async function leaveOrganization(viewer: Viewer, organizationId: string): Promise<void> {
  assertAllowed(viewer, "organization.leave", await requireOrganizationAccess(organizationId));
  await prisma.$transaction(async (tx) => {
    await lockOrganization(tx, organizationId);
    const membership = await tx.membership.findUniqueOrThrow({
      where: { userId_organizationId: { userId: viewer.id, organizationId } },
      select: { id: true, role: true },
    });
    if (membership.role === "OWNER") await assertAnotherOwner(tx, organizationId, viewer.id, "lastOwnerCannotLeave");
    await tx.membership.delete({ where: { id: membership.id } });
    await recordAudit(tx, { actorId: viewer.id, action: "organization.member_left", entityType: "Organization", entityId: organizationId, before: { userId: viewer.id, role: membership.role } });
  });
}

/** An owner makes a member an owner, or an owner a member again, as long as one owner remains. */
export async function setMemberRole(viewer: Viewer, organizationId: string, membershipId: string, role: "OWNER" | "MEMBER"): Promise<void> {
  assertAllowed(viewer, "organization.manage", await requireOrganizationAccess(organizationId));
  await prisma.$transaction(async (tx) => {
    await lockOrganization(tx, organizationId);
    const membership = await tx.membership.findFirst({ where: { id: membershipId, organizationId }, select: { userId: true, role: true } });
    if (!membership) throw new DomainError("memberNotFound", undefined, 404);
    if (membership.role === role) return;
    if (membership.role === "OWNER") await assertAnotherOwner(tx, organizationId, membership.userId, "lastOwner");
    await tx.membership.update({ where: { id: membershipId }, data: { role } });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "organization.member_role_changed",
      entityType: "Organization",
      entityId: organizationId,
      before: { userId: membership.userId, role: membership.role },
      after: { userId: membership.userId, role },
    });
  });
}

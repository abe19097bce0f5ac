import { randomBytes } from "node:crypto";
import { prisma, type Tx } from "~/db.server";
import { recordAudit } from "~/audit.server";
import { assertAllowed, type Viewer } from "~/auth/permissions.server";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { releaseLoginAttempt, reserveLoginAttempt } from "~/auth/login-throttle.server";
import { queueEmail } from "~/mail/outbox.server";
import { appUrl, sessionLimits } from "~/config.server";
import { DomainError } from "~/domain/errors";
import { hashToken, useAccountToken } from "~/services/accounts.server";
import { isUniqueViolation } from "~/db/errors.server";
import type { AccountNoticeKind } from "../../emails/index";

/** How long the link sent to a new address works. */
const EMAIL_CHANGE_LIFETIME_MS = 24 * 3600_000;

/** What the account page shows of the person; never the password hash. */
export async function loadAccount(userId: string) {
  const now = new Date();
  const [user, sessions, pendingChange] = await Promise.all([
    prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true, email: true, locale: true } }),
    prisma.session.findMany({
      where: { userId, expiresAt: { gt: now }, lastSeenAt: { gt: new Date(now.getTime() - sessionLimits().idleMs) } },
      orderBy: { lastSeenAt: "desc" },
      select: { id: true, createdAt: true, lastSeenAt: true },
    }),
    prisma.accountToken.findFirst({
      where: { userId, purpose: "EMAIL_CHANGE", usedAt: null, expiresAt: { gt: now } },
      orderBy: { createdAt: "desc" },
      select: { pendingEmail: true },
    }),
  ]);
  return { user, sessions, pendingEmail: pendingChange?.pendingEmail ?? null };
}

async function notify(tx: Tx, to: { email: string; name: string; locale: string }, kind: AccountNoticeKind, newEmail?: string) {
  await queueEmail(tx, {
    to: to.email,
    locale: to.locale,
    template: "account-notice",
    payload: { recipientName: to.name, kind, newEmail, accountUrl: `${appUrl()}/compte`, forgotPasswordUrl: `${appUrl()}/mot-de-passe/oublie` },
  });
}

/** The name shown to others and on letters, and the language of the interface and of every email. */
export async function updateProfile(viewer: Viewer, input: { name: string; locale: string }) {
  assertAllowed(viewer, "account.manage", null);
  await prisma.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { name: true, locale: true } });
    if (before.name === input.name && before.locale === input.locale) return;
    await tx.user.update({ where: { id: viewer.id }, data: { name: input.name, locale: input.locale } });
    await recordAudit(tx, { actorId: viewer.id, action: "user.profile_updated", entityType: "User", entityId: viewer.id, before, after: input });
  });
}

/**
 * The current password, asked before a change that could take the account over. Guesses are
 * counted with the sign-in attempts of the same address, so a borrowed session cannot try
 * passwords faster here than on the login page.
 */
async function checkCurrentPassword(userId: string, password: string, clientAddress: string) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true, email: true, name: true, locale: true } });
  const attempt = { email: user.email, address: clientAddress, knownDevice: true };
  const turn = await reserveLoginAttempt(attempt);
  if (!turn.allowed) throw new DomainError("tooManyAttempts", "currentPassword", 429);
  if (!(await verifyPassword(user.passwordHash, password))) throw new DomainError("currentPasswordWrong", "currentPassword", 400);
  await releaseLoginAttempt(attempt);
  return user;
}

/**
 * A new password chosen from the account page. The current one is required, and every other
 * session of the account ends: whoever else had it open must sign in with the new password.
 */
export async function changePassword(
  viewer: Viewer,
  request: { sessionId: string | undefined; clientAddress: string },
  input: { currentPassword: string; password: string },
) {
  assertAllowed(viewer, "account.manage", null);
  const user = await checkCurrentPassword(viewer.id, input.currentPassword, request.clientAddress);
  const passwordHash = await hashPassword(input.password);
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: viewer.id }, data: { passwordHash } });
    const ended = await tx.session.deleteMany({ where: { userId: viewer.id, ...(request.sessionId ? { id: { not: request.sessionId } } : {}) } });
    await recordAudit(tx, { actorId: viewer.id, action: "user.password_changed", entityType: "User", entityId: viewer.id, after: { endedSessions: ended.count } });
    await notify(tx, user, "passwordChanged");
  });
}

/**
 * Asks to move the account to a new address. Nothing changes until the link sent to that
 * address is followed; the current address is told at once. An address that already belongs to
 * an account gets no link, and the page answers the same: it never tells who has an account.
 */
export async function requestEmailChange(viewer: Viewer, clientAddress: string, input: { email: string; currentPassword: string }, now = new Date()) {
  assertAllowed(viewer, "account.manage", null);
  const user = await checkCurrentPassword(viewer.id, input.currentPassword, clientAddress);
  const email = input.email.trim().toLowerCase();
  if (email === user.email) throw new DomainError("emailUnchanged", "email", 400);
  await prisma.$transaction(async (tx) => {
    // Only the latest request works: an earlier link to another address stops working.
    await tx.accountToken.deleteMany({ where: { userId: viewer.id, purpose: "EMAIL_CHANGE", usedAt: null } });
    const taken = await tx.user.findUnique({ where: { email }, select: { id: true } });
    if (!taken) {
      const token = randomBytes(32).toString("base64url");
      await tx.accountToken.create({
        data: {
          userId: viewer.id,
          purpose: "EMAIL_CHANGE",
          tokenHash: hashToken(token),
          pendingEmail: email,
          expiresAt: new Date(now.getTime() + EMAIL_CHANGE_LIFETIME_MS),
          createdAt: now,
        },
      });
      await queueEmail(tx, {
        to: email,
        locale: user.locale,
        template: "email-change",
        payload: {
          recipientName: user.name,
          confirmationUrl: `${appUrl()}/compte/courriel?jeton=${encodeURIComponent(token)}`,
          validForHours: EMAIL_CHANGE_LIFETIME_MS / 3600_000,
        },
      });
    }
    await notify(tx, user, "emailChangeRequested", email);
    await recordAudit(tx, { actorId: viewer.id, action: "user.email_change_requested", entityType: "User", entityId: viewer.id, after: { email }, at: now });
  });
}

export type EmailChangeOutcome = { ok: true; userId: string } | { ok: false; reason: "linkInvalid" | "emailTaken" };

/**
 * Follows the link sent to the new address: the account takes that address, already confirmed
 * since the link reached it, and the previous address is told. The link works once.
 */
export async function confirmEmailChange(token: string, now = new Date()): Promise<EmailChangeOutcome> {
  try {
    return await prisma.$transaction(async (tx): Promise<EmailChangeOutcome> => {
      const used = await useAccountToken(tx, token, "EMAIL_CHANGE", now);
      if (!used?.pendingEmail) return { ok: false, reason: "linkInvalid" };
      const before = await tx.user.findUniqueOrThrow({ where: { id: used.userId }, select: { email: true, name: true, locale: true } });
      await tx.user.update({ where: { id: used.userId }, data: { email: used.pendingEmail, emailVerifiedAt: now } });
      await recordAudit(tx, {
        actorId: used.userId,
        action: "user.email_changed",
        entityType: "User",
        entityId: used.userId,
        before: { email: before.email },
        after: { email: used.pendingEmail },
        at: now,
      });
      await notify(tx, before, "emailChanged", used.pendingEmail);
      return { ok: true, userId: used.userId };
    });
  } catch (error) {
    // Another account took the address between the request and the click: the unique index says so.
    if (isUniqueViolation(error)) return { ok: false, reason: "emailTaken" };
    throw error;
  }
}

/** Ends one of the person's own sessions (a browser left signed in elsewhere). */
export async function endSession(viewer: Viewer, sessionId: string) {
  assertAllowed(viewer, "account.manage", null);
  await prisma.$transaction(async (tx) => {
    const ended = await tx.session.deleteMany({ where: { id: sessionId, userId: viewer.id } });
    if (ended.count === 0) throw new DomainError("sessionNotFound", undefined, 404);
    await recordAudit(tx, { actorId: viewer.id, action: "user.session_ended", entityType: "User", entityId: viewer.id, after: { sessionId } });
  });
}

/** « Se déconnecter de tous les appareils » : every session of the account ends, this one included. */
export async function endAllSessions(viewer: Viewer) {
  assertAllowed(viewer, "account.manage", null);
  await prisma.$transaction(async (tx) => {
    const ended = await tx.session.deleteMany({ where: { userId: viewer.id } });
    await recordAudit(tx, { actorId: viewer.id, action: "user.all_sessions_ended", entityType: "User", entityId: viewer.id, after: { endedSessions: ended.count } });
  });
}

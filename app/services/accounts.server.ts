import { createHash, randomBytes } from "node:crypto";
import { prisma, type Tx } from "~/db.server";
import { recordAudit } from "~/audit.server";
import { hashPassword } from "~/auth/password.server";
import { queueEmail } from "~/mail/outbox.server";
import { appUrl } from "~/config.server";
import { isUniqueViolation } from "~/db/errors.server";

/** How long a confirmation link works. */
const CONFIRMATION_LIFETIME_MS = 48 * 3600_000;
/** How long a password reset link works: short, since it opens the account. */
const RESET_LIFETIME_MS = 3600_000;
/** Another request for the same address within this delay sends nothing more: the first mail is on its way. */
const RESEND_PAUSE_MS = 5 * 60_000;

type TokenPurpose = "EMAIL_CONFIRMATION" | "PASSWORD_RESET" | "EMAIL_CHANGE";

/** Emailed links carry a random token; only this hash of it is stored. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function confirmationUrl(token: string): string {
  return `${appUrl()}/inscription/confirmer?jeton=${encodeURIComponent(token)}`;
}

async function sendConfirmation(tx: Tx, user: { id: string; email: string; name: string; locale: string }, passwordHash: string, now: Date) {
  const recent = await tx.accountToken.count({
    where: { userId: user.id, purpose: "EMAIL_CONFIRMATION", usedAt: null, createdAt: { gt: new Date(now.getTime() - RESEND_PAUSE_MS) } },
  });
  if (recent > 0) return;
  // Only the latest link works, and it sets the password typed with it.
  await tx.accountToken.deleteMany({ where: { userId: user.id, purpose: "EMAIL_CONFIRMATION", usedAt: null } });
  const token = randomBytes(32).toString("base64url");
  await tx.accountToken.create({
    data: {
      userId: user.id,
      purpose: "EMAIL_CONFIRMATION",
      tokenHash: hashToken(token),
      expiresAt: new Date(now.getTime() + CONFIRMATION_LIFETIME_MS),
      pendingPasswordHash: passwordHash,
      createdAt: now,
    },
  });
  await queueEmail(tx, {
    to: user.email,
    locale: user.locale,
    template: "account-confirmation",
    payload: { recipientName: user.name, confirmationUrl: confirmationUrl(token), validForHours: CONFIRMATION_LIFETIME_MS / 3600_000 },
  });
}

/**
 * Anyone may ask for an applicant account; reviewer and staff accounts are made by staff.
 * The answer never tells whether the address already has an account: a new address gets a
 * confirmation link, an unconfirmed one gets a fresh link, and a confirmed one gets a note
 * telling its owner that someone tried. The account opens only once the link is followed.
 */
export async function requestApplicantAccount(input: { name: string; email: string; password: string; locale: string }, now = new Date()) {
  const email = input.email.trim().toLowerCase();
  // Hashed whatever the path, so the answer takes as long for a known address as for a new one.
  const passwordHash = await hashPassword(input.password);
  const attempt = () =>
    prisma.$transaction(async (tx) => {
      const existing = await tx.user.findUnique({
        where: { email },
        select: { id: true, email: true, name: true, locale: true, emailVerifiedAt: true },
      });
      if (!existing) {
        const user = await tx.user.create({
          data: { email, name: input.name.trim(), passwordHash, locale: input.locale, role: "APPLICANT" },
          select: { id: true, email: true, name: true, locale: true },
        });
        await recordAudit(tx, { actorId: null, action: "user.registered", entityType: "User", entityId: user.id, after: { email }, at: now });
        await sendConfirmation(tx, user, passwordHash, now);
      } else if (!existing.emailVerifiedAt) {
        await sendConfirmation(tx, { ...existing, locale: input.locale }, passwordHash, now);
      } else {
        await queueEmail(tx, {
          to: existing.email,
          locale: existing.locale,
          template: "account-exists",
          payload: { recipientName: existing.name, loginUrl: `${appUrl()}/connexion` },
        });
        await recordAudit(tx, { actorId: null, action: "user.signup_for_existing", entityType: "User", entityId: existing.id, at: now });
      }
    });
  try {
    await attempt();
  } catch (error) {
    // Two sign-ups with one new address at once: the unique index stops the second, which then
    // finds the account the first made and follows the same path as any repeat.
    if (!isUniqueViolation(error)) throw error;
    await attempt();
  }
}

/** Whether an emailed link still works, without using it: its page asks the person to act with a button. */
export async function isAccountTokenValid(token: string, purpose: TokenPurpose, now = new Date()): Promise<boolean> {
  const found = await prisma.accountToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { usedAt: true, expiresAt: true, purpose: true },
  });
  return !!found && found.purpose === purpose && !found.usedAt && found.expiresAt > now;
}

/**
 * Uses an emailed link once. The conditional update is the single-use check: of two clicks at
 * once, one only matches. Null when the link no longer works.
 */
export async function useAccountToken(tx: Tx, token: string, purpose: TokenPurpose, now: Date) {
  const tokenHash = hashToken(token);
  const used = await tx.accountToken.updateMany({
    where: { tokenHash, purpose, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (used.count !== 1) return null;
  return tx.accountToken.findUniqueOrThrow({ where: { tokenHash }, select: { userId: true, pendingPasswordHash: true, pendingEmail: true } });
}

/** Uses a confirmation link: the address is confirmed and the account can sign in. Null when the link no longer works. */
export async function confirmApplicantEmail(token: string, now = new Date()): Promise<{ userId: string; email: string } | null> {
  return prisma.$transaction(async (tx) => {
    const used = await useAccountToken(tx, token, "EMAIL_CONFIRMATION", now);
    if (!used) return null;
    const { userId, pendingPasswordHash } = used;
    const user = await tx.user.update({
      where: { id: userId },
      data: { emailVerifiedAt: now, ...(pendingPasswordHash ? { passwordHash: pendingPasswordHash } : {}) },
      select: { id: true, email: true },
    });
    await tx.accountToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now, pendingPasswordHash: null } });
    await tx.accountToken.updateMany({ where: { userId, pendingPasswordHash: { not: null } }, data: { pendingPasswordHash: null } });
    await recordAudit(tx, { actorId: userId, action: "user.email_confirmed", entityType: "User", entityId: userId, at: now });
    return { userId: user.id, email: user.email };
  });
}

/**
 * « Mot de passe oublié » : a confirmed account gets a link valid one hour; any other address
 * gets nothing, and the page says the same either way.
 */
export async function requestPasswordReset(email: string, now = new Date()): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { email: email.trim().toLowerCase() },
      select: { id: true, email: true, name: true, locale: true, emailVerifiedAt: true },
    });
    if (!user?.emailVerifiedAt) return;
    const recent = await tx.accountToken.count({
      where: { userId: user.id, purpose: "PASSWORD_RESET", usedAt: null, createdAt: { gt: new Date(now.getTime() - RESEND_PAUSE_MS) } },
    });
    if (recent > 0) return;
    await tx.accountToken.deleteMany({ where: { userId: user.id, purpose: "PASSWORD_RESET", usedAt: null } });
    const token = randomBytes(32).toString("base64url");
    await tx.accountToken.create({
      data: { userId: user.id, purpose: "PASSWORD_RESET", tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + RESET_LIFETIME_MS), createdAt: now },
    });
    await queueEmail(tx, {
      to: user.email,
      locale: user.locale,
      template: "password-reset",
      payload: { recipientName: user.name, resetUrl: `${appUrl()}/mot-de-passe/nouveau?jeton=${encodeURIComponent(token)}`, validForMinutes: RESET_LIFETIME_MS / 60_000 },
    });
    await recordAudit(tx, { actorId: null, action: "user.password_reset_requested", entityType: "User", entityId: user.id, at: now });
  });
}

/** Sets a new password through a reset link, and ends every session of the account. Null when the link no longer works. */
export async function resetPassword(token: string, password: string, now = new Date()): Promise<{ userId: string; email: string } | null> {
  const passwordHash = await hashPassword(password);
  return prisma.$transaction(async (tx) => {
    const used = await useAccountToken(tx, token, "PASSWORD_RESET", now);
    if (!used) return null;
    const user = await tx.user.update({ where: { id: used.userId }, data: { passwordHash }, select: { id: true, email: true } });
    await tx.session.deleteMany({ where: { userId: user.id } });
    await recordAudit(tx, { actorId: user.id, action: "user.password_reset", entityType: "User", entityId: user.id, at: now });
    return { userId: user.id, email: user.email };
  });
}

/** The language of the interface and of every email the person receives. */
export async function setPreferredLocale(userId: string, locale: string) {
  await prisma.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { locale: true } });
    if (before.locale === locale) return;
    await tx.user.update({ where: { id: userId }, data: { locale } });
    await recordAudit(tx, { actorId: userId, action: "user.locale_changed", entityType: "User", entityId: userId, before, after: { locale } });
  });
}

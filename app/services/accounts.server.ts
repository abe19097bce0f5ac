import { createHash, randomBytes } from "node:crypto";
import { prisma, type Tx } from "~/db.server";
import { recordAudit } from "~/audit.server";
import { hashPassword } from "~/auth/password.server";
import { queueEmail } from "~/mail/outbox.server";
import { appUrl } from "~/config.server";
import { isUniqueViolation } from "~/db/errors.server";

/** How long a confirmation link works. */
const CONFIRMATION_LIFETIME_MS = 48 * 3600_000;
/** Another sign-up with the same address within this delay sends nothing more: the first mail is on its way. */
const RESEND_PAUSE_MS = 5 * 60_000;

function hashToken(token: string): string {
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

export type ConfirmationCheck = { valid: true } | { valid: false };

/** Whether a link still works, without using it: the page asks the person to confirm with a button. */
export async function checkConfirmationToken(token: string, now = new Date()): Promise<ConfirmationCheck> {
  const found = await prisma.accountToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { usedAt: true, expiresAt: true, purpose: true },
  });
  return { valid: !!found && found.purpose === "EMAIL_CONFIRMATION" && !found.usedAt && found.expiresAt > now };
}

/** Uses a confirmation link once: the address is confirmed and the account can sign in. Null when the link no longer works. */
export async function confirmApplicantEmail(token: string, now = new Date()): Promise<{ userId: string; email: string } | null> {
  return prisma.$transaction(async (tx) => {
    const tokenHash = hashToken(token);
    // The conditional update is the single-use check: of two clicks at once, one only matches.
    const used = await tx.accountToken.updateMany({
      where: { tokenHash, purpose: "EMAIL_CONFIRMATION", usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (used.count !== 1) return null;
    const { userId, pendingPasswordHash } = await tx.accountToken.findUniqueOrThrow({
      where: { tokenHash },
      select: { userId: true, pendingPasswordHash: true },
    });
    const user = await tx.user.update({
      where: { id: userId },
      data: { emailVerifiedAt: now, ...(pendingPasswordHash ? { passwordHash: pendingPasswordHash } : {}) },
      select: { id: true, email: true },
    });
    await tx.accountToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now, pendingPasswordHash: null } });
    await tx.accountToken.update({ where: { tokenHash }, data: { pendingPasswordHash: null } });
    await recordAudit(tx, { actorId: userId, action: "user.email_confirmed", entityType: "User", entityId: userId, at: now });
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

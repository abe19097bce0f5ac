import { prisma } from "~/db.server";
import { recordAudit } from "~/audit.server";
import { hashPassword } from "~/auth/password.server";
import { DomainError } from "~/domain/errors";
import { isUniqueViolation } from "~/db/errors.server";

/** Anyone may open an applicant account; reviewer and staff accounts are made by staff. */
export async function registerApplicant(input: { name: string; email: string; password: string; locale: string }) {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  try {
    return await prisma.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email, name: input.name.trim(), passwordHash, locale: input.locale, role: "APPLICANT" },
        select: { id: true },
      });
      await recordAudit(tx, { actorId: user.id, action: "user.registered", entityType: "User", entityId: user.id, after: { email } });
      return user.id;
    });
  } catch (error) {
    // The unique index on email is the check: it also holds when two sign-ups race.
    if (isUniqueViolation(error)) throw new DomainError("emailTaken", "email", 409);
    throw error;
  }
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

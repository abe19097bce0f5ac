import { prisma } from "~/db.server";
import { recordAudit } from "~/audit.server";
import { hashPassword } from "~/auth/password.server";
import { DomainError } from "~/domain/errors";

/** Anyone may open an applicant account; reviewer and staff accounts are made by staff. */
export async function registerApplicant(input: { name: string; email: string; password: string; locale: string }) {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  return prisma.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) {
      throw new DomainError("emailTaken", "email", 409);
    }
    const user = await tx.user.create({
      data: { email, name: input.name.trim(), passwordHash, locale: input.locale, role: "APPLICANT" },
      select: { id: true },
    });
    await recordAudit(tx, { actorId: user.id, action: "user.registered", entityType: "User", entityId: user.id, after: { email } });
    return user.id;
  });
}

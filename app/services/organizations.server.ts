import { prisma } from "~/db.server";
import { recordAudit } from "~/audit.server";
import { assertAllowed, type Viewer } from "~/auth/permissions.server";
import { DomainError } from "~/domain/errors";
import { normalizeSiret } from "~/domain/siret";

export interface OrganizationInput {
  legalName: string;
  siret: string;
  legalForm: string;
  addressLine: string;
  postalCode: string;
  city: string;
  region: string;
  sector: string;
  membersCount: number;
}

/** The applicant's structure; its creator becomes its owner. */
export async function createOrganization(viewer: Viewer, input: OrganizationInput): Promise<string> {
  assertAllowed(viewer, "organization.create", null);
  const siret = normalizeSiret(input.siret);
  return prisma.$transaction(async (tx) => {
    if (await tx.organization.findUnique({ where: { siret }, select: { id: true } })) {
      throw new DomainError("siretTaken", "siret", 409);
    }
    const organization = await tx.organization.create({ data: { ...input, siret }, select: { id: true } });
    await tx.membership.create({ data: { userId: viewer.id, organizationId: organization.id, role: "OWNER" } });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "organization.created",
      entityType: "Organization",
      entityId: organization.id,
      after: { ...input, siret },
    });
    return organization.id;
  });
}

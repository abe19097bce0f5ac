import { prisma } from "~/db.server";
import { recordAudit } from "~/audit.server";
import { assertAllowed, type Viewer } from "~/auth/permissions.server";
import { DomainError } from "~/domain/errors";
import { uniqueViolationModel } from "~/db/errors.server";
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
  try {
    return await insertOrganization(viewer, { ...input, siret });
  } catch (error) {
    // Unique indexes are the checks, so they also hold when two registrations race: one on
    // the SIRET, one on the member (an applicant belongs to one organisation).
    const model = uniqueViolationModel(error);
    if (model === "Organization") throw new DomainError("siretTaken", "siret", 409);
    if (model === "Membership") throw new DomainError("organizationAlreadyRegistered", undefined, 409);
    throw error;
  }
}

function insertOrganization(viewer: Viewer, input: OrganizationInput): Promise<string> {
  return prisma.$transaction(async (tx) => {
    const organization = await tx.organization.create({ data: input, select: { id: true } });
    await tx.membership.create({ data: { userId: viewer.id, organizationId: organization.id, role: "OWNER" } });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "organization.created",
      entityType: "Organization",
      entityId: organization.id,
      after: input,
    });
    return organization.id;
  });
}

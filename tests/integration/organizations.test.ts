import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as organizationRoute from "~/routes/espace.structure";
import { completeSiret } from "~/domain/siret";
import { createUser } from "../support/factories";
import { formErrors, postForm } from "../support/remix";

const organizationFields = (siret: string) => ({
  legalName: `Grappe ${siret.slice(-4)}`,
  siret,
  legalForm: "Association loi 1901",
  addressLine: "5 avenue des Lacs",
  postalCode: "74300",
  city: "Cluses",
  region: "Auvergne-Rhône-Alpes",
  sector: "Mécatronique",
  membersCount: "85",
});

describe("organisations", () => {
  it("gives an applicant one organisation even when they register several at once", async () => {
    const user = await createUser("APPLICANT");
    const sirets = [1, 2, 3, 4, 5].map((n) => completeSiret(`81234567${String(n).padStart(5, "0")}`));
    const responses = await Promise.all(
      sirets.map((siret) => postForm(organizationRoute.action, organizationFields(siret), { userId: user.id })),
    );

    expect(responses.filter((r) => r.status === 302)).toHaveLength(1);
    const refused = responses.filter((r) => r.status !== 302);
    for (const response of refused) {
      // Either the permission check already saw the first organisation, or the index refused the second membership.
      if (response.status === 409) expect(await formErrors(response)).toEqual({ "": ["organizationAlreadyRegistered"] });
      else expect(response.status).toBe(403);
    }
    expect(await prisma.membership.count({ where: { userId: user.id } })).toBe(1);
    // The refused registrations left no organisation behind.
    expect(await prisma.organization.count({ where: { siret: { in: sirets } } })).toBe(1);
  });
});

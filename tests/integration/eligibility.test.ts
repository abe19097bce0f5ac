import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as staffFileRoute from "~/routes/gestion.dossiers.$id";
import * as applicationRoute from "~/routes/espace.dossiers.$id";
import { createApplicant, createApplication, createCall, createUser } from "../support/factories";
import { callLoader, formErrors, postForm } from "../support/remix";

describe("eligibility", () => {
  it("requires a reason to refuse a file, then tells the applicant why", async () => {
    const call = await createCall();
    const { user: applicant, organization } = await createApplicant();
    const application = await createApplication(call.id, organization.id, applicant.id, "SUBMITTED");
    const staff = await createUser("STAFF");
    const post = (fields: Record<string, string>) =>
      postForm(staffFileRoute.action, fields, { userId: staff.id, params: { id: application.id } });

    const withoutReason = await post({ intent: "eligibility", eligible: "no", note: "" });
    expect(withoutReason.status).toBe(400);
    expect(await formErrors(withoutReason)).toEqual({ note: ["ineligibilityReasonRequired"] });
    expect((await prisma.application.findUniqueOrThrow({ where: { id: application.id } })).status).toBe("SUBMITTED");

    const refused = await post({ intent: "eligibility", eligible: "no", note: "Statuts de l'association manquants." });
    expect(refused.status).toBe(302);
    const email = await prisma.emailMessage.findFirstOrThrow({ where: { toAddress: applicant.email, template: "application-ineligible" } });
    expect(email.textBody).toContain("Statuts de l'association manquants.");

    const page = await (await callLoader(applicationRoute.loader, { userId: applicant.id, params: { id: application.id } })).json();
    expect(page.application).toMatchObject({ status: "INELIGIBLE", ineligibilityReason: "Statuts de l'association manquants." });
  });

  it("keeps an eligible file's progress to staff until the decision letter", async () => {
    const call = await createCall();
    const { user: applicant, organization } = await createApplicant();
    const application = await createApplication(call.id, organization.id, applicant.id, "SUBMITTED");
    const staff = await createUser("STAFF");
    await postForm(staffFileRoute.action, { intent: "eligibility", eligible: "yes", note: "" }, { userId: staff.id, params: { id: application.id } });
    const page = await (await callLoader(applicationRoute.loader, { userId: applicant.id, params: { id: application.id } })).json();
    expect(page.application.status).toBe("IN_PROGRESS");
    expect(page.application.ineligibilityReason).toBeNull();
    expect(JSON.stringify(page)).not.toContain("ELIGIBLE");
    expect(await prisma.emailMessage.count({ where: { toAddress: applicant.email } })).toBe(0);
  });
});

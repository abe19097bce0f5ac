import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as templatesRoute from "~/routes/gestion.appels.$callId.courriers";
import * as previewRoute from "~/routes/gestion.appels.$callId.courriers_.apercu.$applicationId";
import { issueDecisionLetter } from "~/services/decisions.server";
import { createApplicant, createApplication, createCall, createUser } from "../support/factories";
import { callLoader, formErrors, postForm } from "../support/remix";
import { extractPdfText, flattenText } from "../support/pdf-text";

/** One call with a laureate file and an ineligible one, and the people who act on them. */
let world: {
  callId: string;
  laureateId: string;
  ineligibleId: string;
  staff: { id: string };
  applicant: { id: string };
};

beforeAll(async () => {
  const call = await createCall({ status: "DELIBERATION", opensAt: new Date("2026-01-05T08:00:00Z"), closesAt: new Date("2026-03-31T21:59:59Z") });
  const staff = await createUser("STAFF");
  const { user: applicant, organization } = await createApplicant("Grappe Łódź Bois");
  const laureate = await createApplication(call.id, organization.id, applicant.id, "SUBMITTED");
  await prisma.application.update({ where: { id: laureate.id }, data: { status: "LAUREATE" } });
  await prisma.decision.create({
    data: {
      applicationId: laureate.id,
      outcome: "LAUREATE",
      awardedCents: 18_500_000,
      motivation: "Gouvernance solide.",
      committeeDate: new Date("2026-11-20T10:00:00Z"),
      decidedById: staff.id,
    },
  });
  const other = await createApplicant("Grappe Hors Région");
  const ineligible = await createApplication(call.id, other.organization.id, other.user.id, "SUBMITTED");
  await prisma.application.update({ where: { id: ineligible.id }, data: { status: "INELIGIBLE", eligibilityNote: "Structure hors région." } });
  world = { callId: call.id, laureateId: laureate.id, ineligibleId: ineligible.id, staff, applicant };
});

const save = (fields: Record<string, string>) =>
  postForm(templatesRoute.action, { intent: "save", kind: "LAUREATE", locale: "fr", ...fields }, { userId: world.staff.id, params: { callId: world.callId } });

const preview = async (applicationId: string) => {
  const response = await callLoader(previewRoute.loader, { userId: world.staff.id, params: { callId: world.callId, applicationId } });
  return { response, text: response.status === 200 ? flattenText(await extractPdfText(new Uint8Array(await response.arrayBuffer()))) : "" };
};

describe("letter templates", () => {
  it("offers today's wording for each kind of letter and language until staff change it", async () => {
    const page = await (await callLoader(templatesRoute.loader, { userId: world.staff.id, params: { callId: world.callId } })).json();
    expect(page.templates).toHaveLength(8);
    expect(page.templates.every((t: { customized: boolean }) => !t.customized)).toBe(true);
    expect(page.templates[0].body).toContain("{montant} ({montant_lettres})");
    expect(page.files.map((f: { id: string }) => f.id).sort()).toEqual([world.laureateId, world.ineligibleId].sort());
  });

  it("refuses an unknown merge field, naming it next to the part that uses it, and keeps what was typed", async () => {
    const response = await save({ subject: "Objet", body: "Montant : {montnat}", closing: "Cordialement" });
    expect(response.status).toBe(400);
    expect(await formErrors(response)).toEqual({ body: ["unknownMergeField:montnat"] });
    expect(await prisma.letterTemplate.count({ where: { callId: world.callId } })).toBe(0);
  });

  it("previews a file's letter with the saved wording, marked as a preview and stored nowhere, then issues it with that wording", async () => {
    const saved = await save({
      subject: "Votre projet « {projet} »",
      body: "Bonne nouvelle : {organisation} reçoit {montant} ({montant_lettres}).\n\n{motivation}",
      closing: "Bien cordialement,",
    });
    expect(saved.status).toBe(302);
    expect(await prisma.auditEvent.count({ where: { action: "letterTemplate.saved", entityId: world.callId } })).toBe(1);

    const { response, text } = await preview(world.laureateId);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(text).toContain("Bonne nouvelle : Grappe Łódź Bois reçoit 185 000 € (cent quatre-vingt-cinq mille euros).");
    expect(text).toContain("APERÇU – SANS VALEUR");
    expect(text).not.toContain("/v/");
    expect(await prisma.letter.count({ where: { applicationId: world.laureateId } })).toBe(0);

    const viewer = { id: world.staff.id, role: "STAFF" as const, organizationIds: [] };
    const reference = await issueDecisionLetter(viewer, world.laureateId);
    const letter = await prisma.letter.findUniqueOrThrow({ where: { reference } });
    const issued = flattenText(await extractPdfText(letter.pdf));
    expect(issued).toContain("reçoit 185 000 € (cent quatre-vingt-cinq mille euros)");
    expect(issued).toContain("Bien cordialement,");
    expect(issued).not.toContain("APERÇU");
  });

  it("previews an ineligible file's letter with its eligibility note as the reasons", async () => {
    const { text } = await preview(world.ineligibleId);
    expect(text).toContain("Grappe Hors Région");
    expect(text).toContain("ne remplit pas les conditions");
    expect(text).toContain("Les motifs de cette décision sont les suivants : Structure hors région.");
  });

  it("prints the signatory staff name, with their title, on the call's letters", async () => {
    const post = (fields: Record<string, string>) =>
      postForm(templatesRoute.action, { intent: "signatory", ...fields }, { userId: world.staff.id, params: { callId: world.callId } });
    const refused = await post({ agencyName: "Agence", signatoryName: " ", signatoryTitle: "Directrice" });
    expect(await formErrors(refused)).toEqual({ signatoryName: ["required"] });
    const saved = await post({ agencyName: "Agence des territoires", signatoryName: "Camille Martin", signatoryTitle: "La directrice des programmes" });
    expect(saved.status).toBe(302);
    const { text } = await preview(world.ineligibleId);
    expect(text).toContain("La directrice des programmes Camille Martin");
    expect(text).toContain("Agence des territoires");
    expect(await prisma.auditEvent.count({ where: { action: "letterSignatory.saved", entityId: world.callId } })).toBe(1);
  });

  it("gives a template its default wording back", async () => {
    const reset = await postForm(
      templatesRoute.action,
      { intent: "reset", kind: "LAUREATE", locale: "fr" },
      { userId: world.staff.id, params: { callId: world.callId } },
    );
    expect(reset.status).toBe(302);
    expect(await prisma.letterTemplate.count({ where: { callId: world.callId } })).toBe(0);
  });

  it("keeps the templates and previews from applicants", async () => {
    expect((await callLoader(templatesRoute.loader, { userId: world.applicant.id, params: { callId: world.callId } })).status).toBe(403);
    const previewed = await callLoader(previewRoute.loader, { userId: world.applicant.id, params: { callId: world.callId, applicationId: world.laureateId } });
    expect(previewed.status).toBe(403);
  });
});

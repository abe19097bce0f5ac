import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as applicationRoute from "~/routes/espace.dossiers.$id";
import * as startRoute from "~/routes/espace.appels.$callId.candidater";
import * as organizationRoute from "~/routes/espace.structure";
import { endOfParisDayAfter } from "~/domain/dates";
import { completeSiret } from "~/domain/siret";
import { createApplicant, createApplication, createCall, createUser, pdfFile } from "../support/factories";
import { callLoader, flashOf, formErrors, postForm } from "../support/remix";

const draftFields = (overrides: Record<string, string | File> = {}) => ({
  intent: "save",
  projectTitle: "Filière bois des Vosges 2027",
  summary: "Animer la filière et partager des outils de production.",
  requestedAmount: "150 000",
  ...overrides,
});

async function saveAndSubmit(applicationId: string, userId: string, fields: Record<string, string | File>) {
  return postForm(applicationRoute.action, fields, { userId, params: { id: applicationId } });
}

describe("applicant: organisation, draft, submission", () => {
  it("registers an organisation and refuses a SIRET whose checksum is wrong", async () => {
    const user = await createUser("APPLICANT");
    const valid = completeSiret("7321456780001");
    const wrong = `${valid.slice(0, 13)}${(Number(valid[13]) + 1) % 10}`;
    const fields = {
      legalName: "Grappe Mécatronique de l'Arve",
      legalForm: "Association loi 1901",
      addressLine: "5 avenue des Lacs",
      postalCode: "74300",
      city: "Cluses",
      region: "Auvergne-Rhône-Alpes",
      sector: "Mécatronique",
      membersCount: "85",
    };
    const refused = await postForm(organizationRoute.action, { ...fields, siret: wrong }, { userId: user.id });
    expect(refused.status).toBe(400);
    expect(await formErrors(refused)).toEqual({ siret: ["siretChecksum"] });
    expect(await prisma.organization.count({ where: { siret: wrong } })).toBe(0);

    const created = await postForm(organizationRoute.action, { ...fields, siret: valid }, { userId: user.id });
    const other = await createUser("APPLICANT");
    const duplicate = await postForm(organizationRoute.action, { ...fields, siret: valid }, { userId: other.id });
    expect(await formErrors(duplicate)).toEqual({ siret: ["siretTaken"] });
    expect(created.status).toBe(302);
    const membership = await prisma.membership.findFirstOrThrow({ where: { userId: user.id }, include: { organization: true } });
    expect(membership.organization.legalName).toBe("Grappe Mécatronique de l'Arve");
    expect(membership.role).toBe("OWNER");
  });

  it("starts a draft, saves it with a PDF, submits it and queues the receipt email", async () => {
    const call = await createCall();
    const { user, organization } = await createApplicant("Grappe Bois Vosges");
    const started = await postForm(startRoute.action, {}, { userId: user.id, params: { callId: call.id } });
    expect(started.status).toBe(302);
    const application = await prisma.application.findFirstOrThrow({ where: { callId: call.id, organizationId: organization.id } });
    expect(started.headers.get("Location")).toBe(`/espace/dossiers/${application.id}`);

    const saved = await saveAndSubmit(application.id, user.id, draftFields({ projectPdf: await pdfFile() }));
    expect(await flashOf(saved)).toEqual({ kind: "notice", key: "draftSaved" });
    const attachment = await prisma.attachment.findFirstOrThrow({ where: { applicationId: application.id } });
    expect(attachment).toMatchObject({ filename: "dossier.pdf", mimeType: "application/pdf" });
    expect(attachment.sha256).toMatch(/^[0-9a-f]{64}$/);

    const submitted = await saveAndSubmit(application.id, user.id, draftFields({ intent: "submit" }));
    expect(await flashOf(submitted)).toEqual({ kind: "notice", key: "submitted" });
    const after = await prisma.application.findUniqueOrThrow({ where: { id: application.id } });
    expect(after.status).toBe("SUBMITTED");
    expect(after.requestedCents).toBe(15_000_000);
    expect(after.receiptNumber).toBe(`${call.code}-000001`);

    const email = await prisma.emailMessage.findFirstOrThrow({ where: { toAddress: user.email } });
    expect(email.template).toBe("application-submitted");
    expect(email.textBody).toContain(`${call.code}-000001`);
    const actions = (await prisma.auditEvent.findMany({ where: { entityId: application.id } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["application.created", "application.draft_saved", "application.submitted"]));

    const page = await callLoader(applicationRoute.loader, { userId: user.id, params: { id: application.id } });
    const data = await page.json();
    expect(data.application).toMatchObject({ status: "SUBMITTED", receiptNumber: `${call.code}-000001`, editable: false });
  });

  it("tells what is missing on submission and keeps the draft", async () => {
    const call = await createCall();
    const { user, organization } = await createApplicant();
    const application = await createApplication(call.id, organization.id, user.id);
    const response = await saveAndSubmit(application.id, user.id, draftFields({ intent: "submit" }));
    expect(response.status).toBe(400);
    expect(await formErrors(response)).toEqual({ "": ["incomplete"], projectPdf: ["required"] });
    const after = await prisma.application.findUniqueOrThrow({ where: { id: application.id } });
    expect(after.status).toBe("DRAFT");
    expect(after.projectTitle).toBe("Filière bois des Vosges 2027");
  });
});

describe("applicant: bad input changes nothing", () => {
  async function draftOnOpenCall() {
    const call = await createCall();
    const { user, organization } = await createApplicant();
    const application = await createApplication(call.id, organization.id, user.id);
    return { call, user, organization, application };
  }

  it("refuses a submission after the deadline", async () => {
    const call = await createCall({ opensAt: endOfParisDayAfter(new Date(), -30), closesAt: endOfParisDayAfter(new Date(), -1) });
    const { user, organization } = await createApplicant();
    const application = await createApplication(call.id, organization.id, user.id);
    await prisma.attachment.create({
      data: { applicationId: application.id, kind: "project_pdf", filename: "a.pdf", storageKey: `${crypto.randomUUID()}.pdf`, sha256: "0".repeat(64), sizeBytes: 10, mimeType: "application/pdf", uploadedById: user.id },
    });
    const response = await saveAndSubmit(application.id, user.id, draftFields({ intent: "submit", projectTitle: "Changé trop tard" }));
    expect(response.status).toBe(409);
    expect((await response.json()).error).toEqual({ "": ["deadlinePassed"] });
    const after = await prisma.application.findUniqueOrThrow({ where: { id: application.id } });
    expect(after).toMatchObject({ status: "DRAFT", receiptNumber: null, projectTitle: application.projectTitle });
    expect(await prisma.emailMessage.count({ where: { toAddress: user.email } })).toBe(0);
  });

  it("refuses a file that claims to be a PDF but is not", async () => {
    const { user, application } = await draftOnOpenCall();
    const fake = new File(["<html>not a pdf</html>"], "dossier.pdf", { type: "application/pdf" });
    const response = await saveAndSubmit(application.id, user.id, draftFields({ projectPdf: fake, projectTitle: "Nouveau titre" }));
    expect(response.status).toBe(400);
    expect(await formErrors(response)).toEqual({ projectPdf: ["fileNotPdf"] });
    expect(await prisma.attachment.count({ where: { applicationId: application.id } })).toBe(0);
    expect((await prisma.application.findUniqueOrThrow({ where: { id: application.id } })).projectTitle).toBe(application.projectTitle);
  });

  it("refuses an empty file", async () => {
    const { user, application } = await draftOnOpenCall();
    const empty = new File([], "vide.pdf", { type: "application/pdf" });
    const response = await saveAndSubmit(application.id, user.id, draftFields({ projectPdf: empty }));
    expect(response.status).toBe(400);
    expect(await formErrors(response)).toEqual({ projectPdf: ["fileEmpty"] });
    expect(await prisma.attachment.count({ where: { applicationId: application.id } })).toBe(0);
  });

  it.each(["-5000", "cent mille", "12,345"])("refuses the amount %s", async (amount) => {
    const { user, application } = await draftOnOpenCall();
    const response = await saveAndSubmit(application.id, user.id, draftFields({ requestedAmount: amount }));
    expect(response.status).toBe(400);
    expect(await formErrors(response)).toEqual({ requestedAmount: ["amountInvalid"] });
    expect((await prisma.application.findUniqueOrThrow({ where: { id: application.id } })).requestedCents).toBe(15_000_000);
  });

  it("forbids an applicant to open or change another organisation's application", async () => {
    const { application } = await draftOnOpenCall();
    const intruder = await createApplicant();
    const page = await callLoader(applicationRoute.loader, { userId: intruder.user.id, params: { id: application.id } });
    expect(page.status).toBe(403);
    const write = await saveAndSubmit(application.id, intruder.user.id, draftFields({ projectTitle: "Piraté" }));
    expect(write.status).toBe(403);
    expect((await prisma.application.findUniqueOrThrow({ where: { id: application.id } })).projectTitle).toBe(application.projectTitle);
  });

  it("sends anonymous visitors to the login page", async () => {
    const { application } = await draftOnOpenCall();
    const page = await callLoader(applicationRoute.loader, { params: { id: application.id }, path: `/espace/dossiers/${application.id}` });
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toBe(`/connexion?redirectTo=${encodeURIComponent(`/espace/dossiers/${application.id}`)}`);
  });
});

describe("applicant: withdrawal", () => {
  it("withdraws a submitted file only when the person confirms", async () => {
    const call = await createCall();
    const { user, organization } = await createApplicant();
    const application = await createApplication(call.id, organization.id, user.id, "SUBMITTED");
    const unconfirmed = await saveAndSubmit(application.id, user.id, { intent: "withdraw" });
    expect(await flashOf(unconfirmed)).toEqual({ kind: "error", key: "withdrawNotConfirmed" });
    expect((await prisma.application.findUniqueOrThrow({ where: { id: application.id } })).status).toBe("SUBMITTED");

    const confirmed = await saveAndSubmit(application.id, user.id, { intent: "withdraw", confirmWithdraw: "yes" });
    expect(await flashOf(confirmed)).toEqual({ kind: "notice", key: "withdrawn" });
    expect((await prisma.application.findUniqueOrThrow({ where: { id: application.id } })).status).toBe("WITHDRAWN");
    expect(await prisma.auditEvent.count({ where: { entityId: application.id, action: "application.withdrawn" } })).toBe(1);
  });
});

describe("applicant: starting a file", () => {
  it("sends the applicant back to the call page with the reason when the call has closed", async () => {
    const call = await createCall({ opensAt: endOfParisDayAfter(new Date(), -30), closesAt: endOfParisDayAfter(new Date(), -1) });
    const { user, organization } = await createApplicant();
    const response = await postForm(startRoute.action, {}, { userId: user.id, params: { callId: call.id } });
    expect(response.headers.get("Location")).toBe(`/appels/${call.slug}`);
    expect(await flashOf(response)).toEqual({ kind: "error", key: "deadlinePassed" });
    expect(await prisma.application.count({ where: { organizationId: organization.id } })).toBe(0);
  });

  it("opens one file when the applicant clicks twice at once", async () => {
    const call = await createCall();
    const { user, organization } = await createApplicant();
    const responses = await Promise.all([1, 2].map(() => postForm(startRoute.action, {}, { userId: user.id, params: { callId: call.id } })));
    const locations = new Set(responses.map((r) => r.headers.get("Location")));
    expect(locations.size).toBe(1);
    expect(await prisma.application.count({ where: { organizationId: organization.id } })).toBe(1);
  });

  it("reopens the file the organisation already has instead of starting a second one", async () => {
    const call = await createCall();
    const { user, organization } = await createApplicant();
    const existing = await createApplication(call.id, organization.id, user.id);
    const response = await postForm(startRoute.action, {}, { userId: user.id, params: { callId: call.id } });
    expect(response.headers.get("Location")).toBe(`/espace/dossiers/${existing.id}`);
    expect(await prisma.application.count({ where: { organizationId: organization.id } })).toBe(1);
  });
});

describe("applicant: oversized upload", () => {
  it("refuses a file over 10 MB next to its field and keeps what was typed", async () => {
    const call = await createCall();
    const { user, organization } = await createApplicant();
    const application = await createApplication(call.id, organization.id, user.id);
    const huge = new File([new Uint8Array(10 * 1024 * 1024 + 10)], "enorme.pdf", { type: "application/pdf" });
    const response = await saveAndSubmit(application.id, user.id, draftFields({ projectPdf: huge, projectTitle: "Titre saisi" }));
    expect(response.status).toBe(413);
    const body = await response.json();
    expect(body.error).toEqual({ projectPdf: ["fileTooLarge"] });
    expect(body.initialValue.projectTitle).toBe("Titre saisi");
    expect(await prisma.attachment.count({ where: { applicationId: application.id } })).toBe(0);
  });
});

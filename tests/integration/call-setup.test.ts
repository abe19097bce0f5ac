import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as newCallRoute from "~/routes/gestion.appels.nouveau";
import * as staffHomeRoute from "~/routes/gestion._index";
import * as settingsRoute from "~/routes/gestion.appels.$callId.parametres";
import * as staffFileRoute from "~/routes/gestion.dossiers.$id";
import * as reviewRoute from "~/routes/expertise.$assignmentId";
import * as publicCallRoute from "~/routes/appels.$slug";
import * as gridRoute from "~/routes/gestion.appels.$callId.grille";
import * as exportRoute from "~/routes/gestion.appels.$callId.export";
import * as importRoute from "~/routes/gestion.appels.importer";
import { endOfParisDay, endOfParisDayAfter, parisWallTimeToInstant } from "~/domain/dates";
import { openingInstant } from "~/domain/call-lifecycle";
import { createApplicant, createApplication, createCall, createUser } from "../support/factories";
import { callLoader, flashOf, formErrors, postForm } from "../support/remix";

const code = () => `AAP-${randomBytes(3).toString("hex").toUpperCase()}`;

/** A complete, valid settings form; each test changes what it is about. */
function settings(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    title: "Soutien aux grappes d’entreprises 2027",
    code: code(),
    summary: "Aider les grappes à mener des actions collectives.",
    rules: "## Qui peut candidater ?\n\nToute grappe immatriculée en France.",
    opensOn: "2027-01-15",
    closesOn: "2027-04-30",
    reviewDeadlineOn: "2027-05-31",
    committeeOn: "2027-06-15",
    budget: "6 000 000",
    minGrant: "50 000",
    maxGrant: "500 000",
    maxCostShare: "50",
    reviewersPerFile: "2",
    contactEmail: "grappes@agence.gouv.fr",
    contactPhone: "01 85 58 60 00",
    contactOffice: "Direction des programmes, 20 avenue de Ségur, 75007 Paris",
    ...overrides,
  };
}

function audits(entityId: string) {
  return prisma.auditEvent.findMany({ where: { entityType: "Call", entityId }, orderBy: { seq: "asc" }, select: { action: true, actorId: true } });
}

let staffId: string;
let applicantId: string;
let reviewerId: string;

beforeAll(async () => {
  const [staff, { user: applicant }, reviewer] = await Promise.all([createUser("STAFF"), createApplicant(), createUser("REVIEWER")]);
  staffId = staff.id;
  applicantId = applicant.id;
  reviewerId = reviewer.id;
});

const asStaff = (params: Record<string, string> = {}) => ({ userId: staffId, params });

async function createdCall(overrides: Record<string, string> = {}) {
  const fields = settings(overrides);
  const response = await postForm(newCallRoute.action, fields, asStaff());
  expect(response.status).toBe(302);
  return prisma.call.findUniqueOrThrow({ where: { code: fields.code! }, include: { criteria: true } });
}

describe("creating a call", () => {
  it("stores a draft with every setting, closing at 23:59:59 Paris time on its day, and audits it", async () => {
    const fields = settings({ eligibleRegions: "Grand Est" });
    const body = { ...fields };
    const response = await postForm(newCallRoute.action, body, asStaff());
    expect(response.status).toBe(302);
    expect(await flashOf(response)).toEqual({ kind: "notice", key: "callCreated" });
    const call = await prisma.call.findUniqueOrThrow({ where: { code: fields.code! } });
    expect(response.headers.get("Location")).toBe(`/gestion/appels/${call.id}/parametres`);
    expect(call).toMatchObject({
      status: "DRAFT",
      slug: fields.code!.toLowerCase(),
      opensAt: parisWallTimeToInstant(2027, 1, 15),
      // Summer time in April: 21:59:59 UTC.
      closesAt: new Date("2027-04-30T21:59:59.000Z"),
      reviewDeadline: endOfParisDay(2027, 5, 31),
      committeeDate: endOfParisDay(2027, 6, 15),
      budgetCents: 600_000_000n,
      minGrantCents: 5_000_000,
      maxGrantCents: 50_000_000,
      maxCostShare: 50,
      eligibleRegions: ["Grand Est"],
      legalForms: [],
      reviewersPerFile: 2,
      contactEmail: "grappes@agence.gouv.fr",
    });
    expect(call.opensAt.toISOString()).toBe("2027-01-14T23:00:00.000Z");
    expect(await audits(call.id)).toEqual([{ action: "call.created", actorId: staffId }]);
  });

  it("refuses inconsistent settings with each message on the field to change, and stores nothing", async () => {
    const fields = settings({ opensOn: "2027-05-01", closesOn: "2027-04-30", budget: "40 000", minGrant: "50 000", maxGrant: "45 000", reviewDeadlineOn: "" });
    const response = await postForm(newCallRoute.action, fields, asStaff());
    expect(response.status).toBe(400);
    const errors = await formErrors(response);
    expect(errors).toMatchObject({
      closesOn: ["closingBeforeOpening"],
      budget: ["envelopeBelowMinimum"],
      maxGrant: ["maxGrantBelowMinimum"],
    });
    expect(await prisma.call.count({ where: { code: fields.code! } })).toBe(0);

    const above = await formErrors(await postForm(newCallRoute.action, settings({ budget: "400 000", maxGrant: "500 000" }), asStaff()));
    expect(above).toEqual({ maxGrant: ["maxGrantAboveEnvelope"] });
  });

  it("refuses a code another call has, on the code field", async () => {
    const first = await createdCall();
    const response = await postForm(newCallRoute.action, settings({ code: first.code.toLowerCase() }), asStaff());
    expect(response.status).toBe(409);
    expect(await formErrors(response)).toEqual({ code: ["callCodeTaken"] });
  });

  it("is for staff only", async () => {
    expect((await callLoader(newCallRoute.loader, { userId: applicantId })).status).toBe(403);
    const refused = await postForm(newCallRoute.action, settings(), { userId: reviewerId });
    expect(refused.status).toBe(403);
  });
});

describe("duplicating a call", () => {
  it("starts from last year's texts, grid and form with the days left empty, then copies them on saving", async () => {
    const source = await createCall();
    await prisma.call.update({ where: { id: source.id }, data: { contactEmail: "contact@agence.gouv.fr", maxCostShare: 40, eligibleRegions: ["Bretagne"] } });
    const wording = { kind: "LAUREATE" as const, locale: "fr", subject: "Objet {projet}", body: "Bravo {organisation}.", closing: "Salutations" };
    await prisma.letterTemplate.create({ data: { callId: source.id, ...wording } });
    const page = await (await callLoader(newCallRoute.loader, { ...asStaff(), path: `/gestion/appels/nouveau?depuis=${source.id}` })).json();
    expect(page.source).toEqual({ id: source.id, title: source.title });
    expect(page.defaultValue).toMatchObject({
      title: source.title,
      rules: source.rules,
      code: "",
      opensOn: "",
      closesOn: "",
      reviewDeadlineOn: "",
      committeeOn: "",
      budget: "1000000",
      maxCostShare: "40",
      eligibleRegions: ["Bretagne"],
      contactEmail: "contact@agence.gouv.fr",
    });

    const fields = settings({ ...page.defaultValue, code: code(), opensOn: "2027-01-15", closesOn: "2027-04-30", reviewDeadlineOn: "", committeeOn: "", sourceCallId: source.id });
    delete fields.eligibleRegions;
    const response = await postForm(newCallRoute.action, { ...fields, eligibleRegions: "Bretagne" }, asStaff());
    expect(response.status).toBe(302);
    const copy = await prisma.call.findUniqueOrThrow({ where: { code: fields.code! }, include: { criteria: { orderBy: { position: "asc" } } } });
    expect(copy.status).toBe("DRAFT");
    expect(copy.formDefinition).toEqual(source.formDefinition);
    expect(copy.letterTemplates).toEqual(source.letterTemplates);
    const copiedWording = await prisma.letterTemplate.findMany({ where: { callId: copy.id }, select: { kind: true, locale: true, subject: true, body: true, closing: true } });
    expect(copiedWording).toEqual([wording]);
    expect(copy.criteria.map(({ label, weight, threshold, position }) => ({ label, weight, threshold, position }))).toEqual(
      source.criteria.map(({ label, weight, threshold, position }) => ({ label, weight, threshold, position })),
    );
    expect(copy.receiptCounter).toBe(0);
    expect(await audits(copy.id)).toEqual([{ action: "call.duplicated", actorId: staffId }]);
  });
});

describe("editing a call", () => {
  it("saves new settings and audits what changed", async () => {
    const call = await createdCall();
    const response = await postForm(settingsRoute.action, { ...settings({ code: call.code, title: "Nouveau titre" }), intent: "save" }, asStaff({ callId: call.id }));
    expect(response.status).toBe(302);
    expect(await flashOf(response)).toEqual({ kind: "notice", key: "callSaved" });
    expect((await prisma.call.findUniqueOrThrow({ where: { id: call.id } })).title).toBe("Nouveau titre");
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: call.id, action: "call.updated" } });
    expect(event.before).toEqual({ title: "Soutien aux grappes d’entreprises 2027" });
    expect(event.after).toEqual({ title: "Nouveau titre" });
  });

  it("refuses dates that would leave submitted files outside the call, and a new code once receipts carry it", async () => {
    const call = await createCall({ opensAt: endOfParisDayAfter(new Date(), -20), closesAt: endOfParisDayAfter(new Date(), 10) });
    const { user, organization } = await createApplicant();
    const file = await createApplication(call.id, organization.id, user.id, "SUBMITTED");
    await prisma.call.update({ where: { id: call.id }, data: { receiptCounter: 1 } });
    const page = await (await callLoader(settingsRoute.loader, asStaff({ callId: call.id }))).json();
    const values = { ...page.defaultValue, contactEmail: "contact@agence.gouv.fr", intent: "save" } as Record<string, string>;
    delete values.eligibleRegions;
    delete values.legalForms;
    const yesterday = endOfParisDayAfter(file.submittedAt!, -1).toISOString().slice(0, 10);

    const early = await postForm(settingsRoute.action, { ...values, closesOn: yesterday, reviewDeadlineOn: "", committeeOn: "" }, asStaff({ callId: call.id }));
    expect(early.status).toBe(409);
    expect((await early.json()).settings.error).toMatchObject({ closesOn: ["closingBeforeSubmittedFiles"] });

    const renamed = await postForm(settingsRoute.action, { ...values, code: code() }, asStaff({ callId: call.id }));
    expect((await renamed.json()).settings.error).toMatchObject({ code: ["callCodeInUse"] });
    expect(await prisma.call.findUniqueOrThrow({ where: { id: call.id }, select: { closesAt: true, code: true } })).toEqual({
      closesAt: call.closesAt,
      code: call.code,
    });
  });
});

/** A reviewed file on a call, through the staff's and the expert's own actions. */
async function reviewedFile(callOverrides: Parameters<typeof createCall>[0] = {}) {
  const call = await createCall(callOverrides);
  const { user, organization } = await createApplicant();
  const application = await createApplication(call.id, organization.id, user.id, "SUBMITTED");
  const staffPost = (fields: Record<string, string>) => postForm(staffFileRoute.action, fields, { userId: staffId, params: { id: application.id } });
  await staffPost({ intent: "eligibility", eligible: "yes", note: "" });
  await staffPost({ intent: "assign", reviewerId });
  const assignment = await prisma.assignment.findFirstOrThrow({ where: { applicationId: application.id } });
  const scores = Object.fromEntries(call.criteria.flatMap((c) => [[`score_${c.id}`, "4"], [`comment_${c.id}`, "Argumenté"]]));
  await postForm(reviewRoute.action, { intent: "submit", recommendation: "FUND", ...scores }, { userId: reviewerId, params: { assignmentId: assignment.id } });
  return { call, application, staffPost };
}

const DECISION = { intent: "decide", decisionVersion: "0", outcome: "LAUREATE", awardedAmount: "120 000", motivation: "Programme solide.", committeeDate: "2027-06-15" };

describe("the call's lifecycle", () => {
  const step = (callId: string, name: string) => postForm(settingsRoute.action, { intent: "step", step: name }, asStaff({ callId }));

  it("refuses to publish a call without a form or a grid, with every reason at once", async () => {
    const call = await createdCall({ opensOn: "2030-01-01", closesOn: "2030-03-31", reviewDeadlineOn: "", committeeOn: "" });
    const response = await step(call.id, "publish");
    expect(response.status).toBe(409);
    expect((await response.json()).step.error[""]).toEqual(["callFormMissing", "callGridMissing"]);
    expect((await prisma.call.findUniqueOrThrow({ where: { id: call.id } })).status).toBe("DRAFT");
    const page = await (await callLoader(settingsRoute.loader, asStaff({ callId: call.id }))).json();
    expect(page.lifecycle).toEqual({
      phase: "DRAFT",
      steps: [
        { step: "publish", refusals: ["callFormMissing", "callGridMissing"] },
        { step: "archive", refusals: [] },
      ],
    });
  });

  it("publishes a complete call, closes it at its closing instant without any job, then walks it to its archive", async () => {
    const call = await createCall({ status: "DRAFT", opensAt: endOfParisDayAfter(new Date(), -3), closesAt: endOfParisDayAfter(new Date(), 5) });
    await prisma.call.update({ where: { id: call.id }, data: { formDefinition: { version: 1, sections: [{ key: "projet", title: "Projet", fields: [] }] } } });
    expect((await step(call.id, "publish")).status).toBe(302);
    expect((await callLoader(publicCallRoute.loader, { path: `/appels/${call.slug}`, params: { slug: call.slug } })).status).toBe(200);

    const open = await step(call.id, "startReview");
    expect((await open.json()).step.error[""]).toEqual(["callStillOpen"]);
    await prisma.call.update({ where: { id: call.id }, data: { closesAt: new Date(Date.now() - 1000) } });
    const closed = await (await callLoader(settingsRoute.loader, asStaff({ callId: call.id }))).json();
    expect(closed.lifecycle.phase).toBe("CLOSED");
    const home = await (await callLoader(staffHomeRoute.loader, asStaff())).json();
    expect(home.calls.find((c: { id: string }) => c.id === call.id).status).toBe("CLOSED");
    expect(await flashOf(await step(call.id, "startReview"))).toEqual({ kind: "notice", key: "callStep.startReview" });
    expect((await step(call.id, "announce")).status).toBe(409);
    expect((await step(call.id, "startDeliberation")).status).toBe(302);
    expect((await step(call.id, "finalizeDecisions")).status).toBe(302);
    expect((await step(call.id, "announce")).status).toBe(302);
    expect((await step(call.id, "archive")).status).toBe(302);
    expect((await prisma.call.findUniqueOrThrow({ where: { id: call.id } })).status).toBe("ARCHIVED");
    expect((await audits(call.id)).map((e) => e.action)).toEqual([
      "call.published",
      "call.reviewStarted",
      "call.deliberationStarted",
      "call.decisionsFinalized",
      "call.announced",
      "call.archived",
    ]);
    const edit = await postForm(settingsRoute.action, { ...settings({ code: call.code }), intent: "save" }, asStaff({ callId: call.id }));
    expect((await edit.json()).settings.error).toEqual({ "": ["callArchived"] });
  });

  it("refuses a decision, and its letter, while the call is still open", async () => {
    const { application, staffPost } = await reviewedFile();
    const response = await staffPost(DECISION);
    expect(response.status).toBe(409);
    expect((await response.json()).error).toEqual({ "": ["callNotClosed"] });
    expect(await prisma.decision.count({ where: { applicationId: application.id } })).toBe(0);
    expect((await prisma.application.findUniqueOrThrow({ where: { id: application.id } })).status).toBe("REVIEWED");
  });

  it("takes decisions once the call is closed, keeps them final once declared so, and announces only when every letter is out", async () => {
    const { call, application, staffPost } = await reviewedFile();
    await prisma.call.update({ where: { id: call.id }, data: { closesAt: new Date(Date.now() - 1000) } });
    expect((await step(call.id, "startReview")).status).toBe(302);
    expect((await step(call.id, "startDeliberation")).status).toBe(302);
    expect((await step(call.id, "finalizeDecisions")).status).toBe(409);
    expect((await staffPost(DECISION)).status).toBe(302);
    expect((await step(call.id, "finalizeDecisions")).status).toBe(302);

    const late = await staffPost({ ...DECISION, decisionVersion: "1", outcome: "WAITLISTED" });
    expect((await late.json()).error).toEqual({ "": ["decisionsFinal"] });
    const pending = await step(call.id, "announce");
    expect((await pending.json()).step.error[""]).toEqual(["callLettersPending"]);
    expect((await staffPost({ intent: "issueLetter" })).status).toBe(302);
    expect((await step(call.id, "announce")).status).toBe(302);

    const page = await (await callLoader(publicCallRoute.loader, { params: { slug: call.slug } })).json();
    expect(page.laureates.map((l: { id: string }) => l.id)).toEqual([application.id]);
  });
});

describe("the public call page", () => {
  it("shows the calendar, the rules as safe Markdown, the conditions in plain words, the documents and the contact", async () => {
    const call = await createCall();
    await prisma.call.update({
      where: { id: call.id },
      data: {
        rules: "## Qui peut candidater ?\n\n<script>alert(1)</script>",
        reviewDeadline: endOfParisDay(2030, 5, 31),
        committeeDate: endOfParisDay(2030, 6, 15),
        maxCostShare: 50,
        eligibleRegions: ["Grand Est", "Bretagne"],
        contactEmail: "grappes@agence.gouv.fr",
        contactPhone: "01 85 58 60 00",
        contactOffice: "Direction des programmes",
        formDefinition: {
          version: 1,
          sections: [
            { key: "docs", title: "Pièces", fields: [
              { key: "statuts", type: "attachment", label: "Statuts signés", required: true },
              { key: "membres", type: "group", label: "Membres", fields: [{ key: "lettre", type: "attachment", label: "Lettre d’engagement", required: false }] },
              { key: "titre", type: "text", label: "Titre", required: true },
            ] },
          ],
        },
      },
    });
    const page = await (await callLoader(publicCallRoute.loader, { params: { slug: call.slug } })).json();
    expect(page.rulesHtml).toBe("<h3>Qui peut candidater ?</h3>\n&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page.call).toMatchObject({
      reviewDeadline: endOfParisDay(2030, 5, 31).toISOString(),
      committeeDate: endOfParisDay(2030, 6, 15).toISOString(),
      maxCostShare: 50,
      eligibleRegions: ["Grand Est", "Bretagne"],
      legalForms: [],
      contactEmail: "grappes@agence.gouv.fr",
      contactPhone: "01 85 58 60 00",
      contactOffice: "Direction des programmes",
      documents: [
        { label: "Statuts signés", required: true },
        { label: "Lettre d’engagement", required: false },
      ],
    });
    expect(page.call).not.toHaveProperty("formDefinition");
  });
});

function gridFields(criteria: { id?: string; label: string; weight: string; threshold?: string; levels?: string }[], overrides: Record<string, string> = {}) {
  return {
    intent: "save",
    scoreScale: "5",
    halfPoints: "yes",
    overallThreshold: "3",
    tieBreak: "COMMITTEE",
    ...Object.fromEntries(
      criteria.flatMap((c, i) =>
        Object.entries({ ...c, description: `Description ${i + 1}` }).map(([key, value]) => [`criteria[${i}].${key}`, value ?? ""]),
      ),
    ),
    ...overrides,
  };
}

describe("the scoring grid", () => {
  it("saves criteria with their levels, weights, scale, half points and thresholds, and audits it", async () => {
    const call = await createdCall();
    const response = await postForm(
      gridRoute.action,
      gridFields([
        { label: "Stratégie", weight: "60", threshold: "2,5", levels: "0 : absente\n5 : exemplaire" },
        { label: "Gouvernance", weight: "40" },
      ]),
      asStaff({ callId: call.id }),
    );
    expect(response.status).toBe(302);
    expect(await flashOf(response)).toEqual({ kind: "notice", key: "gridSaved" });
    const saved = await prisma.call.findUniqueOrThrow({ where: { id: call.id }, include: { criteria: { orderBy: { position: "asc" } } } });
    expect(saved).toMatchObject({ scoreScale: 5, halfPoints: true, overallThreshold: 6, tieBreak: "COMMITTEE" });
    expect(saved.criteria.map(({ label, weight, scaleMax, threshold, levels, position }) => ({ label, weight, scaleMax, threshold, levels, position }))).toEqual([
      { label: "Stratégie", weight: 60, scaleMax: 10, threshold: 5, levels: ["0 : absente", "5 : exemplaire"], position: 1 },
      { label: "Gouvernance", weight: 40, scaleMax: 10, threshold: null, levels: [], position: 2 },
    ]);
    expect((await audits(call.id)).map((e) => e.action)).toEqual(["call.created", "call.gridSaved"]);
    const page = await (await callLoader(gridRoute.loader, asStaff({ callId: call.id }))).json();
    expect(page.values.criteria[0]).toMatchObject({ id: saved.criteria[0]!.id, threshold: "2,5", levels: "0 : absente\n5 : exemplaire" });
    expect(page.editable).toBe(true);
  });

  it("refuses weights that do not make 100 % and a threshold above the scale or off its step, keeping the saved grid", async () => {
    const call = await createCall({ status: "DRAFT" });
    const response = await postForm(
      gridRoute.action,
      gridFields(
        [
          { label: "Stratégie", weight: "50", threshold: "6" },
          { label: "Programme", weight: "30", threshold: "2,5" },
        ],
        { halfPoints: "no", overallThreshold: "7" },
      ),
      asStaff({ callId: call.id }),
    );
    expect(response.status).toBe(400);
    expect(await formErrors(response)).toEqual({
      criteria: ["weightsNot100"],
      "criteria[0].threshold": ["thresholdAboveScale"],
      "criteria[1].threshold": ["wholePointsOnly"],
      overallThreshold: ["thresholdAboveScale"],
    });
    expect(await prisma.criterion.count({ where: { callId: call.id } })).toBe(4);
  });

  it("locks once a review is submitted; an audited reopen with a reason allows one more save, scores kept with their criteria", async () => {
    const { call } = await reviewedFile();
    const reordered = [...call.criteria].reverse().map((c) => ({ id: c.id, label: c.label, weight: String(c.weight) }));
    const locked = await postForm(gridRoute.action, gridFields(reordered, { halfPoints: "no", overallThreshold: "" }), asStaff({ callId: call.id }));
    expect(locked.status).toBe(409);
    expect((await locked.json()).error).toEqual({ "": ["gridLocked"] });

    const noReason = await postForm(gridRoute.action, { intent: "reopen", reason: " " }, asStaff({ callId: call.id }));
    expect(await formErrors(noReason)).toEqual({ reason: ["required"] });
    expect((await postForm(gridRoute.action, { intent: "reopen", reason: "Coquille dans un intitulé" }, asStaff({ callId: call.id }))).status).toBe(302);
    const reopen = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: call.id, action: "call.gridReopened" } });
    expect(reopen).toMatchObject({ actorId: staffId, after: { reason: "Coquille dans un intitulé", submittedReviews: 1 } });

    expect((await postForm(gridRoute.action, gridFields(reordered, { halfPoints: "no", overallThreshold: "" }), asStaff({ callId: call.id }))).status).toBe(302);
    const criteria = await prisma.criterion.findMany({ where: { callId: call.id }, orderBy: { position: "asc" }, include: { _count: { select: { scores: true } } } });
    expect(criteria.map((c) => c.id)).toEqual(reordered.map((c) => c.id));
    expect(criteria.every((c) => c._count.scores === 1)).toBe(true);
    expect((await postForm(gridRoute.action, gridFields(reordered, { halfPoints: "no", overallThreshold: "" }), asStaff({ callId: call.id }))).status).toBe(409);
  });
});

const jsonFile = (data: unknown, name = "appel.json") => new File([JSON.stringify(data)], name, { type: "application/json" });

describe("exporting and importing a call's definition", () => {
  it("exports settings, form, letters and grid, and imports them as a new draft under a new code", async () => {
    const source = await createCall();
    await prisma.call.update({
      where: { id: source.id },
      data: { contactEmail: "contact@agence.gouv.fr", maxCostShare: 50, halfPoints: true, scoreScale: 5, eligibleRegions: ["Corse"] },
    });
    await prisma.criterion.updateMany({ where: { callId: source.id }, data: { scaleMax: 10 } });
    const response = await callLoader(exportRoute.loader, asStaff({ callId: source.id }));
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="${source.code}.json"`);
    const exported = await response.json();
    expect(exported).toMatchObject({
      format: "laureat.call-definition",
      version: 1,
      call: { title: source.title, code: source.code, reviewersPerFile: 2, maxCostShare: 50, eligibleRegions: ["Corse"] },
      grid: { scoreScale: "5", halfPoints: "yes", tieBreak: "EARLIER_SUBMISSION" },
      form: source.formDefinition,
      letterTemplates: source.letterTemplates,
    });
    expect(exported.grid.criteria[0]).toEqual({ label: "Stratégie", description: "Pertinence", weight: 30, threshold: "1" });

    const newCode = code();
    const imported = await postForm(importRoute.action, { code: newCode, definition: jsonFile(exported) }, asStaff());
    expect(imported.status).toBe(302);
    expect(await flashOf(imported)).toEqual({ kind: "notice", key: "callImported" });
    const call = await prisma.call.findUniqueOrThrow({ where: { code: newCode }, include: { criteria: { orderBy: { position: "asc" } } } });
    expect(call).toMatchObject({
      status: "DRAFT",
      title: source.title,
      opensAt: openingInstant(exported.call.opensOn),
      closesAt: source.closesAt,
      budgetCents: source.budgetCents,
      maxCostShare: 50,
      eligibleRegions: ["Corse"],
      halfPoints: true,
      formDefinition: source.formDefinition,
    });
    expect(call.criteria.map(({ label, weight, scaleMax, threshold }) => ({ label, weight, scaleMax, threshold }))).toEqual([
      { label: "Stratégie", weight: 30, scaleMax: 10, threshold: 2 },
      { label: "Programme", weight: 30, scaleMax: 10, threshold: null },
      { label: "Impact", weight: 25, scaleMax: 10, threshold: null },
      { label: "Gouvernance", weight: 15, scaleMax: 10, threshold: null },
    ]);
    expect(await audits(call.id)).toEqual([{ action: "call.imported", actorId: staffId }]);

    const again = await postForm(importRoute.action, { code: newCode, definition: jsonFile(exported) }, asStaff());
    expect((await again.json()).reply.error).toEqual({ code: ["callCodeTaken"] });
  });

  it("reports every problem of a definition at once and creates nothing", async () => {
    const definition = {
      format: "laureat.call-definition",
      version: 1,
      call: { ...settings({ opensOn: "2027-05-01", closesOn: "2027-04-30", budget: "10 000", reviewDeadlineOn: "2027-05-31" }), reviewersPerFile: 2 },
      grid: {
        scoreScale: "5",
        halfPoints: "no",
        tieBreak: "EARLIER_SUBMISSION",
        criteria: [
          { label: "Stratégie", weight: 50, threshold: "6" },
          { label: "", weight: 30 },
        ],
      },
      form: null,
    };
    const newCode = code();
    const withForm = {
      ...definition,
      form: {
        sections: [
          { key: "projet", title: "Projet", fields: [{ key: "titre", type: "shortText", label: "Titre" }, { key: "titre", type: "shortText", label: "Encore" }] },
        ],
      },
    };
    const duplicate = await (await postForm(importRoute.action, { code: newCode, definition: jsonFile(withForm) }, asStaff())).json();
    expect(duplicate.problems).toContainEqual({ path: "form.sections.0.fields.1.key", key: "definitionKeyDuplicate" });

    const response = await postForm(importRoute.action, { code: newCode, definition: jsonFile(definition) }, asStaff());
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.reply.error).toEqual({ definition: ["importInvalid"] });
    expect(body.problems).toEqual(
      expect.arrayContaining([
        // A share typed as text: refused, and the rules between fields are still checked.
        { path: "call.maxCostShare", key: "integerExpected" },
        { path: "call.closesOn", key: "closingBeforeOpening" },
        { path: "call.budget", key: "envelopeBelowMinimum" },
        { path: "grid.criteria.1.label", key: "required" },
        { path: "grid.criteria.0.threshold", key: "thresholdAboveScale" },
        { path: "grid.criteria", key: "weightsNot100" },
        { path: "form", key: "callFormMissing" },
      ]),
    );
    expect(await prisma.call.count({ where: { code: newCode } })).toBe(0);

    const garbage = await postForm(importRoute.action, { code: code(), definition: new File(["{pas du json"], "x.json") }, asStaff());
    expect((await garbage.json()).reply.error).toEqual({ definition: ["importUnreadable"] });
    const foreign = await postForm(importRoute.action, { code: code(), definition: jsonFile({ hello: "world" }) }, asStaff());
    expect((await foreign.json()).problems).toEqual([
      { path: "format", key: "importUnreadable" },
      { path: "version", key: "importUnreadable" },
    ]);
  });
});

describe("the expert's form", () => {
  it("scores a half-point grid in points, with each criterion's levels and threshold rule", async () => {
    const call = await createCall();
    const { user, organization } = await createApplicant();
    const application = await createApplication(call.id, organization.id, user.id, "SUBMITTED");
    const staffPost = (fields: Record<string, string>) => postForm(staffFileRoute.action, fields, { userId: staffId, params: { id: application.id } });
    await staffPost({ intent: "eligibility", eligible: "yes", note: "" });
    await staffPost({ intent: "assign", reviewerId });
    const grid = call.criteria.map((c, i) => ({ id: c.id, label: c.label, weight: String(c.weight), ...(i === 0 ? { threshold: "2,5", levels: "0 : absente\n5 : exemplaire" } : {}) }));
    expect((await postForm(gridRoute.action, gridFields(grid, { overallThreshold: "" }), asStaff({ callId: call.id }))).status).toBe(302);

    const assignment = await prisma.assignment.findFirstOrThrow({ where: { applicationId: application.id } });
    const page = await (await callLoader(reviewRoute.loader, { userId: reviewerId, params: { assignmentId: assignment.id } })).json();
    expect(page.step).toBe(0.5);
    expect(page.criteria[0]).toMatchObject({ scaleMax: 10, threshold: 5, levels: ["0 : absente", "5 : exemplaire"] });

    const scores = Object.fromEntries(call.criteria.flatMap((c) => [[`score_${c.id}`, "5"], [`comment_${c.id}`, "Argumenté"]]));
    const sent = await postForm(reviewRoute.action, { intent: "submit", recommendation: "FUND", ...scores }, { userId: reviewerId, params: { assignmentId: assignment.id } });
    expect(sent.status).toBe(302);
    const stored = await prisma.reviewScore.findMany({ where: { review: { assignmentId: assignment.id } }, select: { score: true } });
    // 5 halves: 2,5 points out of 5.
    expect(stored.map((s) => s.score)).toEqual([5, 5, 5, 5]);
  });
});

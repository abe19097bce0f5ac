import { describe, it, expect } from "vitest";
import { buildDemoData, DEMO_ACCOUNTS, requiredDocuments } from "../../prisma/demo-data";
import { DATAR_CLUSTER_FORM } from "../../prisma/demo-forms";
import { answersSchema, compactAnswers, missingForSubmission, parseFormDefinition, STANDARD_FORM, wellKnownColumns, type Answers } from "~/domain/form-definition";
import { callEligibilityRules, checkEligibility } from "~/domain/eligibility";
import { isValidSiret } from "~/domain/siret";

const NOW = new Date("2026-11-26T10:00:00Z");
const data = buildDemoData(NOW);

function callByCode(code: string) {
  const call = data.calls.find((c) => c.code === code);
  if (!call) throw new Error(`Missing call ${code}`);
  return call;
}

const open = callByCode("GRAPPES-2026");
const decided = callByCode("GRAPPES-2025");

describe("demo data", () => {
  it("gives every organisation a valid and unique SIRET", () => {
    expect(data.organizations.length).toBeGreaterThanOrEqual(40);
    for (const organization of data.organizations) expect(isValidSiret(organization.siret), organization.siret).toBe(true);
    expect(new Set(data.organizations.map((o) => o.siret)).size).toBe(data.organizations.length);
  });

  it("uses unique emails and includes every demo account", () => {
    const emails = data.users.map((u) => u.email);
    expect(new Set(emails).size).toBe(emails.length);
    for (const account of DEMO_ACCOUNTS) expect(emails).toContain(account.email);
    expect(data.users.filter((u) => u.role === "STAFF")).toHaveLength(2);
    expect(data.users.filter((u) => u.role === "REVIEWER")).toHaveLength(8);
  });

  it("gives one owner to each organisation and none to the new applicant", () => {
    expect(new Set(data.memberships.map((m) => m.organizationId)).size).toBe(data.organizations.length);
    const newcomer = data.users.find((u) => u.email === "nouveau@laureat.demo");
    expect(data.memberships.some((m) => m.userId === newcomer?.id)).toBe(false);
  });

  it("weighs each call's criteria to 100", () => {
    for (const call of data.calls) {
      const criteria = data.criteria.filter((c) => c.callId === call.id);
      expect(criteria).toHaveLength(4);
      expect(criteria.reduce((sum, c) => sum + c.weight, 0)).toBe(100);
    }
  });

  it("has the 2026 call open now and the 2025 call closed and decided", () => {
    expect(open.status).toBe("PUBLISHED");
    expect(open.opensAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
    expect(open.closesAt.getTime()).toBeGreaterThan(NOW.getTime());
    expect(decided.status).toBe("ANNOUNCED");
    expect(decided.closesAt.getTime()).toBeLessThan(NOW.getTime());
  });

  it("keeps the laureates' grants within the 2025 envelope", () => {
    const awarded = data.decisions.filter((d) => d.outcome === "LAUREATE").reduce((sum, d) => sum + (d.awardedCents ?? 0), 0);
    expect(awarded).toBeGreaterThan(0);
    expect(BigInt(awarded)).toBeLessThanOrEqual(decided.budgetCents);
  });

  it("numbers receipts in order and counts them on the call", () => {
    for (const call of data.calls) {
      const submitted = data.applications
        .filter((a) => a.callId === call.id && a.submittedAt !== null)
        .sort((a, b) => (a.submittedAt?.getTime() ?? 0) - (b.submittedAt?.getTime() ?? 0));
      expect(call.receiptCounter).toBe(submitted.length);
      expect(submitted.map((a) => a.receiptNumber)).toEqual(
        submitted.map((_, i) => `${call.code}-${String(i + 1).padStart(6, "0")}`),
      );
      for (const application of submitted) expect(application.submittedAt?.getTime()).toBeLessThanOrEqual(call.closesAt.getTime());
    }
  });

  it("leaves the demo applicant free to start a 2026 application", () => {
    const owner = data.users.find((u) => u.email === "grappe@laureat.demo");
    const membership = data.memberships.find((m) => m.userId === owner?.id);
    expect(membership).toBeDefined();
    expect(data.applications.some((a) => a.callId === open.id && a.organizationId === membership?.organizationId)).toBe(false);
  });

  it("is identical for the same now", () => {
    expect(buildDemoData(new Date(NOW))).toEqual(data);
  });
});

describe("demo files filled through their call's form", () => {
  it("gives the open call the cluster form, the decided one the standard form", () => {
    expect(parseFormDefinition(open.formDefinition)).toEqual(DATAR_CLUSTER_FORM);
    expect(parseFormDefinition(decided.formDefinition)).toEqual(STANDARD_FORM);
    expect(open.maxCostShare).toBe(50);
  });

  it("keeps every answer as its form reads it back, drafts included", () => {
    for (const application of data.applications) {
      const call = data.calls.find((c) => c.id === application.callId)!;
      const definition = parseFormDefinition(call.formDefinition);
      const answers = application.answers as Answers;
      expect(compactAnswers(answersSchema(definition).parse(answers)), application.id).toEqual(answers);
      expect(wellKnownColumns(answers).projectTitle).toBe(application.projectTitle);
      expect(wellKnownColumns(answers).requestedCents).toBe(application.requestedCents);
    }
  });

  it("submits only complete and eligible files: each with the documents its form requires", () => {
    const submitted = data.applications.filter((a) => a.status !== "DRAFT");
    expect(submitted.some((a) => a.callId === open.id)).toBe(true);
    for (const application of submitted) {
      const call = data.calls.find((c) => c.id === application.callId)!;
      const definition = parseFormDefinition(call.formDefinition);
      const answers = application.answers as Answers;
      const documents = new Set(requiredDocuments(call).map((d) => d.kind));
      expect(missingForSubmission(definition, answers, documents), application.id).toEqual({});
      const organization = data.organizations.find((o) => o.id === application.organizationId)!;
      const checks = checkEligibility({
        call,
        rules: callEligibilityRules({ eligibleRegions: [], legalForms: [], maxCostShare: call.maxCostShare, eligibilityRules: call.eligibilityRules }),
        organization,
        definition,
        answers,
        attachments: documents,
      });
      expect(checks.filter((c) => c.status !== "met"), application.id).toEqual([]);
    }
    expect(requiredDocuments(open).map((d) => d.kind)).toEqual(["statutes", "membersList", "lastAccounts", "commitmentLetter"]);
    expect(requiredDocuments(decided).map((d) => d.kind)).toEqual(["projectPdf"]);
  });

  it("leaves drafts at different stages, one with a legal form the list does not offer", () => {
    const drafts = data.applications.filter((a) => a.status === "DRAFT" && a.callId === open.id);
    const sizes = new Set(drafts.map((a) => Object.keys(a.answers as Answers).length));
    expect(sizes.size).toBeGreaterThanOrEqual(3);
    const others = data.applications.filter((a) => a.callId === open.id && (a.answers as Answers).legalForm === "autre");
    for (const application of others) expect((application.answers as Answers).legalFormOther).toBeTruthy();
  });
});

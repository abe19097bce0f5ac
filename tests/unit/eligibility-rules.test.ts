import { describe, expect, it } from "vitest";
import { parseFormDefinition } from "~/domain/form-definition";
import {
  checkEligibility,
  eligibilityFailures,
  eligibilityFieldErrors,
  eligibilityRulesProblems,
  callEligibilityRules,
  readFormRules,
  type EligibilityContext,
} from "~/domain/eligibility";

const definition = parseFormDefinition({
  sections: [
    {
      key: "grappe",
      title: "La grappe",
      fields: [
        { key: "members", type: "group", label: "Entreprises membres", fields: [{ key: "name", type: "shortText", label: "Raison sociale" }] },
        { key: "memberCount", type: "integer", label: "Nombre d’entreprises" },
        { key: "requestedAmount", type: "money", label: "Montant demandé" },
        { key: "costs", type: "group", label: "Dépenses", total: "amount", fields: [{ key: "amount", type: "money", label: "Montant" }] },
        { key: "hasPartners", type: "yesNo", label: "Partenaires ?" },
        { key: "statutes", type: "attachment", label: "Statuts", required: true },
        { key: "conventions", type: "attachment", label: "Conventions", required: true, visibleWhen: { field: "hasPartners", equals: "yes" } },
      ],
    },
  ],
});

function context(overrides: Partial<EligibilityContext> = {}): EligibilityContext {
  return {
    call: { minGrantCents: 50_000_00, maxGrantCents: 500_000_00 },
    rules: callEligibilityRules({
      eligibleRegions: ["Grand Est", "Bretagne"],
      legalForms: ["Association loi 1901"],
      maxCostShare: 50,
      eligibilityRules: { minMembers: 3, membersField: "members", costsField: "costs" },
    }),
    organization: { region: "Grand Est", legalForm: "Association loi 1901", membersCount: 40 },
    definition,
    answers: {
      members: [{ name: "A" }, { name: "B" }, { name: "C" }],
      requestedAmount: "100 000",
      costs: [{ amount: "150 000" }, { amount: "50 000" }],
    },
    attachments: new Set(["statutes"]),
    ...overrides,
  };
}

const statusOf = (ctx: EligibilityContext) => Object.fromEntries(checkEligibility(ctx).map((c) => [c.rule, c.status]));

describe("checkEligibility", () => {
  it("all conditions met, in a fixed order", () => {
    const checks = checkEligibility(context());
    expect(checks.map((c) => [c.rule, c.status])).toEqual([
      ["region", "met"],
      ["legalForm", "met"],
      ["members", "met"],
      ["amount", "met"],
      ["share", "met"],
      ["documents", "met"],
    ]);
    expect(eligibilityFailures(checks)).toEqual([]);
  });

  it("region and legal form come from the organisation, with the allowed values to state", () => {
    const checks = checkEligibility(context({ organization: { region: "Corse", legalForm: "Syndicat professionnel", membersCount: 40 } }));
    expect(checks[0]).toEqual({ rule: "region", status: "unmet", params: { region: "Corse", allowed: ["Grand Est", "Bretagne"] } });
    expect(checks[1]).toEqual({ rule: "legalForm", status: "unmet", params: { legalForm: "Syndicat professionnel", allowed: ["Association loi 1901"] } });
  });

  it("members counted from a group's rows, an integer field, or the organisation", () => {
    const base = context();
    expect(checkEligibility({ ...base, answers: { ...base.answers, members: [{ name: "A" }] } })[2]).toEqual({
      rule: "members",
      status: "unmet",
      field: "members",
      params: { min: 3, count: 1 },
    });
    const byField = { ...base, rules: { ...base.rules, membersField: "memberCount" } };
    expect(statusOf({ ...byField, answers: { memberCount: "12" } }).members).toBe("met");
    expect(statusOf({ ...byField, answers: {} }).members).toBe("unknown");
    const byOrganization = { ...base, rules: { ...base.rules, membersField: undefined }, organization: { ...base.organization, membersCount: 2 } };
    expect(statusOf(byOrganization).members).toBe("unmet");
  });

  it("the amount within the call's bounds, with the numbers in cents", () => {
    const base = context();
    const tooHigh = checkEligibility({ ...base, answers: { ...base.answers, requestedAmount: "500 000,01" } })[3];
    expect(tooHigh).toEqual({ rule: "amount", status: "unmet", field: "requestedAmount", params: { min: 50_000_00, max: 500_000_00, amount: 500_000_01 } });
    expect(statusOf({ ...base, answers: { ...base.answers, requestedAmount: "50 000" } }).amount).toBe("met");
    expect(statusOf({ ...base, answers: { ...base.answers, requestedAmount: "49 999,99" } }).amount).toBe("unmet");
    expect(statusOf({ ...base, answers: {} }).amount).toBe("unknown");
  });

  it("the requested share of the eligible costs, compared exactly at the limit", () => {
    const base = context();
    const at = (requestedAmount: string) => checkEligibility({ ...base, answers: { ...base.answers, requestedAmount } })[4]!;
    expect(at("100 000")).toEqual({ rule: "share", status: "met", field: "costs", params: { max: 50, share: 50, total: 200_000_00, amount: 100_000_00, limit: 100_000_00 } });
    expect(at("100 000,01").status).toBe("unmet");
    expect(at("150 000").params.share).toBe(75);
    expect(statusOf({ ...base, answers: { requestedAmount: "100 000" } }).share).toBe("unknown");
  });

  it("documents: every required attachment of a shown field", () => {
    const base = context();
    expect(checkEligibility({ ...base, attachments: new Set() })[5]).toEqual({
      rule: "documents",
      status: "unmet",
      field: "statutes",
      params: { missing: ["Statuts"], count: 1 },
    });
    const withPartners = { ...base, answers: { ...base.answers, hasPartners: "yes" } };
    expect(checkEligibility(withPartners)[5]!.params.missing).toEqual(["Conventions"]);
  });

  it("a call without rules checks only the amount and the documents", () => {
    const none = callEligibilityRules({ eligibleRegions: [], legalForms: [], maxCostShare: null, eligibilityRules: {} });
    const checks = checkEligibility(context({ rules: none }));
    expect(checks.map((c) => c.rule)).toEqual(["amount", "documents"]);
    expect(eligibilityFailures(checkEligibility(context({ rules: none, answers: {} }))).map((c) => c.rule)).toEqual(["amount"]);
  });
});

describe("eligibilityFieldErrors", () => {
  it("puts each failure on the field to change, the organisation's on none", () => {
    const base = context();
    const checks = checkEligibility({
      ...base,
      organization: { ...base.organization, region: "Corse" },
      answers: { members: [{ name: "A" }], requestedAmount: "150 000", costs: [{ amount: "200 000" }] },
      attachments: new Set(),
    });
    expect(eligibilityFieldErrors(checks)).toEqual({ members: "eligibilityMembers", costs: "eligibilityShare", statutes: "required" });
    expect(eligibilityFieldErrors(checkEligibility({ ...base, answers: {} }))).toEqual({ members: "required", requestedAmount: "required", costs: "required" });
  });
});

describe("rules and the form", () => {
  it("refuses fields that cannot count members or costs", () => {
    const rules = { regions: [], legalForms: [], minMembers: 3, membersField: "requestedAmount", maxSharePercent: 50, costsField: "members" };
    expect(eligibilityRulesProblems(rules, definition)).toEqual([
      { path: "membersField", message: "eligibilityFieldUnsuitable" },
      { path: "costsField", message: "eligibilityFieldUnsuitable" },
    ]);
    expect(eligibilityRulesProblems(context().rules, definition)).toEqual([]);
  });

  it("stored rules that do not parse read as none", () => {
    expect(readFormRules({ minMembers: "beaucoup" })).toEqual({});
    expect(readFormRules(null)).toEqual({});
    expect(readFormRules({ minMembers: 5, membersField: "members" })).toEqual({ minMembers: 5, membersField: "members" });
  });
});

import { describe, expect, it } from "vitest";
import {
  assertDecisionsOpen,
  assertLettersOpen,
  callPhase,
  closingInstant,
  nextStatus,
  openingInstant,
  stepRefusals,
  stepsFrom,
  type CallFacts,
} from "~/domain/call-lifecycle";
import { DomainError } from "~/domain/errors";
import { callSchema } from "~/schemas/call";

const closesAt = new Date("2027-04-30T21:59:59Z");
const before = new Date("2027-04-30T21:59:59Z");
const after = new Date("2027-04-30T22:00:00Z");

const ready: CallFacts = {
  status: "DRAFT",
  opensAt: new Date("2027-01-14T23:00:00Z"),
  closesAt,
  budgetCents: 600_000_000,
  minGrantCents: 5_000_000,
  maxGrantCents: 50_000_000,
  hasForm: true,
  criterionWeights: [40, 30, 30],
  undecidedFiles: 0,
  unnotifiedDecisions: 0,
};
const january = new Date("2027-01-10T10:00:00Z");

function refusal(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return error.key;
    throw error;
  }
  return "none";
}

describe("call lifecycle", () => {
  it("reads « closed » from the clock: a published call is open up to its closing second", () => {
    expect(callPhase({ status: "PUBLISHED", closesAt }, before)).toBe("PUBLISHED");
    expect(callPhase({ status: "PUBLISHED", closesAt }, after)).toBe("CLOSED");
    expect(callPhase({ status: "REVIEW", closesAt }, before)).toBe("REVIEW");
  });

  it("publishes a complete draft, and lists every missing part of an incomplete one", () => {
    expect(nextStatus("publish", ready, january)).toBe("PUBLISHED");
    const incomplete = { ...ready, budgetCents: 0, hasForm: false, criterionWeights: [50, 40] };
    expect(stepRefusals("publish", incomplete, january)).toEqual(["callEnvelopeMissing", "callFormMissing", "weightsNot100"]);
    expect(stepRefusals("publish", { ...ready, criterionWeights: [] }, january)).toEqual(["callGridMissing"]);
    expect(stepRefusals("publish", { ...ready, opensAt: closesAt }, january)).toEqual(["callDatesMissing"]);
    expect(stepRefusals("publish", ready, after)).toEqual(["callClosingPassed"]);
    const error = (() => {
      try {
        nextStatus("publish", incomplete, january);
      } catch (e) {
        return e as DomainError;
      }
    })();
    expect(error?.fields).toEqual({ reason0: "callEnvelopeMissing", reason1: "callFormMissing", reason2: "weightsNot100" });
  });

  it("starts the review only once the call has closed, then follows the steps in order", () => {
    const published = { ...ready, status: "PUBLISHED" };
    expect(stepRefusals("startReview", published, before)).toEqual(["callStillOpen"]);
    expect(nextStatus("startReview", published, after)).toBe("REVIEW");
    expect(nextStatus("startDeliberation", { ...ready, status: "REVIEW" }, after)).toBe("DELIBERATION");
    expect(stepRefusals("finalizeDecisions", { ...ready, status: "REVIEW" }, after)).toEqual(["callStepNotNow"]);
    expect(stepRefusals("announce", { ...ready, status: "DELIBERATION" }, after)).toEqual(["callStepNotNow"]);
  });

  it("declares decisions final only when no file awaits one, and announces only when every letter is sent", () => {
    expect(stepRefusals("finalizeDecisions", { ...ready, status: "DELIBERATION", undecidedFiles: 2 }, after)).toEqual(["callFilesUndecided"]);
    expect(nextStatus("finalizeDecisions", { ...ready, status: "DELIBERATION" }, after)).toBe("DECIDED");
    expect(stepRefusals("announce", { ...ready, status: "DECIDED", unnotifiedDecisions: 1 }, after)).toEqual(["callLettersPending"]);
    expect(nextStatus("announce", { ...ready, status: "DECIDED" }, after)).toBe("ANNOUNCED");
  });

  it("archives a draft or an announced call, nothing in between", () => {
    expect(nextStatus("archive", ready, january)).toBe("ARCHIVED");
    expect(nextStatus("archive", { ...ready, status: "ANNOUNCED" }, after)).toBe("ARCHIVED");
    expect(stepRefusals("archive", { ...ready, status: "REVIEW" }, after)).toEqual(["callStepNotNow"]);
  });

  it("offers the buttons of each phase, the published call showing the step its closing opens", () => {
    expect(stepsFrom("DRAFT")).toEqual(["publish", "archive"]);
    expect(stepsFrom("PUBLISHED")).toEqual(["startReview"]);
    expect(stepsFrom("CLOSED")).toEqual(["startReview"]);
    expect(stepsFrom("ANNOUNCED")).toEqual(["archive"]);
    expect(stepsFrom("ARCHIVED")).toEqual([]);
  });

  it("takes decisions from the closing to their declaration as final; letters from the closing on", () => {
    const call = (status: string) => ({ status, closesAt });
    expect(refusal(() => assertDecisionsOpen(call("PUBLISHED"), before))).toBe("callNotClosed");
    expect(refusal(() => assertDecisionsOpen(call("PUBLISHED"), after))).toBe("none");
    expect(refusal(() => assertDecisionsOpen(call("DELIBERATION"), after))).toBe("none");
    expect(refusal(() => assertDecisionsOpen(call("DECIDED"), after))).toBe("decisionsFinal");
    expect(refusal(() => assertLettersOpen(call("PUBLISHED"), before))).toBe("callNotClosed");
    expect(refusal(() => assertLettersOpen(call("DECIDED"), after))).toBe("none");
  });
});

const valid = {
  title: "Grappes 2027",
  code: "grappes-2027",
  summary: "Résumé",
  rules: "## Règles",
  opensOn: "2027-01-15",
  closesOn: "2027-04-30",
  budget: "6 000 000",
  minGrant: "50 000",
  maxGrant: "500 000",
  reviewersPerFile: 2,
  contactEmail: "contact@agence.gouv.fr",
};

function errorsOf(input: Record<string, unknown>) {
  const result = callSchema.safeParse(input);
  return result.success ? {} : result.error.flatten().fieldErrors;
}

describe("call settings schema", () => {
  it("accepts a consistent call and upper-cases its code", () => {
    const result = callSchema.parse(valid);
    expect(result.code).toBe("GRAPPES-2027");
    expect(result.eligibleRegions).toEqual([]);
  });

  it("puts each cross-field rule on the field to change", () => {
    expect(errorsOf({ ...valid, closesOn: "2027-01-14" })).toEqual({ closesOn: ["closingBeforeOpening"] });
    expect(errorsOf({ ...valid, budget: "40 000" })).toEqual({ budget: ["envelopeBelowMinimum"], maxGrant: ["maxGrantAboveEnvelope"] });
    expect(errorsOf({ ...valid, maxGrant: "40 000" })).toEqual({ maxGrant: ["maxGrantBelowMinimum"] });
    expect(errorsOf({ ...valid, maxGrant: "7 000 000" })).toEqual({ maxGrant: ["maxGrantAboveEnvelope"] });
    expect(errorsOf({ ...valid, budget: "0", minGrant: "0", maxGrant: "0" })).toEqual({ budget: ["envelopeEmpty"] });
    expect(errorsOf({ ...valid, reviewDeadlineOn: "2027-04-29" })).toEqual({ reviewDeadlineOn: ["reviewDeadlineBeforeClosing"] });
    expect(errorsOf({ ...valid, reviewDeadlineOn: "2027-05-31", committeeOn: "2027-05-30" })).toEqual({ committeeOn: ["committeeBeforeReviewDeadline"] });
    expect(errorsOf({ ...valid, committeeOn: "2027-04-01" })).toEqual({ committeeOn: ["committeeBeforeClosing"] });
  });

  it("reports the rules between fields together with a refused field", () => {
    expect(errorsOf({ ...valid, title: "", closesOn: "2027-01-14", maxGrant: "7 000 000" })).toEqual({
      title: ["required"],
      closesOn: ["closingBeforeOpening"],
      maxGrant: ["maxGrantAboveEnvelope"],
    });
  });

  it("refuses a malformed code, share, region or contact", () => {
    expect(errorsOf({ ...valid, code: "GRAPPES 2027" })).toEqual({ code: ["callCodeFormat"] });
    expect(errorsOf({ ...valid, maxCostShare: 150 })).toEqual({ maxCostShare: ["numberTooLarge"] });
    expect(errorsOf({ ...valid, eligibleRegions: ["Atlantide"] })).toHaveProperty("eligibleRegions");
    expect(errorsOf({ ...valid, contactEmail: "pas une adresse" })).toEqual({ contactEmail: ["emailInvalid"] });
  });
});

describe("Paris days", () => {
  it("opens at midnight and closes at 23:59:59 Paris time, in winter and in summer", () => {
    expect(openingInstant("2027-01-15").toISOString()).toBe("2027-01-14T23:00:00.000Z");
    expect(closingInstant("2027-01-15").toISOString()).toBe("2027-01-15T22:59:59.000Z");
    expect(closingInstant("2027-04-30").toISOString()).toBe("2027-04-30T21:59:59.000Z");
    // The day summer time starts (28 March 2027) has 23 hours; its end is still 23:59:59 local.
    expect(closingInstant("2027-03-28").toISOString()).toBe("2027-03-28T21:59:59.000Z");
    expect(openingInstant("2027-10-31").toISOString()).toBe("2027-10-30T22:00:00.000Z");
  });
});

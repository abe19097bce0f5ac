import { describe, expect, it } from "vitest";
import {
  applicantVisibleStatus,
  assertSubmittable,
  assertTransition,
  canTransition,
  formatLetterReference,
  formatReceiptNumber,
  isCallOpen,
} from "~/domain/application-status";
import { DomainError } from "~/domain/errors";

const opensAt = new Date("2026-01-05T08:00:00Z");
const closesAt = new Date("2026-04-30T21:59:59Z");
const call = { status: "PUBLISHED", opensAt, closesAt };
const complete = { missing: {}, ineligible: null };
const during = new Date("2026-03-01T10:00:00Z");

/** Runs `fn` and returns the DomainError it throws (fails the test otherwise). */
function domainErrorOf(fn: () => void): DomainError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error("expected a DomainError, nothing was thrown");
}

describe("status transitions", () => {
  it("allows submitting a draft", () => {
    expect(canTransition("DRAFT", "SUBMITTED")).toBe(true);
    expect(() => assertTransition("DRAFT", "SUBMITTED")).not.toThrow();
  });

  it("refuses making a draft a laureate directly", () => {
    expect(canTransition("DRAFT", "LAUREATE")).toBe(false);
    expect(domainErrorOf(() => assertTransition("DRAFT", "LAUREATE")).key).toBe("transitionRefused");
  });

  it("treats a withdrawn file as terminal", () => {
    for (const to of ["DRAFT", "SUBMITTED", "ELIGIBLE", "LAUREATE", "REJECTED"] as const) {
      expect(canTransition("WITHDRAWN", to)).toBe(false);
    }
  });

  it("lets the applicant withdraw a submitted file but not one already found eligible", () => {
    expect(canTransition("SUBMITTED", "WITHDRAWN")).toBe(true);
    expect(canTransition("ELIGIBLE", "WITHDRAWN")).toBe(false);
  });
});

describe("isCallOpen", () => {
  it("is open at the exact closing instant and closed 1 ms later", () => {
    expect(isCallOpen(call, closesAt)).toBe(true);
    expect(isCallOpen(call, new Date(closesAt.getTime() + 1))).toBe(false);
  });

  it("is open from the opening instant, not before", () => {
    expect(isCallOpen(call, opensAt)).toBe(true);
    expect(isCallOpen(call, new Date(opensAt.getTime() - 1))).toBe(false);
  });

  it("is closed while the call is not published", () => {
    expect(isCallOpen({ ...call, status: "DRAFT" }, during)).toBe(false);
  });
});

describe("assertSubmittable", () => {
  it("accepts a complete draft within the window", () => {
    expect(() => assertSubmittable("DRAFT", call, complete, during)).not.toThrow();
  });

  it("refuses after the deadline with deadlinePassed", () => {
    const late = new Date(closesAt.getTime() + 1);
    expect(domainErrorOf(() => assertSubmittable("DRAFT", call, complete, late)).key).toBe("deadlinePassed");
  });

  it("reports what is missing on each field, before any eligibility condition", () => {
    const error = domainErrorOf(() => assertSubmittable("DRAFT", call, { missing: { summary: "required", projectPdf: "required" }, ineligible: { requestedAmount: "eligibilityAmount" } }, during));
    expect(error.key).toBe("incomplete");
    expect(error.fields).toEqual({ summary: "required", projectPdf: "required" });
  });

  it("refuses a complete file that does not meet the call's conditions", () => {
    const error = domainErrorOf(() => assertSubmittable("DRAFT", call, { missing: {}, ineligible: { requestedAmount: "eligibilityAmount" } }, during));
    expect(error.key).toBe("ineligible");
    expect(error.fields).toEqual({ requestedAmount: "eligibilityAmount" });
    expect(domainErrorOf(() => assertSubmittable("DRAFT", call, { missing: {}, ineligible: {} }, during)).key).toBe("ineligible");
  });

  it("checks the deadline before completeness", () => {
    const late = new Date(closesAt.getTime() + 1);
    expect(domainErrorOf(() => assertSubmittable("DRAFT", call, { missing: { summary: "required" }, ineligible: null }, late)).key).toBe("deadlinePassed");
  });

  it("refuses submitting a file that is not a draft", () => {
    expect(domainErrorOf(() => assertSubmittable("SUBMITTED", call, complete, during)).key).toBe("transitionRefused");
  });
});

describe("references", () => {
  it("formats the receipt number with a six-digit counter", () => {
    expect(formatReceiptNumber("GRAPPES-2026", 42)).toBe("GRAPPES-2026-000042");
  });

  it("formats the letter reference with a D marker", () => {
    expect(formatLetterReference("GRAPPES-2026", 12)).toBe("GRAPPES-2026-D-000012");
  });
});

describe("applicantVisibleStatus", () => {
  it("shows draft, submitted and withdrawn as they are", () => {
    for (const status of ["DRAFT", "SUBMITTED", "WITHDRAWN"] as const) {
      expect(applicantVisibleStatus(status, false)).toBe(status);
    }
  });

  it("hides the committee's work and decisions until notified", () => {
    for (const status of ["ELIGIBLE", "UNDER_REVIEW", "REVIEWED", "LAUREATE", "WAITLISTED", "REJECTED"] as const) {
      expect(applicantVisibleStatus(status, false)).toBe("IN_PROGRESS");
    }
  });

  it("reveals the decision once notified", () => {
    for (const status of ["LAUREATE", "WAITLISTED", "REJECTED"] as const) {
      expect(applicantVisibleStatus(status, true)).toBe(status);
    }
  });

  it("never reveals internal review stages, even once notified", () => {
    expect(applicantVisibleStatus("ELIGIBLE", true)).toBe("IN_PROGRESS");
    expect(applicantVisibleStatus("UNDER_REVIEW", true)).toBe("IN_PROGRESS");
  });
});

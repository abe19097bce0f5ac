import { describe, expect, it } from "vitest";
import { RGAA_CRITERIA, type CriterionStatus } from "~/content/rgaa-criteria";
import { summarizeConformity } from "~/domain/accessibility-status";

const criteria = (counts: Partial<Record<CriterionStatus, number>>) =>
  (Object.entries(counts) as [CriterionStatus, number][]).flatMap(([status, n]) => Array.from({ length: n }, () => ({ status })));

describe("accessibility conformity", () => {
  it("is total only when every applicable criterion is met", () => {
    expect(summarizeConformity(criteria({ C: 60, NA: 46 }))).toMatchObject({ level: "full", rate: 100 });
    expect(summarizeConformity(criteria({ C: 59, NC: 1, NA: 46 }))).toMatchObject({ level: "partial", rate: 98 });
  });

  it("is partial from half of the applicable criteria, none below, not applicable ones left out", () => {
    expect(summarizeConformity(criteria({ C: 30, NC: 30, NA: 46 }))).toMatchObject({ level: "partial", rate: 50 });
    expect(summarizeConformity(criteria({ C: 29, NC: 31, NA: 46 }))).toMatchObject({ level: "none", rate: 48 });
    expect(summarizeConformity(criteria({ NA: 106 }))).toMatchObject({ level: "none", rate: 0 });
  });

  it("covers the 106 RGAA 4.1 criteria once each, with a reason and a plan for each one not met", () => {
    expect(new Set(RGAA_CRITERIA.map((c) => c.number)).size).toBe(106);
    for (const criterion of RGAA_CRITERIA.filter((c) => c.status === "NC")) {
      expect(criterion.note?.fr, criterion.number).toBeTruthy();
      expect(criterion.plan?.en, criterion.number).toBeTruthy();
    }
    const summary = summarizeConformity(RGAA_CRITERIA);
    expect(summary.met + summary.notMet + summary.notApplicable).toBe(106);
  });
});

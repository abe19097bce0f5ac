import type { CriterionStatus } from "~/content/rgaa-criteria";

export type ConformityLevel = "full" | "partial" | "none";

export interface ConformitySummary {
  met: number;
  notMet: number;
  notApplicable: number;
  /** Share of applicable criteria met, in whole percent (RGAA method: C / (C + NC)). */
  rate: number;
  level: ConformityLevel;
}

/**
 * The RGAA's rule for the statement: "totalement conforme" when every applicable criterion is
 * met, "partiellement conforme" from half of them, "non conforme" below half.
 */
export function summarizeConformity(criteria: readonly { status: CriterionStatus }[]): ConformitySummary {
  const met = criteria.filter((c) => c.status === "C").length;
  const notMet = criteria.filter((c) => c.status === "NC").length;
  const notApplicable = criteria.length - met - notMet;
  const applicable = met + notMet;
  const rate = applicable === 0 ? 0 : Math.floor((met / applicable) * 100);
  const level: ConformityLevel = applicable > 0 && notMet === 0 ? "full" : applicable > 0 && met * 2 >= applicable ? "partial" : "none";
  return { met, notMet, notApplicable, rate, level };
}

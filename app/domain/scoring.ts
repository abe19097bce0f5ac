import { DomainError } from "~/domain/errors";

/** Files at these statuses have reached the reviewers and stand in the committee's ranking. */
export const RANKED_STATUSES = ["UNDER_REVIEW", "REVIEWED", "LAUREATE", "WAITLISTED", "REJECTED"] as const;

export function isRanked(status: string): boolean {
  return (RANKED_STATUSES as readonly string[]).includes(status);
}

export interface CriterionSpec {
  id: string;
  weight: number;
  scaleMax: number;
  threshold: number | null;
}

export interface CriterionScore {
  criterionId: string;
  score: number;
}

export function assertScoreInScale(score: number, criterion: CriterionSpec): void {
  if (!Number.isInteger(score) || score < 0 || score > criterion.scaleMax) {
    throw new DomainError("scoreOutOfScale", `score_${criterion.id}`);
  }
}

/** Weighted mean of one review, on the criteria's own scale (0–5 by default). */
export function weightedScore(scores: CriterionScore[], criteria: CriterionSpec[]): number {
  let total = 0;
  let weights = 0;
  for (const criterion of criteria) {
    const entry = scores.find((s) => s.criterionId === criterion.id);
    if (!entry) continue;
    total += (entry.score / criterion.scaleMax) * 5 * criterion.weight;
    weights += criterion.weight;
  }
  return weights === 0 ? 0 : total / weights;
}

export interface ApplicationScores {
  applicationId: string;
  requestedCents: number;
  submittedAt: Date;
  reviews: CriterionScore[][];
}

export interface RankedApplication {
  applicationId: string;
  reviewCount: number;
  average: number | null;
  criterionAverages: Record<string, number>;
  meetsThresholds: boolean;
  /** Gap between the highest and the lowest review's weighted score, on the 0–5 scale. */
  divergence: number;
  rank: number | null;
  /** Shares its average and threshold status with another ranked file: « ex æquo ». */
  tied: boolean;
  cumulativeCents: number;
  withinEnvelope: boolean;
}

/** Reviews of one file this far apart (out of 5) call for the committee's attention. */
export const DIVERGENCE_GAP = 1.5;

/** An exact fraction: float sums of thirds and the like would round 3.675 down to 3.67. */
interface Fraction {
  num: bigint;
  den: bigint;
}

/**
 * Every criterion's scale divides this, so a review's weighted score is a fraction of integers
 * (the ranking query uses the same multiplier to stay exact in SQL).
 */
export function commonScale(criteria: Pick<CriterionSpec, "scaleMax">[]): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  return criteria.reduce((lcm, c) => (lcm * c.scaleMax) / gcd(lcm, c.scaleMax), 1);
}

function reviewFraction(scores: CriterionScore[], criteria: CriterionSpec[], scale: number): Fraction {
  let num = 0;
  let weights = 0;
  for (const criterion of criteria) {
    const entry = scores.find((s) => s.criterionId === criterion.id);
    if (!entry) continue;
    num += entry.score * 5 * criterion.weight * (scale / criterion.scaleMax);
    weights += criterion.weight;
  }
  return weights === 0 ? { num: 0n, den: 1n } : { num: BigInt(num), den: BigInt(weights * scale) };
}

const add = (a: Fraction, b: Fraction): Fraction => ({ num: a.num * b.den + b.num * a.den, den: a.den * b.den });
const compare = (a: Fraction, b: Fraction) => a.num * b.den - b.num * a.den;

/** Rounded half up to 2 decimals, exactly (scores are never negative). */
function round2(value: Fraction): number {
  return Number((200n * value.num + value.den) / (2n * value.den)) / 100;
}

function mean(values: Fraction[]): Fraction {
  const sum = values.reduce(add, { num: 0n, den: 1n });
  return { num: sum.num, den: sum.den * BigInt(values.length) };
}

/**
 * Orders files for the committee: files meeting every criterion threshold first, by weighted
 * average (rounded to 2 decimals so equal files tie), ties broken by earlier submission, then by
 * id so that the order never depends on how the files were read; files without any review come
 * last, unranked, in order of submission. The envelope is filled in that order.
 */
export interface RankingRules {
  /**
   * Minimum average of a file, in the units criteria are scored in (`units` out of `scaleUnits`:
   * 7 out of 10 is 3.5 on a 0–5 scale in half points); null for none.
   */
  overallThreshold?: { units: number; scaleUnits: number } | null;
  /**
   * EARLIER_SUBMISSION: tied files are ranked by submission. COMMITTEE: tied files share one
   * rank, the committee orders them (the envelope still fills them by submission).
   */
  tieBreak?: "EARLIER_SUBMISSION" | "COMMITTEE";
}

/** The call's columns as the ranking reads them. */
export function rankingRulesOf(call: { overallThreshold: number | null; scoreScale: number; halfPoints: boolean; tieBreak: string }): RankingRules {
  return {
    overallThreshold:
      call.overallThreshold === null ? null : { units: call.overallThreshold, scaleUnits: call.scoreScale * (call.halfPoints ? 2 : 1) },
    tieBreak: call.tieBreak === "COMMITTEE" ? "COMMITTEE" : "EARLIER_SUBMISSION",
  };
}

export function rankApplications(
  applications: ApplicationScores[],
  criteria: CriterionSpec[],
  envelopeCents: number,
  rules: RankingRules = {},
): RankedApplication[] {
  const overall = rules.overallThreshold ?? null;
  const scale = commonScale(criteria);
  const scored = applications.map((app) => {
    const criterionAverages: Record<string, number> = {};
    for (const criterion of criteria) {
      const values = app.reviews.flatMap((r) => r.filter((s) => s.criterionId === criterion.id).map((s) => s.score));
      if (values.length) {
        criterionAverages[criterion.id] = round2({ num: BigInt(values.reduce((a, b) => a + b, 0)), den: BigInt(values.length) });
      }
    }
    const reviewScores = app.reviews.map((r) => reviewFraction(r, criteria, scale));
    const average = reviewScores.length ? round2(mean(reviewScores)) : null;
    const sorted = [...reviewScores].sort((a, b) => Number(compare(a, b)));
    const divergence = sorted.length
      ? round2(add(sorted.at(-1)!, { num: -sorted[0]!.num, den: sorted[0]!.den }))
      : 0;
    // The average on 0–5 (to the hundredth) against units/scaleUnits of 5, in integers.
    const meetsThresholds =
      average !== null &&
      criteria.every((c) => c.threshold === null || (criterionAverages[c.id] ?? 0) >= c.threshold) &&
      (overall === null || Math.round(average * 100) * overall.scaleUnits >= overall.units * 500);
    return { app, average, criterionAverages, meetsThresholds, divergence };
  });

  const bySubmission = (a: (typeof scored)[number], b: (typeof scored)[number]) =>
    a.app.submittedAt.getTime() - b.app.submittedAt.getTime() ||
    (a.app.applicationId < b.app.applicationId ? -1 : a.app.applicationId > b.app.applicationId ? 1 : 0);
  scored.sort((a, b) => {
    if (a.average === null || b.average === null) {
      if (a.average !== b.average) return a.average === null ? 1 : -1;
      return bySubmission(a, b);
    }
    if (a.meetsThresholds !== b.meetsThresholds) return a.meetsThresholds ? -1 : 1;
    if (a.average !== b.average) return b.average - a.average;
    return bySubmission(a, b);
  });

  const sameStanding = (a: (typeof scored)[number] | undefined, b: (typeof scored)[number] | undefined) =>
    a !== undefined && b !== undefined && a.average !== null && a.average === b.average && a.meetsThresholds === b.meetsThresholds;
  let cumulative = 0;
  let rank = 0;
  return scored.map((entry, index) => {
    const ranked = entry.average !== null;
    const tiedWithPrevious = sameStanding(scored[index - 1], entry);
    // Competition ranking under the committee's rule (1, 2, 2, 4); one rank per file otherwise.
    if (ranked) rank = rules.tieBreak === "COMMITTEE" && tiedWithPrevious ? rank : index + 1;
    const eligibleForFunding = ranked && entry.meetsThresholds;
    const fits = eligibleForFunding && cumulative + entry.app.requestedCents <= envelopeCents;
    if (fits) cumulative += entry.app.requestedCents;
    return {
      applicationId: entry.app.applicationId,
      reviewCount: entry.app.reviews.length,
      average: entry.average,
      criterionAverages: entry.criterionAverages,
      meetsThresholds: entry.meetsThresholds,
      divergence: entry.divergence,
      rank: ranked ? rank : null,
      tied: tiedWithPrevious || sameStanding(entry, scored[index + 1]),
      cumulativeCents: cumulative,
      withinEnvelope: fits,
    };
  });
}

/** Laureates' grants may never exceed the call's envelope. */
export function assertWithinEnvelope(alreadyAwardedCents: number, awardCents: number, envelopeCents: number): void {
  if (alreadyAwardedCents + awardCents > envelopeCents) throw new DomainError("envelopeExceeded", "awardedAmount");
}

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
  tiedWithPrevious: boolean;
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
export function rankApplications(
  applications: ApplicationScores[],
  criteria: CriterionSpec[],
  envelopeCents: number,
): RankedApplication[] {
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
    const meetsThresholds =
      average !== null &&
      criteria.every((c) => c.threshold === null || (criterionAverages[c.id] ?? 0) >= c.threshold);
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

  let cumulative = 0;
  let rank = 0;
  let previous: (typeof scored)[number] | undefined;
  return scored.map((entry) => {
    const ranked = entry.average !== null;
    const tiedWithPrevious =
      ranked && previous?.average === entry.average && previous.meetsThresholds === entry.meetsThresholds;
    if (ranked) rank += 1;
    const eligibleForFunding = ranked && entry.meetsThresholds;
    const fits = eligibleForFunding && cumulative + entry.app.requestedCents <= envelopeCents;
    if (fits) cumulative += entry.app.requestedCents;
    previous = entry;
    return {
      applicationId: entry.app.applicationId,
      reviewCount: entry.app.reviews.length,
      average: entry.average,
      criterionAverages: entry.criterionAverages,
      meetsThresholds: entry.meetsThresholds,
      divergence: entry.divergence,
      rank: ranked ? rank : null,
      tiedWithPrevious,
      cumulativeCents: cumulative,
      withinEnvelope: fits,
    };
  });
}

/** Laureates' grants may never exceed the call's envelope. */
export function assertWithinEnvelope(alreadyAwardedCents: number, awardCents: number, envelopeCents: number): void {
  if (alreadyAwardedCents + awardCents > envelopeCents) throw new DomainError("envelopeExceeded", "awardedAmount");
}

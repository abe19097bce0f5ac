import { DomainError } from "~/domain/errors";

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
  rank: number | null;
  tiedWithPrevious: boolean;
  cumulativeCents: number;
  withinEnvelope: boolean;
}

function round2(value: number) {
  return Math.round(value * 100) / 100;
}

/**
 * Orders files for the committee: files meeting every criterion threshold first, by weighted
 * average (rounded to 2 decimals so equal files tie), ties broken by earlier submission; files
 * without any review come last, unranked. The envelope is filled in that order.
 */
export function rankApplications(
  applications: ApplicationScores[],
  criteria: CriterionSpec[],
  envelopeCents: number,
): RankedApplication[] {
  const scored = applications.map((app) => {
    const criterionAverages: Record<string, number> = {};
    for (const criterion of criteria) {
      const values = app.reviews.flatMap((r) => r.filter((s) => s.criterionId === criterion.id).map((s) => s.score));
      if (values.length) criterionAverages[criterion.id] = round2(values.reduce((a, b) => a + b, 0) / values.length);
    }
    const average = app.reviews.length
      ? round2(app.reviews.reduce((sum, r) => sum + weightedScore(r, criteria), 0) / app.reviews.length)
      : null;
    const meetsThresholds =
      average !== null &&
      criteria.every((c) => c.threshold === null || (criterionAverages[c.id] ?? 0) >= c.threshold);
    return { app, average, criterionAverages, meetsThresholds };
  });

  scored.sort((a, b) => {
    if (a.average === null || b.average === null) return a.average === null ? (b.average === null ? 0 : 1) : -1;
    if (a.meetsThresholds !== b.meetsThresholds) return a.meetsThresholds ? -1 : 1;
    if (a.average !== b.average) return b.average - a.average;
    return a.app.submittedAt.getTime() - b.app.submittedAt.getTime();
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

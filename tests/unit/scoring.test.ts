import { describe, expect, it } from "vitest";
import { DomainError } from "~/domain/errors";
import {
  assertScoreInScale,
  assertWithinEnvelope,
  rankApplications,
  weightedScore,
  type ApplicationScores,
  type CriterionSpec,
} from "~/domain/scoring";

const criteria: CriterionSpec[] = [
  { id: "relevance", weight: 30, scaleMax: 5, threshold: 3 },
  { id: "quality", weight: 30, scaleMax: 5, threshold: null },
  { id: "impact", weight: 25, scaleMax: 5, threshold: null },
  { id: "budget", weight: 15, scaleMax: 5, threshold: null },
];

/** One review giving the same order of scores as `criteria`. */
const review = (relevance: number, quality: number, impact: number, budget: number) =>
  [
    { criterionId: "relevance", score: relevance },
    { criterionId: "quality", score: quality },
    { criterionId: "impact", score: impact },
    { criterionId: "budget", score: budget },
  ];

const file = (id: string, reviews: ReturnType<typeof review>[], requestedCents = 100_000, day = 1): ApplicationScores => ({
  applicationId: id,
  requestedCents,
  submittedAt: new Date(Date.UTC(2026, 3, day, 10)),
  reviews,
});

const ids = (ranked: { applicationId: string }[]) => ranked.map((r) => r.applicationId);

describe("weightedScore", () => {
  it("weights the criteria 30/30/25/15", () => {
    // (5×30 + 4×30 + 3×25 + 2×15) / 100
    expect(weightedScore(review(5, 4, 3, 2), criteria)).toBeCloseTo(3.75);
  });

  it("gives the plain score when every criterion has the same mark", () => {
    expect(weightedScore(review(4, 4, 4, 4), criteria)).toBeCloseTo(4);
  });

  it("is 0 for an empty review", () => {
    expect(weightedScore([], criteria)).toBe(0);
  });
});

describe("rankApplications", () => {
  it("orders files by their average, best first, with ranks 1, 2, 3", () => {
    const ranked = rankApplications(
      [file("low", [review(3, 3, 3, 3)]), file("high", [review(5, 5, 5, 5)]), file("mid", [review(4, 4, 4, 4), review(4, 4, 4, 4)])],
      criteria,
      10_000_000,
    );
    expect(ids(ranked)).toEqual(["high", "mid", "low"]);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 3]);
    expect(ranked.map((r) => r.average)).toEqual([5, 4, 3]);
    expect(ranked[1]?.reviewCount).toBe(2);
  });

  it("averages several reviews of the same file", () => {
    const [only] = rankApplications([file("a", [review(5, 5, 5, 5), review(3, 3, 3, 3)])], criteria, 10_000_000);
    expect(only?.average).toBe(4);
    expect(only?.criterionAverages).toEqual({ relevance: 4, quality: 4, impact: 4, budget: 4 });
  });

  it("ranks a file failing a criterion threshold after every passing file, even with a higher average", () => {
    const ranked = rankApplications(
      [file("brilliant-but-off-topic", [review(2, 5, 5, 5)]), file("modest", [review(3, 3, 3, 3)])],
      criteria,
      10_000_000,
    );
    expect(ids(ranked)).toEqual(["modest", "brilliant-but-off-topic"]);
    expect(ranked[1]?.meetsThresholds).toBe(false);
    expect(ranked[1]?.withinEnvelope).toBe(false);
  });

  it("orders files with the same rounded average by earlier submission and marks every one of them ex aequo", () => {
    const ranked = rankApplications(
      [file("later", [review(4, 4, 4, 4)], 100_000, 20), file("first", [review(5, 5, 5, 5)]), file("earlier", [review(4, 4, 4, 4)], 100_000, 3)],
      criteria,
      10_000_000,
    );
    expect(ids(ranked)).toEqual(["first", "earlier", "later"]);
    expect(ranked.map((r) => r.tied)).toEqual([false, true, true]);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 3]);
  });

  it("gives tied files one rank when the committee breaks ties, the next file the rank after them all", () => {
    const ranked = rankApplications(
      [file("a", [review(5, 5, 5, 5)]), file("b", [review(4, 4, 4, 4)], 100_000, 2), file("c", [review(4, 4, 4, 4)], 100_000, 3), file("d", [review(3, 3, 3, 3)])],
      criteria,
      10_000_000,
      { tieBreak: "COMMITTEE" },
    );
    expect(ids(ranked)).toEqual(["a", "b", "c", "d"]);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 2, 4]);
    expect(ranked.map((r) => r.tied)).toEqual([false, true, true, false]);
  });

  it("holds files below the overall threshold out of funding, counted in the grid's units", () => {
    // 3.5 out of 5, typed in half points: 7 units out of 10.
    const rules = { overallThreshold: { units: 7, scaleUnits: 10 } };
    const ranked = rankApplications(
      [file("below", [review(4, 4, 3, 2)]), file("exactly", [review(4, 4, 3, 2), review(4, 3, 4, 3)]), file("above", [review(4, 4, 4, 4)])],
      criteria,
      10_000_000,
      rules,
    );
    expect(ranked.map((r) => [r.applicationId, r.average, r.meetsThresholds, r.withinEnvelope])).toEqual([
      ["above", 4, true, true],
      ["exactly", 3.5, true, true],
      ["below", 3.45, false, false],
    ]);
  });

  it("treats averages equal once rounded to 2 decimals as a tie, decided by submission date", () => {
    const grid: CriterionSpec[] = [
      { id: "x", weight: 67, scaleMax: 5, threshold: null },
      { id: "y", weight: 33, scaleMax: 5, threshold: null },
    ];
    const scores = (x: number, y: number) => [
      { criterionId: "x", score: x },
      { criterionId: "y", score: y },
    ];
    // Exactly 3.33, submitted first; versus (3 + 4 + 3) / 3 = 3.333…, submitted later.
    const exact = { ...file("exact", [], 100_000, 1), reviews: [scores(3, 4)] };
    const thirds = { ...file("thirds", [], 100_000, 9), reviews: [scores(3, 3), scores(4, 4), scores(3, 3)] };
    const ranked = rankApplications([thirds, exact], grid, 10_000_000);
    expect(ids(ranked)).toEqual(["exact", "thirds"]);
    expect(ranked.map((r) => r.average)).toEqual([3.33, 3.33]);
    expect(ranked.map((r) => r.tied)).toEqual([true, true]);
  });

  it("does not flag distinct averages as tied", () => {
    const ranked = rankApplications([file("a", [review(5, 5, 5, 5)]), file("b", [review(4, 4, 4, 4)])], criteria, 10_000_000);
    expect(ranked.map((r) => r.tied)).toEqual([false, false]);
  });

  it("puts files without any review last, unranked and outside the envelope", () => {
    const ranked = rankApplications(
      [file("unreviewed", []), file("failing", [review(1, 1, 1, 1)]), file("reviewed", [review(3, 3, 3, 3)])],
      criteria,
      10_000_000,
    );
    expect(ids(ranked)).toEqual(["reviewed", "failing", "unreviewed"]);
    expect(ranked[2]).toMatchObject({ rank: null, average: null, reviewCount: 0, withinEnvelope: false, tied: false });
  });

  it("fills the envelope in ranking order with a running total", () => {
    const ranked = rankApplications(
      [file("first", [review(5, 5, 5, 5)], 400_000), file("second", [review(4, 4, 4, 4)], 500_000), file("third", [review(3, 3, 3, 3)], 200_000)],
      criteria,
      1_000_000,
    );
    expect(ranked.map((r) => r.withinEnvelope)).toEqual([true, true, false]);
    expect(ranked.map((r) => r.cumulativeCents)).toEqual([400_000, 900_000, 900_000]);
  });

  it("skips a file that does not fit and still funds a smaller one ranked after it", () => {
    const ranked = rankApplications(
      [file("first", [review(5, 5, 5, 5)], 600_000), file("too-big", [review(4, 4, 4, 4)], 500_000), file("small", [review(3, 3, 3, 3)], 300_000)],
      criteria,
      1_000_000,
    );
    expect(ids(ranked)).toEqual(["first", "too-big", "small"]);
    expect(ranked.map((r) => r.withinEnvelope)).toEqual([true, false, true]);
    expect(ranked.map((r) => r.cumulativeCents)).toEqual([600_000, 600_000, 900_000]);
  });

  it("rounds an average halfway between two hundredths up, as written, not as floats would", () => {
    const grid: CriterionSpec[] = [{ id: "x", weight: 1, scaleMax: 5, threshold: null }];
    // (4 + 3 + 4 + 4 + 3 + 4 + 4 + 3 + 4 + 4 + 3 + 4 + …) over 40 reviews = 3.675; 3.675 × 100 is 367.4999… in floats.
    const reviews = Array.from({ length: 40 }, (_, i) => [{ criterionId: "x", score: i < 27 ? 4 : 3 }]);
    const [only] = rankApplications([{ ...file("a", []), reviews }], grid, 10_000_000);
    expect(only?.average).toBe(3.68);
    expect(only?.criterionAverages).toEqual({ x: 3.68 });
  });

  it("measures how far the reviews of a file diverge", () => {
    const [split, agreed] = rankApplications(
      [file("split", [review(5, 5, 5, 5), review(2, 2, 2, 2), review(4, 4, 4, 4)]), file("agreed", [review(3, 3, 3, 3), review(3, 3, 3, 3)], 100_000, 2)],
      criteria,
      10_000_000,
    );
    expect(split).toMatchObject({ applicationId: "split", divergence: 3 });
    expect(agreed).toMatchObject({ applicationId: "agreed", divergence: 0 });
  });

  it("weighs a criterion on another scale as its share of that scale", () => {
    const grid: CriterionSpec[] = [
      { id: "five", weight: 50, scaleMax: 5, threshold: null },
      { id: "ten", weight: 50, scaleMax: 10, threshold: null },
    ];
    const [only] = rankApplications(
      [{ ...file("a", []), reviews: [[{ criterionId: "five", score: 4 }, { criterionId: "ten", score: 7 }]] }],
      grid,
      10_000_000,
    );
    expect(only?.average).toBe(3.75);
    expect(only?.criterionAverages).toEqual({ five: 4, ten: 7 });
  });

  it("orders files without any review by submission", () => {
    const ranked = rankApplications([file("late", [], 100_000, 9), file("early", [], 100_000, 2)], criteria, 10_000_000);
    expect(ids(ranked)).toEqual(["early", "late"]);
  });

  it("funds a file whose grant fills the envelope exactly", () => {
    const [only] = rankApplications([file("exact", [review(4, 4, 4, 4)], 1_000_000)], criteria, 1_000_000);
    expect(only?.withinEnvelope).toBe(true);
  });
});

describe("assertWithinEnvelope", () => {
  it("accepts an award up to the envelope", () => {
    expect(() => assertWithinEnvelope(600_000, 400_000, 1_000_000)).not.toThrow();
  });

  it("refuses an award exceeding the envelope with envelopeExceeded", () => {
    expect(() => assertWithinEnvelope(600_000, 400_001, 1_000_000)).toThrow(
      expect.objectContaining({ key: "envelopeExceeded", field: "awardedAmount" }),
    );
    expect(() => assertWithinEnvelope(600_000, 400_001, 1_000_000)).toThrow(DomainError);
  });
});

describe("assertScoreInScale", () => {
  const relevance = criteria[0]!;

  it.each([-1, 6, 2.5])("refuses %s on a 0–5 scale", (score) => {
    expect(() => assertScoreInScale(score, relevance)).toThrow(
      expect.objectContaining({ key: "scoreOutOfScale", field: "score_relevance" }),
    );
  });

  it.each([0, 1, 2, 3, 4, 5])("accepts %i on a 0–5 scale", (score) => {
    expect(() => assertScoreInScale(score, relevance)).not.toThrow();
  });
});

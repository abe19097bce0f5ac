/**
 * In-process timings of work that costs CPU whatever the database: a decision letter, the
 * ranking arithmetic over 2,000 files, a login's password hash. Each runs `iterations` times
 * after a few untimed calls; a line fails when its p95 exceeds its target.
 */
import { hashPassword } from "~/auth/password.server";
import { rankApplications, type ApplicationScores, type CriterionSpec } from "~/domain/scoring";
import { renderDecisionLetter } from "~/pdf/decision-letter.server";
import { sampleLetterInput } from "../support/letter-input";
import { percentile } from "./stats";

// p95 per call, ms: about 3× the worst of five runs on the reference machine (2 cores, Node
// 20.20, 2026-11-26), so that a failure points to a regression rather than noise.
const TARGETS = {
  letter: 30, // 4.8–10.5
  rank2000: 35, // 6.0–11.6
  passwordHash: 50, // 5.8–16.9
};

const WARMUP = 3;

export interface MicroResult {
  name: string;
  iterations: number;
  p50Ms: number;
  p95Ms: number;
  targetMs: number;
  ok: boolean;
}

async function measure(name: string, iterations: number, fn: () => unknown, targetMs: number): Promise<MicroResult> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  const p95Ms = percentile(samples, 0.95);
  return { name, iterations, p50Ms: percentile(samples, 0.5), p95Ms, targetMs, ok: p95Ms <= targetMs };
}

/** 2,000 files, 3 reviews each on 4 criteria, from a fixed sequence so runs stay comparable. */
function syntheticFiles(count: number): { files: ApplicationScores[]; criteria: CriterionSpec[] } {
  let seed = 42;
  const randomInt = (min: number, max: number) => min + Math.floor(((seed = (seed * 48271) % 2147483647) / 2147483647) * (max - min + 1));
  const criteria = [30, 30, 25, 15].map((weight, i) => ({ id: `c${i + 1}`, weight, scaleMax: 5, threshold: i === 0 ? 2 : null }));
  const files = Array.from({ length: count }, (_, i) => ({
    applicationId: `app-${i}`,
    requestedCents: randomInt(50_000, 500_000) * 100,
    submittedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
    reviews: Array.from({ length: 3 }, () => criteria.map((c) => ({ criterionId: c.id, score: randomInt(0, 5) }))),
  }));
  return { files, criteria };
}

export async function runMicroBenchmarks(): Promise<MicroResult[]> {
  const letter = sampleLetterInput("LAUREATE");
  const synthetic = syntheticFiles(2000);
  return [
    await measure("Decision letter PDF (1 page)", 200, () => renderDecisionLetter(letter), TARGETS.letter),
    await measure("rankApplications, 2,000 files × 3 reviews", 100, () => rankApplications(synthetic.files, synthetic.criteria, 3_000_000_00), TARGETS.rank2000),
    await measure("hashPassword (argon2id, login cost)", 50, () => hashPassword("correct horse battery staple"), TARGETS.passwordHash),
  ];
}

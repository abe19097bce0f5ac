import { randomUUID } from "node:crypto";
import { prisma } from "~/db.server";
import { RANKED_STATUSES } from "~/domain/scoring";
import { Random } from "../../prisma/demo-data";
import { createCall, createUser } from "./factories";

const REGIONS = ["Bretagne", "Grand Est", "Occitanie", "Hauts-de-France", "Normandie"];

export interface RankedCallOptions {
  files: number;
  reviewsPerFile: number;
  seed: number;
  budgetCents?: bigint;
  /** Files submitted at the very same instant, to exercise the last tie-break. */
  sameInstantEvery?: number;
}

/**
 * A call whose files went through review, written in bulk: files at every ranked status, some
 * without a submitted review, a draft review here and there, scores drawn from the seed (often
 * equal, so that averages tie), a criterion on a 0–10 scale and two thresholds.
 */
export async function createRankedCall({ files, reviewsPerFile, seed, budgetCents = 300_000_000n, sameInstantEvery = 7 }: RankedCallOptions) {
  const random = new Random(seed);
  const pick = <T,>(values: readonly T[]) => random.pick(values);
  const call = await createCall({ budgetCents });
  await prisma.criterion.update({ where: { id: call.criteria[2]!.id }, data: { scaleMax: 10, threshold: 4 } });
  const criteria = await prisma.criterion.findMany({ where: { callId: call.id }, orderBy: { position: "asc" } });
  const owner = await createUser("APPLICANT");
  const reviewers = await Promise.all(Array.from({ length: reviewsPerFile }, () => createUser("REVIEWER")));
  const staff = await createUser("STAFF");

  const base = Date.UTC(2026, 3, 1, 8);
  const organizations = Array.from({ length: files }, (_, i) => ({
    id: randomUUID(),
    legalName: `Grappe ${pick(["Bois", "Textile", "Numérique", "Agro"])} ${String(i).padStart(4, "0")}`,
    siret: `${seed}`.padStart(6, "0").slice(-6) + String(i).padStart(8, "0"),
    legalForm: "Association loi 1901",
    addressLine: "1 rue de la Gare",
    postalCode: "88000",
    city: "Épinal",
    region: pick(REGIONS),
    sector: "Industrie",
    membersCount: 20,
  }));
  await prisma.organization.createMany({ data: organizations });
  const applications = organizations.map((organization, i) => ({
    id: randomUUID(),
    callId: call.id,
    organizationId: organization.id,
    createdById: owner.id,
    formVersion: 1,
    projectTitle: i % 13 === 0 ? `Projet 100% ${String(i).padStart(4, "0")}` : `Projet ${String(i).padStart(4, "0")}`,
    requestedCents: pick([5_000_000, 8_000_000, 12_000_000, 15_000_000, 30_000_000]),
    status: pick(RANKED_STATUSES),
    receiptNumber: `${call.code}-${String(i).padStart(5, "0")}`,
    submittedAt: new Date(base + (i % sameInstantEvery === 0 ? 0 : i * 60_000)),
  }));
  await prisma.application.createMany({ data: applications });

  const assignments: { id: string; applicationId: string; reviewerId: string; assignedById: string; status: "SUBMITTED" | "PENDING" }[] = [];
  const reviews: { id: string; assignmentId: string; applicationId: string; reviewerId: string; status: "SUBMITTED" | "DRAFT" }[] = [];
  const scores: { reviewId: string; criterionId: string; score: number }[] = [];
  for (const [i, application] of applications.entries()) {
    const reviewed = i % 11 !== 5;
    const level = pick([1, 2, 3, 3, 4, 4, 5]);
    for (const reviewer of reviewers) {
      const status = reviewed && random.int(1, 10) > 1 ? "SUBMITTED" : "DRAFT";
      const assignmentId = randomUUID();
      const reviewId = randomUUID();
      assignments.push({ id: assignmentId, applicationId: application.id, reviewerId: reviewer.id, assignedById: staff.id, status: status === "SUBMITTED" ? "SUBMITTED" : "PENDING" });
      reviews.push({ id: reviewId, assignmentId, applicationId: application.id, reviewerId: reviewer.id, status });
      for (const criterion of criteria) {
        const spread = random.int(1, 100) <= 15 ? pick([-3, 3]) : pick([-1, 0, 0, 1]);
        const onFive = Math.min(5, Math.max(0, level + spread));
        scores.push({ reviewId, criterionId: criterion.id, score: criterion.scaleMax === 10 ? Math.min(10, onFive * 2 + pick([0, 1])) : onFive });
      }
    }
  }
  await prisma.assignment.createMany({ data: assignments });
  await prisma.review.createMany({ data: reviews.map((r) => ({ ...r, submittedAt: r.status === "SUBMITTED" ? new Date(base) : null })) });
  for (let i = 0; i < scores.length; i += 5_000) await prisma.reviewScore.createMany({ data: scores.slice(i, i + 5_000) });
  return { call, criteria, staff, applications, reviewers };
}

/** The same call read back as `rankApplications` takes it, in a fixed order. */
export async function readScores(callId: string) {
  const applications = await prisma.application.findMany({
    where: { callId, status: { in: [...RANKED_STATUSES] } },
    orderBy: { id: "asc" },
    select: {
      id: true,
      requestedCents: true,
      submittedAt: true,
      status: true,
      projectTitle: true,
      receiptNumber: true,
      organization: { select: { legalName: true, region: true } },
      reviews: { where: { status: "SUBMITTED" }, select: { scores: { select: { criterionId: true, score: true } } } },
    },
  });
  return applications;
}

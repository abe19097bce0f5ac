import { prisma } from "~/db.server";
import { recordAudit } from "~/audit.server";
import { assertAllowed, type AssignmentAccess, type Viewer } from "~/auth/permissions.server";
import { assertScoreInScale } from "~/domain/scoring";
import { assertTransition, type ApplicationStatus } from "~/domain/application-status";
import { DomainError } from "~/domain/errors";
import { refreshRanking } from "~/services/ranking-queries.server";
import { lockApplication, lockAssignment } from "~/services/locks.server";

export async function loadAssignmentAccess(assignmentId: string): Promise<AssignmentAccess & { applicationId: string }> {
  const assignment = await prisma.assignment.findUnique({
    where: { id: assignmentId },
    select: { reviewerId: true, status: true, applicationId: true },
  });
  if (!assignment) throw new Response("Not found", { status: 404 });
  const conflict = await prisma.conflict.findUnique({
    where: { reviewerId_applicationId: { reviewerId: assignment.reviewerId, applicationId: assignment.applicationId } },
    select: { id: true },
  });
  return { ...assignment, conflicted: conflict !== null };
}

/**
 * The guard checked before the transaction can be stale by the time the locks are held: a
 * parallel submit or conflict declaration may have closed the assignment in between.
 */
function assertStillOpen(status: string) {
  if (status === "SUBMITTED") throw new DomainError("reviewAlreadySubmitted", undefined, 409);
  if (status === "DECLINED") throw new DomainError("assignmentDeclined", undefined, 409);
}

export interface ReviewInput {
  scores: { criterionId: string; score: number; comment: string }[];
  overallComment: string;
  recommendation: "FUND" | "RESERVE" | "DO_NOT_FUND" | null;
}

/**
 * Saves the expert's scores; with `submit`, closes the review and, when it was the last one
 * expected on the file, moves the file to REVIEWED.
 */
export async function saveReview(viewer: Viewer, assignmentId: string, input: ReviewInput, submit: boolean) {
  const access = await loadAssignmentAccess(assignmentId);
  assertAllowed(viewer, "assignment.review", access);
  if (access.status === "SUBMITTED") throw new DomainError("reviewAlreadySubmitted", undefined, 409);
  await prisma.$transaction(async (tx) => {
    await lockApplication(tx, access.applicationId);
    assertStillOpen(await lockAssignment(tx, assignmentId));
    const assignment = await tx.assignment.findUniqueOrThrow({
      where: { id: assignmentId },
      select: {
        applicationId: true,
        application: { select: { status: true, callId: true, call: { select: { criteria: true } } } },
      },
    });
    const criteria = assignment.application.call.criteria;
    for (const entry of input.scores) {
      const criterion = criteria.find((c) => c.id === entry.criterionId);
      if (!criterion) throw new DomainError("unknownCriterion");
      assertScoreInScale(entry.score, criterion);
    }
    if (submit) {
      const missing: Record<string, string> = {};
      for (const c of criteria) if (!input.scores.some((s) => s.criterionId === c.id)) missing[`score_${c.id}`] = "required";
      if (!input.recommendation) missing.recommendation = "required";
      if (Object.keys(missing).length > 0) throw new DomainError("reviewIncomplete", undefined, 400, missing);
    }
    const now = new Date();
    const review = await tx.review.upsert({
      where: { assignmentId },
      create: {
        assignmentId,
        applicationId: assignment.applicationId,
        reviewerId: viewer.id,
        overallComment: input.overallComment,
        recommendation: input.recommendation,
        status: submit ? "SUBMITTED" : "DRAFT",
        submittedAt: submit ? now : null,
      },
      update: {
        overallComment: input.overallComment,
        recommendation: input.recommendation,
        status: submit ? "SUBMITTED" : "DRAFT",
        submittedAt: submit ? now : null,
      },
      select: { id: true },
    });
    await tx.reviewScore.deleteMany({ where: { reviewId: review.id } });
    await tx.reviewScore.createMany({
      data: input.scores.map((s) => ({ reviewId: review.id, criterionId: s.criterionId, score: s.score, comment: s.comment })),
    });
    let applicationStatus = assignment.application.status as ApplicationStatus;
    if (submit) {
      await tx.assignment.update({ where: { id: assignmentId }, data: { status: "SUBMITTED" } });
      const open = await tx.assignment.count({
        where: { applicationId: assignment.applicationId, status: "PENDING" },
      });
      if (open === 0 && applicationStatus === "UNDER_REVIEW") {
        assertTransition(applicationStatus, "REVIEWED");
        await tx.application.update({ where: { id: assignment.applicationId }, data: { status: "REVIEWED" } });
        applicationStatus = "REVIEWED";
      }
      await refreshRanking(tx, assignment.application.callId);
    }
    await recordAudit(tx, {
      actorId: viewer.id,
      action: submit ? "review.submitted" : "review.saved",
      entityType: "Review",
      entityId: review.id,
      after: { ...input, applicationStatus },
    });
  });
}

/**
 * The expert says they cannot judge this file impartially: the assignment is declined, the
 * conflict is recorded (the permission module then hides the file from them for good) and the
 * file's status is left for staff, who assign someone else.
 */
export async function declareConflict(viewer: Viewer, assignmentId: string, reason: string) {
  const access = await loadAssignmentAccess(assignmentId);
  assertAllowed(viewer, "assignment.review", access);
  if (access.status === "SUBMITTED") throw new DomainError("reviewAlreadySubmitted", undefined, 409);
  if (!reason.trim()) throw new DomainError("required", "reason");
  await prisma.$transaction(async (tx) => {
    // The same locks as saveReview, in the same order: a review sent at the same moment either
    // lands first (and the conflict is refused) or finds the assignment declined.
    await lockApplication(tx, access.applicationId);
    assertStillOpen(await lockAssignment(tx, assignmentId));
    await tx.assignment.update({ where: { id: assignmentId }, data: { status: "DECLINED" } });
    const conflict = await tx.conflict.create({
      data: { reviewerId: viewer.id, applicationId: access.applicationId, source: "REVIEWER", reason: reason.trim(), declaredById: viewer.id },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "conflict.declared",
      entityType: "Conflict",
      entityId: conflict.id,
      before: { assignmentStatus: access.status },
      after: { assignmentId, assignmentStatus: "DECLINED", reason: reason.trim() },
    });
  });
}

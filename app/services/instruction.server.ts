import { prisma } from "~/db.server";
import { readChainsOf, recordAudit } from "~/audit.server";
import { assertAllowed, type Viewer } from "~/auth/permissions.server";
import { requireApplicationAccess } from "~/services/applications.server";
import { assertTransition, type ApplicationStatus } from "~/domain/application-status";
import { DomainError } from "~/domain/errors";
import { queueEmail } from "~/mail/outbox.server";
import { appUrl, applicantFileUrl } from "~/config.server";
import { lockApplication } from "~/services/locks.server";
import { refreshRanking } from "~/services/ranking-queries.server";
import { isRanked } from "~/domain/scoring";

/**
 * SUBMITTED → ELIGIBLE | INELIGIBLE, with the reason kept on the file. An ineligible file is
 * out of the process, so its members are told at once, with the reason.
 */
export async function recordEligibility(viewer: Viewer, applicationId: string, eligible: boolean, note: string) {
  const access = await requireApplicationAccess(applicationId);
  assertAllowed(viewer, "application.manage", access);
  if (!eligible && !note.trim()) throw new DomainError("ineligibilityReasonRequired", "note");
  const target: ApplicationStatus = eligible ? "ELIGIBLE" : "INELIGIBLE";
  await prisma.$transaction(async (tx) => {
    await lockApplication(tx, applicationId);
    const app = await tx.application.findUniqueOrThrow({
      where: { id: applicationId },
      select: {
        status: true,
        projectTitle: true,
        receiptNumber: true,
        call: { select: { title: true } },
        organization: { select: { legalName: true, memberships: { select: { user: { select: { email: true, name: true, locale: true } } } } } },
      },
    });
    assertTransition(app.status as ApplicationStatus, target);
    await tx.application.update({ where: { id: applicationId }, data: { status: target, eligibilityNote: note.trim() || null } });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: eligible ? "application.eligible" : "application.ineligible",
      entityType: "Application",
      entityId: applicationId,
      before: { status: app.status },
      after: { status: target, note },
    });
    if (eligible) return;
    for (const { user } of app.organization.memberships) {
      await queueEmail(tx, {
        to: user.email,
        locale: user.locale,
        template: "application-ineligible",
        payload: {
          recipientName: user.name,
          organizationName: app.organization.legalName,
          callTitle: app.call.title,
          projectTitle: app.projectTitle,
          receiptNumber: app.receiptNumber ?? "",
          reason: note.trim(),
          applicationUrl: applicantFileUrl(applicationId),
        },
      });
    }
  });
}

/** Puts an expert on an eligible file; the first assignment starts the review. */
export async function assignReviewer(viewer: Viewer, applicationId: string, reviewerId: string, dueAt: Date | null) {
  const access = await requireApplicationAccess(applicationId);
  assertAllowed(viewer, "application.manage", access);
  if (access.conflictedReviewerIds.includes(reviewerId)) throw new DomainError("reviewerConflicted", "reviewerId", 409);
  await prisma.$transaction(async (tx) => {
    await lockApplication(tx, applicationId);
    const reviewer = await tx.user.findUnique({ where: { id: reviewerId }, select: { role: true, email: true, name: true, locale: true } });
    if (reviewer?.role !== "REVIEWER") throw new DomainError("notAReviewer", "reviewerId");
    const app = await tx.application.findUniqueOrThrow({
      where: { id: applicationId },
      select: {
        status: true,
        callId: true,
        projectTitle: true,
        organization: { select: { legalName: true } },
        call: { select: { title: true, reviewDeadline: true } },
      },
    });
    const status = app.status as ApplicationStatus;
    if (!["ELIGIBLE", "UNDER_REVIEW", "REVIEWED"].includes(status)) throw new DomainError("notAssignable", undefined, 409);
    const existing = await tx.assignment.findUnique({
      where: { applicationId_reviewerId: { applicationId, reviewerId } },
      select: { id: true },
    });
    if (existing) throw new DomainError("alreadyAssigned", "reviewerId", 409);
    const assignment = await tx.assignment.create({
      data: { applicationId, reviewerId, assignedById: viewer.id, dueAt: dueAt ?? app.call.reviewDeadline },
      select: { id: true, dueAt: true },
    });
    if (status !== "UNDER_REVIEW") {
      assertTransition(status, "UNDER_REVIEW");
      await tx.application.update({ where: { id: applicationId }, data: { status: "UNDER_REVIEW" } });
      if (!isRanked(status)) await refreshRanking(tx, app.callId);
    }
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "assignment.created",
      entityType: "Assignment",
      entityId: assignment.id,
      before: { applicationStatus: status },
      after: { applicationId, reviewerId, dueAt: assignment.dueAt, applicationStatus: "UNDER_REVIEW" },
    });
    await queueEmail(tx, {
      to: reviewer.email,
      locale: reviewer.locale,
      template: "review-assigned",
      payload: {
        recipientName: reviewer.name,
        callTitle: app.call.title,
        projectTitle: app.projectTitle,
        organizationName: app.organization.legalName,
        dueAt: assignment.dueAt?.toISOString() ?? null,
        reviewUrl: `${appUrl()}/expertise/${assignment.id}`,
      },
    });
  });
}

/**
 * The audit trail of one file, given the records it is made of: the file and its assignments,
 * reviews, conflicts, decision and letters; `intact` says whether all their audit chains verify.
 */
export async function loadFileHistory(entityIds: string[]) {
  const { events, broken } = await readChainsOf(prisma, entityIds);
  return {
    events: events.map((e) => ({ id: e.id, action: e.action, createdAt: e.createdAt, actor: e.actor })),
    intact: broken === null,
  };
}

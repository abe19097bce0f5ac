import { prisma } from "~/db.server";
import { recordAudit } from "~/audit.server";
import { queueEmail } from "~/mail/outbox.server";
import { removeStoredFile, storePdf } from "~/storage/attachments.server";
import { assertAllowed, type ApplicationAccess, type Viewer } from "~/auth/permissions.server";
import {
  assertSubmittable,
  assertTransition,
  formatReceiptNumber,
  isCallOpen,
  type ApplicationStatus,
} from "~/domain/application-status";
import { DomainError } from "~/domain/errors";
import { applicantFileUrl } from "~/config.server";
import { lockApplication } from "~/services/locks.server";
import { isUniqueViolation } from "~/db/errors.server";

export const PROJECT_PDF = "project_pdf";

/** Everything `can` needs to judge access to one file, in one query. */
async function loadApplicationAccess(applicationId: string): Promise<ApplicationAccess | null> {
  const app = await prisma.application.findUnique({
    where: { id: applicationId },
    select: {
      organizationId: true,
      status: true,
      assignments: { where: { status: { not: "DECLINED" } }, select: { reviewerId: true } },
      conflicts: { select: { reviewerId: true } },
    },
  });
  if (!app) return null;
  return {
    organizationId: app.organizationId,
    status: app.status,
    reviewerIds: app.assignments.map((a) => a.reviewerId),
    conflictedReviewerIds: app.conflicts.map((c) => c.reviewerId),
  };
}

export async function requireApplicationAccess(applicationId: string): Promise<ApplicationAccess> {
  const access = await loadApplicationAccess(applicationId);
  if (!access) throw new Response("Not found", { status: 404 });
  return access;
}

/** Opens the organisation's file on a call, or returns the one it already has. */
export async function startApplication(viewer: Viewer, callId: string, now = new Date()): Promise<string> {
  assertAllowed(viewer, "application.start", null);
  const organizationId = viewer.organizationIds[0];
  if (!organizationId) throw new DomainError("organizationRequired");
  try {
    return await openApplication(viewer, callId, organizationId, now);
  } catch (error) {
    // A double click opens the same file twice at once: the unique index keeps one, return it.
    if (!isUniqueViolation(error)) throw error;
    const existing = await prisma.application.findUniqueOrThrow({
      where: { callId_organizationId: { callId, organizationId } },
      select: { id: true },
    });
    return existing.id;
  }
}

function openApplication(viewer: Viewer, callId: string, organizationId: string, now: Date): Promise<string> {
  return prisma.$transaction(async (tx) => {
    const call = await tx.call.findUnique({ where: { id: callId } });
    if (!call) throw new DomainError("callNotFound", undefined, 404);
    const existing = await tx.application.findUnique({
      where: { callId_organizationId: { callId, organizationId } },
      select: { id: true },
    });
    if (existing) return existing.id;
    if (!isCallOpen(call, now)) throw new DomainError(now > call.closesAt ? "deadlinePassed" : "callNotOpen", undefined, 409);
    const app = await tx.application.create({
      data: { callId, organizationId, createdById: viewer.id, formVersion: call.formVersion },
      select: { id: true, status: true },
    });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "application.created",
      entityType: "Application",
      entityId: app.id,
      after: { status: app.status, callId },
    });
    return app.id;
  });
}

export interface DraftInput {
  projectTitle: string;
  summary: string;
  requestedCents: number | null;
  projectPdf?: File | null;
}

/** Saves whatever the applicant typed, complete or not: a draft may be unfinished. */
export async function saveDraft(viewer: Viewer, applicationId: string, input: DraftInput): Promise<void> {
  const access = await requireApplicationAccess(applicationId);
  assertAllowed(viewer, "application.edit", access);
  const { call } = await prisma.application.findUniqueOrThrow({
    where: { id: applicationId },
    select: { call: { select: { status: true, opensAt: true, closesAt: true } } },
  });
  // A draft left after the deadline stays as it was: it can no longer be submitted anyway.
  if (!isCallOpen(call, new Date())) throw new DomainError(new Date() > call.closesAt ? "deadlinePassed" : "callNotOpen", undefined, 409);
  // The file is checked and written before the transaction, so no row ever points to nothing;
  // the file a refused save wrote, or the one a new upload replaced, is removed afterwards.
  const stored = input.projectPdf ? await storePdf(input.projectPdf, "projectPdf") : null;
  const replaced = await prisma.$transaction(async (tx) => {
    await lockApplication(tx, applicationId);
    const before = await tx.application.findUniqueOrThrow({
      where: { id: applicationId },
      select: { status: true, projectTitle: true, summary: true, requestedCents: true },
    });
    if (before.status !== "DRAFT") throw new DomainError("notEditable", undefined, 409);
    await tx.application.update({
      where: { id: applicationId },
      data: { projectTitle: input.projectTitle, summary: input.summary, requestedCents: input.requestedCents },
    });
    const previous = stored
      ? await tx.attachment.findMany({ where: { applicationId, kind: PROJECT_PDF }, select: { storageKey: true } })
      : [];
    if (stored) {
      await tx.attachment.deleteMany({ where: { applicationId, kind: PROJECT_PDF } });
      await tx.attachment.create({ data: { ...stored, applicationId, kind: PROJECT_PDF, uploadedById: viewer.id } });
    }
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "application.draft_saved",
      entityType: "Application",
      entityId: applicationId,
      before,
      after: {
        projectTitle: input.projectTitle,
        summary: input.summary,
        requestedCents: input.requestedCents,
        ...(stored ? { attachment: { filename: stored.filename, sha256: stored.sha256 } } : {}),
      },
    });
    return previous.map((attachment) => attachment.storageKey);
  }).catch(async (error: unknown) => {
    if (stored) await removeStoredFile(stored.storageKey);
    throw error;
  });
  await Promise.all(replaced.map(removeStoredFile));
}

/** DRAFT → SUBMITTED: numbers the receipt and queues the acknowledgement email. */
export async function submitApplication(viewer: Viewer, applicationId: string, now = new Date()): Promise<string> {
  const access = await requireApplicationAccess(applicationId);
  assertAllowed(viewer, "application.edit", access);
  return prisma.$transaction(async (tx) => {
    await lockApplication(tx, applicationId);
    const app = await tx.application.findUniqueOrThrow({
      where: { id: applicationId },
      include: {
        call: true,
        organization: { select: { legalName: true } },
        attachments: { where: { kind: PROJECT_PDF }, select: { id: true } },
      },
    });
    assertSubmittable(app.status as ApplicationStatus, app.call, { ...app, hasProjectPdf: app.attachments.length > 0 }, now);
    const call = await tx.call.update({
      where: { id: app.callId },
      data: { receiptCounter: { increment: 1 } },
      select: { receiptCounter: true, code: true, title: true },
    });
    const receiptNumber = formatReceiptNumber(call.code, call.receiptCounter);
    await tx.application.update({
      where: { id: applicationId },
      data: { status: "SUBMITTED", submittedAt: now, receiptNumber },
    });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "application.submitted",
      entityType: "Application",
      entityId: applicationId,
      before: { status: app.status },
      after: { status: "SUBMITTED", receiptNumber, submittedAt: now },
    });
    const submitter = await tx.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { email: true, name: true, locale: true } });
    await queueEmail(tx, {
      to: submitter.email,
      locale: submitter.locale,
      template: "application-submitted",
      payload: {
        recipientName: submitter.name,
        organizationName: app.organization.legalName,
        callTitle: call.title,
        projectTitle: app.projectTitle,
        receiptNumber,
        submittedAt: now.toISOString(),
        applicationUrl: applicantFileUrl(applicationId),
      },
    });
    return receiptNumber;
  });
}

/** A file leaves the process at the applicant's request, before any eligibility check. */
export async function withdrawApplication(viewer: Viewer, applicationId: string): Promise<void> {
  const access = await requireApplicationAccess(applicationId);
  assertAllowed(viewer, "application.withdraw", access);
  await prisma.$transaction(async (tx) => {
    await lockApplication(tx, applicationId);
    const app = await tx.application.findUniqueOrThrow({ where: { id: applicationId }, select: { status: true } });
    assertTransition(app.status as ApplicationStatus, "WITHDRAWN");
    await tx.application.update({ where: { id: applicationId }, data: { status: "WITHDRAWN" } });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "application.withdrawn",
      entityType: "Application",
      entityId: applicationId,
      before: { status: app.status },
      after: { status: "WITHDRAWN" },
    });
  });
}

import { prisma } from "~/db.server";
import { recordAudit } from "~/audit.server";
import { queueEmail } from "~/mail/outbox.server";
import { removeStoredFile, storeUpload, type StoredFile } from "~/storage/attachments.server";
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
import type { Prisma } from "~/generated/prisma/client";
import {
  answersSchema,
  ATTACHMENT_FORMATS,
  attachmentFields,
  compactAnswers,
  missingForSubmission,
  visibleFieldKeys,
  wellKnownColumns,
  type Answers,
  type FormDefinition,
} from "~/domain/form-definition";
import { eligibilityFieldErrors, isEligible } from "~/domain/eligibility";
import { formOfApplication, loadApplicationContent } from "~/services/application-forms.server";


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
  /** The answers as the form's schema gave them; hidden fields are dropped again here. */
  answers: Answers;
  /** Files sent, by attachment field. */
  files?: Record<string, File[]>;
  /** An attachment the applicant asked to remove. */
  removeAttachmentId?: string | null;
}

/**
 * Checks and stores the files sent, before any transaction, so that no row ever points to
 * nothing. Files of fields that are not attachments, or hidden, are ignored.
 */
async function storeDraftFiles(definition: FormDefinition, answers: Answers, files: Record<string, File[]>) {
  const visible = visibleFieldKeys(definition, answers);
  const stored: (StoredFile & { kind: string })[] = [];
  try {
    for (const field of attachmentFields(definition)) {
      const sent = files[field.key] ?? [];
      if (sent.length === 0 || !visible.has(field.key)) continue;
      if (sent.length > field.maxFiles) throw new DomainError("tooManyFilesMax", field.key);
      const mimeTypes = field.formats.flatMap((format) => ATTACHMENT_FORMATS[format]);
      for (const file of sent) stored.push({ ...(await storeUpload(file, field.key, { mimeTypes, maxBytes: field.maxBytes })), kind: field.key });
    }
  } catch (error) {
    await Promise.all(stored.map((file) => removeStoredFile(file.storageKey)));
    throw error;
  }
  return stored;
}

/**
 * Saves whatever the applicant typed, complete or not: a draft may be unfinished. Answers are
 * kept as typed, against the form version the file started on; the title, summary and amount
 * the rest of the application reads are copied to their columns (see `wellKnownColumns`).
 */
export async function saveDraft(viewer: Viewer, applicationId: string, input: DraftInput): Promise<void> {
  const access = await requireApplicationAccess(applicationId);
  assertAllowed(viewer, "application.edit", access);
  const app = await prisma.application.findUniqueOrThrow({
    where: { id: applicationId },
    select: { callId: true, formVersion: true, call: { select: { status: true, opensAt: true, closesAt: true } } },
  });
  // A draft left after the deadline stays as it was: it can no longer be submitted anyway.
  if (!isCallOpen(app.call, new Date())) throw new DomainError(new Date() > app.call.closesAt ? "deadlinePassed" : "callNotOpen", undefined, 409);
  const { definition } = await formOfApplication(prisma, app);
  const answers = compactAnswers(answersSchema(definition).parse(input.answers));
  const columns = wellKnownColumns(answers);
  const visible = visibleFieldKeys(definition, answers);
  const stored = await storeDraftFiles(definition, answers, input.files ?? {});
  const replaced = await prisma.$transaction(async (tx) => {
    await lockApplication(tx, applicationId);
    const before = await tx.application.findUniqueOrThrow({
      where: { id: applicationId },
      select: { status: true, projectTitle: true, summary: true, requestedCents: true, answers: true },
    });
    if (before.status !== "DRAFT") throw new DomainError("notEditable", undefined, 409);
    await tx.application.update({ where: { id: applicationId }, data: { ...columns, answers: answers as Prisma.InputJsonValue } });
    const existing = await tx.attachment.findMany({ where: { applicationId }, select: { id: true, kind: true, storageKey: true } });
    const byField = new Map(attachmentFields(definition).map((field) => [field.key, field]));
    const storedKinds = new Set(stored.map((file) => file.kind));
    // Gone: files of fields now hidden (hidden answers are not kept), the one asked to be
    // removed, a single file replaced by a new upload.
    const removed = existing.filter((attachment) => {
      const field = byField.get(attachment.kind);
      if (!field || !visible.has(field.key)) return Boolean(field);
      if (attachment.id === input.removeAttachmentId) return true;
      return storedKinds.has(field.key) && field.maxFiles === 1;
    });
    for (const field of byField.values()) {
      const kept = existing.filter((a) => a.kind === field.key && !removed.includes(a)).length;
      const added = stored.filter((file) => file.kind === field.key).length;
      if (kept + added > field.maxFiles) throw new DomainError("tooManyFilesMax", field.key);
    }
    if (removed.length > 0) await tx.attachment.deleteMany({ where: { id: { in: removed.map((a) => a.id) } } });
    if (stored.length > 0) await tx.attachment.createMany({ data: stored.map((file) => ({ ...file, applicationId, uploadedById: viewer.id })) });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "application.draft_saved",
      entityType: "Application",
      entityId: applicationId,
      before,
      after: {
        ...columns,
        answers,
        ...(stored.length > 0 ? { attachments: stored.map((file) => ({ field: file.kind, filename: file.filename, sha256: file.sha256 })) } : {}),
        ...(removed.length > 0 ? { removedAttachments: removed.map((a) => a.id) } : {}),
      },
    });
    return removed.map((attachment) => attachment.storageKey);
  }).catch(async (error: unknown) => {
    await Promise.all(stored.map((file) => removeStoredFile(file.storageKey)));
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
      },
    });
    const content = await loadApplicationContent(tx, applicationId);
    const missing = missingForSubmission(content.definition, content.answers, new Set(content.attachments.map((a) => a.kind)));
    const checks = content.eligibility;
    assertSubmittable(app.status as ApplicationStatus, app.call, { missing, ineligible: isEligible(checks) ? null : eligibilityFieldErrors(checks) }, now);
    const call = await tx.call.update({
      where: { id: app.callId },
      data: { receiptCounter: { increment: 1 } },
      select: { receiptCounter: true, code: true, title: true },
    });
    const receiptNumber = formatReceiptNumber(call.code, call.receiptCounter);
    await tx.application.update({
      where: { id: applicationId },
      data: { status: "SUBMITTED", submittedAt: now, submittedById: viewer.id, receiptNumber },
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

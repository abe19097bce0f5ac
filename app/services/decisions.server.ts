import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { recordAudit } from "~/audit.server";
import { queueEmail } from "~/mail/outbox.server";
import { assertAllowed, type Viewer } from "~/auth/permissions.server";
import { requireApplicationAccess } from "~/services/applications.server";
import { assertTransition, formatLetterReference, isDecided, type ApplicationStatus } from "~/domain/application-status";
import { assertWithinEnvelope } from "~/domain/scoring";
import { DomainError } from "~/domain/errors";
import { assertDecisionsOpen, assertLettersOpen } from "~/domain/call-lifecycle";
import { renderDecisionLetter, type DecisionLetterInput } from "~/pdf/decision-letter.server";
import type { LetterTemplate } from "~/domain/letter-templates";
import { letterTemplateFor } from "~/services/letter-templates.server";
import { derivedKey, appUrl, DEFAULT_AGENCY, applicantFileUrl } from "~/config.server";
import { toLocale } from "~/i18n/config";
import { lockApplication, lockCall } from "~/services/locks.server";
import { queryRankingPage, queryRankOf } from "~/services/ranking-queries.server";
import { RANKING_SORTS, type Listing, type RankingSort } from "~/schemas/listing";

/**
 * A page of the committee's table for a call (the first, by rank, unless asked otherwise): the
 * summary over every ranked file, and the files of the requested page, filter and sort, ranked
 * against the envelope.
 */
export async function loadRanking(callId: string, listing: Listing<RankingSort> = { page: 1, tri: RANKING_SORTS[0] }) {
  const call = await prisma.call.findUnique({
    where: { id: callId },
    select: {
      id: true,
      title: true,
      budgetCents: true,
      criteria: { orderBy: { position: "asc" }, select: { id: true, label: true, weight: true, threshold: true } },
    },
  });
  if (!call) throw new Response("Not found", { status: 404 });
  const page = await queryRankingPage(prisma, call.id, listing);
  return { call: { ...call, budgetCents: Number(call.budgetCents) }, ...page };
}

export interface DecisionInput {
  /** The file's decision version the person saw: a decision recorded since then refuses this one. */
  decisionVersion: number;
  outcome: "LAUREATE" | "WAITLISTED" | "REJECTED";
  awardedCents: number | null;
  motivation: string;
  committeeDate: Date;
}

/** REVIEWED → LAUREATE | WAITLISTED | REJECTED, within the envelope, until the letter is sent. */
export async function decideApplication(viewer: Viewer, applicationId: string, input: DecisionInput, now = new Date()) {
  const access = await requireApplicationAccess(applicationId);
  assertAllowed(viewer, "application.manage", access);
  await prisma.$transaction(async (tx) => {
    await lockApplication(tx, applicationId);
    const app = await tx.application.findUniqueOrThrow({
      where: { id: applicationId },
      select: {
        status: true,
        notifiedAt: true,
        requestedCents: true,
        callId: true,
        decisionVersion: true,
        call: {
          select: {
            status: true,
            closesAt: true,
            budgetCents: true,
            minGrantCents: true,
            maxGrantCents: true,
            criteria: { select: { id: true, weight: true, scaleMax: true, threshold: true } },
          },
        },
        decision: true,
      },
    });
    assertDecisionsOpen(app.call, now);
    const status = app.status as ApplicationStatus;
    if (app.decisionVersion !== input.decisionVersion) throw new DomainError("decisionStale", undefined, 409);
    if (app.notifiedAt) throw new DomainError("alreadyNotified", undefined, 409);
    if (status !== input.outcome) assertTransition(status, input.outcome);
    if (!input.motivation.trim()) throw new DomainError("required", "motivation");
    let awardedCents: number | null = null;
    if (input.outcome === "LAUREATE") {
      // Grants are weighed against the envelope one decision at a time.
      await lockCall(tx, app.callId);
      awardedCents = input.awardedCents;
      if (awardedCents === null) throw new DomainError("required", "awardedAmount");
      if (awardedCents < app.call.minGrantCents || awardedCents > app.call.maxGrantCents)
        throw new DomainError("amountOutOfBounds", "awardedAmount");
      if (app.requestedCents !== null && awardedCents > app.requestedCents)
        throw new DomainError("awardAboveRequest", "awardedAmount");
      const others = await tx.decision.aggregate({
        where: { outcome: "LAUREATE", application: { callId: app.callId }, applicationId: { not: applicationId } },
        _sum: { awardedCents: true },
      });
      assertWithinEnvelope(others._sum.awardedCents ?? 0, awardedCents, Number(app.call.budgetCents));
    }
    const rank = await queryRankOf(tx, applicationId);
    const data = { outcome: input.outcome, awardedCents, motivation: input.motivation.trim(), committeeDate: input.committeeDate, rank, decidedById: viewer.id };
    const decision = await tx.decision.upsert({
      where: { applicationId },
      create: { applicationId, ...data },
      update: data,
      select: { id: true },
    });
    await tx.application.update({
      where: { id: applicationId },
      data: { status: input.outcome, decisionVersion: { increment: 1 } },
    });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "decision.recorded",
      entityType: "Decision",
      entityId: decision.id,
      before: { status, decision: app.decision },
      after: { status: input.outcome, ...data },
    });
  });
}

/** Derived from the reference with the app's secret: nothing to guess from the reference alone. */
export function letterVerificationCode(reference: string): string {
  return createHmac("sha256", derivedKey("letter-verification")).update(reference).digest("hex").slice(0, 12).toUpperCase();
}

/** The letter's own page on the verification site, short enough to type from the paper. */
export function letterVerificationUrl(code: string): string {
  return `${appUrl()}/v/${code}`;
}

function normalizeCode(code: string): string {
  return code.trim().toUpperCase().replace(/[^0-9A-F]/g, "");
}

/**
 * The letter a code designates: by the code alone (printed with its address and QR code), or by
 * reference and code for a letter issued before codes were kept. A wrong pair finds nothing,
 * whatever the reference, so that a reference alone reveals nothing.
 */
async function findVerifiableLetter<S extends Prisma.LetterSelect>(reference: string | undefined, code: string, select: S) {
  const given = normalizeCode(code);
  if (given.length !== 12) return null;
  if (!reference) return prisma.letter.findUnique({ where: { verificationCode: given }, select });
  const expected = Buffer.from(letterVerificationCode(reference));
  if (!timingSafeEqual(expected, Buffer.from(given))) return null;
  return prisma.letter.findUnique({ where: { reference }, select });
}

/**
 * What anyone holding a letter may learn from its code: what the letter states that matters
 * (reference, date, organisation, project, outcome, amount), to compare with the paper.
 */
export async function verifyLetter(reference: string | undefined, code: string) {
  const letter = await findVerifiableLetter(reference, code, {
    reference: true,
    issuedAt: true,
    decision: { select: { outcome: true, awardedCents: true } },
    application: { select: { projectTitle: true, organization: { select: { legalName: true } } } },
  });
  if (!letter) return null;
  return {
    reference: letter.reference,
    issuedAt: letter.issuedAt,
    organization: letter.application.organization.legalName,
    projectTitle: letter.application.projectTitle,
    outcome: letter.decision.outcome,
    awardedCents: letter.decision.outcome === "LAUREATE" ? letter.decision.awardedCents : null,
  };
}

/** Whether a file is, byte for byte, the letter the code designates; nothing says why not. */
export async function isGenuineLetterFile(reference: string | undefined, code: string, file: Uint8Array): Promise<boolean> {
  const letter = await findVerifiableLetter(reference, code, { sha256: true });
  const digest = Buffer.from(createHash("sha256").update(file).digest("hex"));
  // Compared in constant time all the same, and against a digest of the right length when no letter matched.
  const expected = Buffer.from(letter?.sha256 ?? "0".repeat(64));
  return timingSafeEqual(digest, expected) && letter !== null;
}

type LetterSource = Prisma.ApplicationGetPayload<{ include: { call: true; organization: true } }>;

/** The language of the organisation's owner (else its first member), in which its letters are written. */
function recipientLocale(memberships: { role: string; user: { locale: string | null } }[]) {
  const owner = memberships.find((m) => m.role === "OWNER") ?? memberships[0];
  return toLocale(owner?.user.locale);
}

/** Everything a letter states about a file, as the renderer takes it (verification aside). */
function letterInputFor(
  app: LetterSource,
  decision: DecisionLetterInput["decision"],
  { locale, reference, now, template }: { locale: "fr" | "en"; reference: string; now: Date; template: LetterTemplate },
): Omit<DecisionLetterInput, "verificationCode"> {
  const settings = app.call.letterTemplates as { agencyName?: string; signatoryName?: string; signatoryTitle?: string };
  return {
    locale,
    reference,
    issuedAt: now,
    agency: {
      name: settings.agencyName ?? DEFAULT_AGENCY.name,
      signatoryName: settings.signatoryName ?? DEFAULT_AGENCY.signatoryName,
      signatoryTitle: settings.signatoryTitle ?? DEFAULT_AGENCY.signatoryTitle,
    },
    contact: [app.call.contactOffice, app.call.contactEmail, app.call.contactPhone].filter(Boolean).join(" – "),
    call: { title: app.call.title, code: app.call.code },
    organization: app.organization,
    application: {
      projectTitle: app.projectTitle,
      receiptNumber: app.receiptNumber ?? "",
      submittedAt: app.submittedAt ?? now,
      requestedCents: app.requestedCents,
    },
    decision,
    template,
  };
}

/**
 * The letter a file would receive if issued now, with the call's current wording, marked as a
 * preview and without a verification code: decided files, and ineligible ones (their reasons
 * are the eligibility note). Nothing is stored.
 */
export async function previewDecisionLetter(viewer: Viewer, applicationId: string, now = new Date()): Promise<{ pdf: Uint8Array; reference: string }> {
  const access = await requireApplicationAccess(applicationId);
  assertAllowed(viewer, "application.manage", access);
  const app = await prisma.application.findUniqueOrThrow({
    where: { id: applicationId },
    include: { call: true, decision: true, organization: { include: { memberships: { include: { user: { select: { locale: true } } } } } } },
  });
  const status = app.status as ApplicationStatus;
  let decision: DecisionLetterInput["decision"];
  if (isDecided(status) && app.decision) decision = app.decision;
  else if (status === "INELIGIBLE")
    decision = { outcome: "INELIGIBLE", awardedCents: null, motivation: app.eligibilityNote ?? "", committeeDate: app.call.committeeDate ?? now, rank: null };
  else throw new DomainError("notDecided", undefined, 409);
  const reference = formatLetterReference(app.call.code, app.call.letterCounter + 1);
  const locale = recipientLocale(app.organization.memberships);
  const template = await letterTemplateFor(app.callId, decision.outcome, locale);
  const pdf = await renderDecisionLetter({ ...letterInputFor(app, decision, { locale, reference, now, template }), verificationCode: "", draft: true });
  return { pdf, reference };
}

/** Draws the decision letter, files it, and emails it to every member of the organisation. */
export async function issueDecisionLetter(viewer: Viewer, applicationId: string, now = new Date()): Promise<string> {
  const access = await requireApplicationAccess(applicationId);
  assertAllowed(viewer, "application.manage", access);
  return prisma.$transaction(async (tx) => {
    await lockApplication(tx, applicationId);
    const app = await tx.application.findUniqueOrThrow({
      where: { id: applicationId },
      include: {
        call: true,
        decision: true,
        organization: { include: { memberships: { include: { user: { select: { email: true, name: true, locale: true } } } } } },
      },
    });
    assertLettersOpen(app.call, now);
    if (!isDecided(app.status as ApplicationStatus) || !app.decision) throw new DomainError("notDecided", undefined, 409);
    if (app.notifiedAt) throw new DomainError("alreadyNotified", undefined, 409);
    const call = await tx.call.update({
      where: { id: app.callId },
      data: { letterCounter: { increment: 1 } },
      select: { letterCounter: true },
    });
    const reference = formatLetterReference(app.call.code, call.letterCounter);
    const verificationCode = letterVerificationCode(reference);
    const locale = recipientLocale(app.organization.memberships);
    const template = await letterTemplateFor(app.callId, app.decision.outcome, locale, tx);
    const pdf = await renderDecisionLetter({
      ...letterInputFor(app, app.decision, { locale, reference, now, template }),
      verificationCode,
      verificationUrl: letterVerificationUrl(verificationCode),
    });
    const letter = await tx.letter.create({
      data: {
        reference,
        applicationId,
        decisionId: app.decision.id,
        pdf: new Uint8Array(pdf),
        sha256: createHash("sha256").update(pdf).digest("hex"),
        verificationCode,
        issuedAt: now,
        sentAt: now,
        issuedById: viewer.id,
      },
      select: { id: true, sha256: true },
    });
    await tx.application.update({ where: { id: applicationId }, data: { notifiedAt: now } });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "letter.issued",
      entityType: "Letter",
      entityId: letter.id,
      at: now,
      after: { reference, sha256: letter.sha256, applicationId, outcome: app.decision.outcome },
    });
    for (const member of app.organization.memberships) {
      await queueEmail(tx, {
        to: member.user.email,
        locale: member.user.locale,
        template: "decision-letter",
        letterId: letter.id,
        payload: {
          recipientName: member.user.name,
          organizationName: app.organization.legalName,
          callTitle: app.call.title,
          projectTitle: app.projectTitle,
          outcome: app.decision.outcome,
          letterReference: reference,
          applicationUrl: applicantFileUrl(applicationId),
        },
      });
    }
    return reference;
  });
}

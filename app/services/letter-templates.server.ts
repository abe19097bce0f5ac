import { prisma } from "~/db.server";
import { DEFAULT_AGENCY } from "~/config.server";
import { recordAudit } from "~/audit.server";
import { assertAllowed, type Viewer } from "~/auth/permissions.server";
import { DomainError } from "~/domain/errors";
import {
  defaultLetterTemplate,
  LETTER_KINDS,
  LETTER_LOCALES,
  unknownMergeFields,
  type LetterKind,
  type LetterTemplate,
} from "~/domain/letter-templates";

type Locale = (typeof LETTER_LOCALES)[number];

export interface CallLetterTemplate extends LetterTemplate {
  kind: LetterKind;
  locale: Locale;
  /** False while the call uses the default wording. */
  customized: boolean;
}

/** Every kind of letter of a call in both languages: the call's wording where staff wrote one, else the default. */
export async function loadLetterTemplates(callId: string): Promise<CallLetterTemplate[]> {
  const rows = await prisma.letterTemplate.findMany({
    where: { callId },
    select: { kind: true, locale: true, subject: true, body: true, closing: true },
  });
  return LETTER_KINDS.flatMap((kind) =>
    LETTER_LOCALES.map((locale) => {
      const row = rows.find((r) => r.kind === kind && r.locale === locale);
      return row
        ? { kind, locale, subject: row.subject, body: row.body, closing: row.closing, customized: true }
        : { kind, locale, ...defaultLetterTemplate(kind, locale), customized: false };
    }),
  );
}

/** The wording a letter of this kind uses for this call. */
export async function letterTemplateFor(
  callId: string,
  kind: LetterKind,
  locale: Locale,
  db: Pick<typeof prisma, "letterTemplate"> = prisma,
): Promise<LetterTemplate> {
  const row = await db.letterTemplate.findUnique({
    where: { callId_kind_locale: { callId, kind, locale } },
    select: { subject: true, body: true, closing: true },
  });
  return row ?? defaultLetterTemplate(kind, locale);
}

/**
 * Saves a call's wording for one kind of letter and language. A merge field that does not exist
 * is refused, named, next to the part of the template that uses it; letters already issued keep
 * their own text.
 */
export async function saveLetterTemplate(viewer: Viewer, callId: string, kind: LetterKind, locale: Locale, template: LetterTemplate) {
  assertAllowed(viewer, "call.manage", null);
  for (const part of ["subject", "body", "closing"] as const) {
    const [unknown] = unknownMergeFields(template[part]);
    if (unknown !== undefined) throw new DomainError(`unknownMergeField:${unknown}`, part);
  }
  await prisma.$transaction(async (tx) => {
    const call = await tx.call.findUnique({ where: { id: callId }, select: { id: true } });
    if (!call) throw new Response("Not found", { status: 404 });
    const before = await tx.letterTemplate.findUnique({
      where: { callId_kind_locale: { callId, kind, locale } },
      select: { subject: true, body: true, closing: true },
    });
    await tx.letterTemplate.upsert({
      where: { callId_kind_locale: { callId, kind, locale } },
      create: { callId, kind, locale, ...template },
      update: template,
    });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "letterTemplate.saved",
      entityType: "Call",
      entityId: callId,
      before: { kind, locale, ...(before ?? defaultLetterTemplate(kind, locale)) },
      after: { kind, locale, ...template },
    });
  });
}

/** Gives a kind of letter its default wording back. */
export async function resetLetterTemplate(viewer: Viewer, callId: string, kind: LetterKind, locale: Locale) {
  assertAllowed(viewer, "call.manage", null);
  await prisma.$transaction(async (tx) => {
    const removed = await tx.letterTemplate.deleteMany({ where: { callId, kind, locale } });
    if (removed.count === 0) return;
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "letterTemplate.reset",
      entityType: "Call",
      entityId: callId,
      after: { kind, locale },
    });
  });
}

export interface LetterSignatory {
  agencyName: string;
  signatoryName: string;
  signatoryTitle: string;
}

/** Who signs a call's letters, and for which agency; the service's defaults until staff name them. */
export async function loadLetterSignatory(callId: string): Promise<LetterSignatory> {
  const call = await prisma.call.findUnique({ where: { id: callId }, select: { letterTemplates: true } });
  const settings = (call?.letterTemplates ?? {}) as Partial<LetterSignatory>;
  return {
    agencyName: settings.agencyName ?? DEFAULT_AGENCY.name,
    signatoryName: settings.signatoryName ?? DEFAULT_AGENCY.signatoryName,
    signatoryTitle: settings.signatoryTitle ?? DEFAULT_AGENCY.signatoryTitle,
  };
}

/** Names the agency, the signatory and their title printed on the call's letters from now on. */
export async function saveLetterSignatory(viewer: Viewer, callId: string, signatory: LetterSignatory) {
  assertAllowed(viewer, "call.manage", null);
  await prisma.$transaction(async (tx) => {
    const call = await tx.call.findUnique({ where: { id: callId }, select: { letterTemplates: true } });
    if (!call) throw new Response("Not found", { status: 404 });
    const before = (call.letterTemplates ?? {}) as Record<string, unknown>;
    await tx.call.update({ where: { id: callId }, data: { letterTemplates: { ...before, ...signatory } } });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "letterSignatory.saved",
      entityType: "Call",
      entityId: callId,
      before: { agencyName: before.agencyName, signatoryName: before.signatoryName, signatoryTitle: before.signatoryTitle },
      after: signatory,
    });
  });
}

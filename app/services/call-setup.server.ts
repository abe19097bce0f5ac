import { prisma, type Tx } from "~/db.server";
import { recordAudit } from "~/audit.server";
import { assertAllowed, type Viewer } from "~/auth/permissions.server";
import { DomainError } from "~/domain/errors";
import { centsToInputValue, parseEurosToCents } from "~/domain/money";
import { callPhase, closingInstant, nextStatus, openingInstant, parisDayValue, stepRefusals, stepsFrom, type CallStep } from "~/domain/call-lifecycle";
import { isUniqueViolation } from "~/db/errors.server";
import { formDefinitionSchema } from "~/domain/form-definition";
import { refreshRanking } from "~/services/ranking-queries.server";
import { lockCall } from "~/services/locks.server";
import type { CallInput } from "~/schemas/call";
import { CALL_DEFINITION_FORMAT, CALL_DEFINITION_VERSION, type CallDefinition } from "~/schemas/call-definition";
import { gridColumns, gridFormValues } from "~/services/call-grid.server";
import type { Prisma } from "~/generated/prisma/client";

/** Files handed in: the ones a change of dates must not leave outside the call's window. */
const HANDED_IN = ["SUBMITTED", "ELIGIBLE", "INELIGIBLE", "UNDER_REVIEW", "REVIEWED", "LAUREATE", "WAITLISTED", "REJECTED"] as const;
const UNDECIDED = ["SUBMITTED", "ELIGIBLE", "UNDER_REVIEW", "REVIEWED"] as const;

function cents(value: string): number {
  const parsed = parseEurosToCents(value);
  // The schema refused anything else before the service is called.
  if (parsed === null) throw new DomainError("amountInvalid");
  return parsed;
}

/** The columns a call's settings fill. */
export function callColumns(input: CallInput) {
  return {
    title: input.title,
    code: input.code,
    summary: input.summary,
    rules: input.rules,
    opensAt: openingInstant(input.opensOn),
    closesAt: closingInstant(input.closesOn),
    committeeDate: input.committeeOn ? closingInstant(input.committeeOn) : null,
    budgetCents: BigInt(cents(input.budget)),
    minGrantCents: cents(input.minGrant),
    maxGrantCents: cents(input.maxGrant),
    maxCostShare: input.maxCostShare ?? null,
    eligibleRegions: input.eligibleRegions,
    legalForms: input.legalForms,
    reviewersPerFile: input.reviewersPerFile,
    reviewDeadline: input.reviewDeadlineOn ? closingInstant(input.reviewDeadlineOn) : null,
    contactEmail: input.contactEmail,
    contactPhone: input.contactPhone,
    contactOffice: input.contactOffice,
  };
}

type CallColumns = ReturnType<typeof callColumns>;

const settingsSelect = {
  title: true,
  code: true,
  summary: true,
  rules: true,
  opensAt: true,
  closesAt: true,
  committeeDate: true,
  budgetCents: true,
  minGrantCents: true,
  maxGrantCents: true,
  maxCostShare: true,
  eligibleRegions: true,
  legalForms: true,
  reviewersPerFile: true,
  reviewDeadline: true,
  contactEmail: true,
  contactPhone: true,
  contactOffice: true,
} as const;

type StoredSettings = Prisma.CallGetPayload<{ select: typeof settingsSelect }>;

/** A stored call as its settings form shows it; `withDates: false` leaves the days empty (a duplicate). */
export function settingsFormValues(call: StoredSettings, { withDates = true } = {}) {
  const dayOf = (at: Date | null) => (withDates && at ? parisDayValue(at) : "");
  return {
    title: call.title,
    code: withDates ? call.code : "",
    summary: call.summary,
    rules: call.rules,
    opensOn: dayOf(call.opensAt),
    closesOn: dayOf(call.closesAt),
    committeeOn: dayOf(call.committeeDate),
    budget: centsToInputValue(Number(call.budgetCents)),
    minGrant: centsToInputValue(call.minGrantCents),
    maxGrant: centsToInputValue(call.maxGrantCents),
    maxCostShare: call.maxCostShare === null ? "" : String(call.maxCostShare),
    eligibleRegions: call.eligibleRegions,
    legalForms: call.legalForms,
    reviewersPerFile: String(call.reviewersPerFile),
    reviewDeadlineOn: dayOf(call.reviewDeadline),
    contactEmail: call.contactEmail,
    contactPhone: call.contactPhone,
    contactOffice: call.contactOffice,
  };
}

export async function loadCallSettings(callId: string) {
  const call = await prisma.call.findUnique({ where: { id: callId }, select: { id: true, status: true, ...settingsSelect } });
  if (!call) throw new Response("Not found", { status: 404 });
  return call;
}

function auditable(columns: Partial<CallColumns>) {
  return { ...columns, budgetCents: columns.budgetCents === undefined ? undefined : Number(columns.budgetCents) };
}

/** A call code names one call: a taken one is refused on its field, not as a crash. */
async function withUniqueCode<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError("callCodeTaken", "code", 409);
    throw error;
  }
}

const EMPTY_FORM = { version: 1, sections: [] };
const DEFAULT_LETTERS = {};

/** What a duplicate takes from its source besides the settings typed on the form: the form, the letters and the grid. */
async function copiedParts(tx: Tx, sourceCallId: string) {
  const source = await tx.call.findUnique({
    where: { id: sourceCallId },
    select: {
      formDefinition: true,
      letterTemplates: true,
      scoreScale: true,
      halfPoints: true,
      overallThreshold: true,
      tieBreak: true,
      criteria: { orderBy: { position: "asc" }, select: { position: true, label: true, description: true, weight: true, scaleMax: true, threshold: true, levels: true } },
      letterTexts: { select: { kind: true, locale: true, subject: true, body: true, closing: true } },
    },
  });
  if (!source) throw new DomainError("callNotFound", undefined, 404);
  const { criteria, formDefinition, letterTemplates, letterTexts, ...grid } = source;
  return {
    formDefinition: formDefinition ?? EMPTY_FORM,
    letterTemplates: letterTemplates ?? DEFAULT_LETTERS,
    ...grid,
    criteria: { create: criteria },
    letterTexts: { create: letterTexts },
  };
}

/** A new call, as a draft; from another call, it starts with that call's form, letters and grid. */
export async function createCall(viewer: Viewer, input: CallInput, sourceCallId?: string): Promise<string> {
  assertAllowed(viewer, "call.manage", null);
  const columns = callColumns(input);
  return withUniqueCode(() =>
    prisma.$transaction(async (tx) => {
      const copied = sourceCallId ? await copiedParts(tx, sourceCallId) : { formDefinition: EMPTY_FORM, letterTemplates: DEFAULT_LETTERS };
      const call = await tx.call.create({
        data: { ...columns, slug: columns.code.toLowerCase(), status: "DRAFT", ...copied },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId: viewer.id,
        action: sourceCallId ? "call.duplicated" : "call.created",
        entityType: "Call",
        entityId: call.id,
        after: { ...auditable(columns), ...(sourceCallId ? { sourceCallId } : {}) },
      });
      return call.id;
    }),
  );
}

/**
 * New settings for a call. Once files have been handed in, the window may not move past them
 * (a file would stand submitted after its own deadline) and the code, printed on their
 * receipts, stays. An archived call is kept as it was.
 */
export async function updateCall(viewer: Viewer, callId: string, input: CallInput): Promise<void> {
  assertAllowed(viewer, "call.manage", null);
  const columns = callColumns(input);
  await withUniqueCode(() =>
    prisma.$transaction(async (tx) => {
      await lockCall(tx, callId);
      const before = await tx.call.findUnique({ where: { id: callId }, select: { status: true, receiptCounter: true, ...settingsSelect } });
      if (!before) throw new DomainError("callNotFound", undefined, 404);
      if (before.status === "ARCHIVED") throw new DomainError("callArchived", undefined, 409);
      if (before.receiptCounter > 0 && columns.code !== before.code) throw new DomainError("callCodeInUse", "code", 409);
      const handedIn = await tx.application.aggregate({
        where: { callId, status: { in: [...HANDED_IN] } },
        _min: { submittedAt: true },
        _max: { submittedAt: true },
      });
      const last = handedIn._max.submittedAt;
      const first = handedIn._min.submittedAt;
      const errors: Record<string, string> = {};
      if (last && columns.closesAt < last) errors.closesOn = "closingBeforeSubmittedFiles";
      if (first && columns.opensAt > first) errors.opensOn = "openingAfterSubmittedFiles";
      if (Object.keys(errors).length > 0) throw new DomainError(Object.values(errors)[0]!, undefined, 409, errors);
      await tx.call.update({ where: { id: callId }, data: columns });
      // The envelope decides which files it funds.
      await refreshRanking(tx, callId);
      const changed = Object.fromEntries(
        Object.entries(columns).filter(([key, value]) => JSON.stringify(value, jsonSafe) !== JSON.stringify(before[key as keyof typeof before], jsonSafe)),
      );
      const was = Object.fromEntries(Object.keys(changed).map((key) => [key, before[key as keyof typeof before]]));
      await recordAudit(tx, {
        actorId: viewer.id,
        action: "call.updated",
        entityType: "Call",
        entityId: callId,
        before: auditable(was as Partial<CallColumns>),
        after: auditable(changed as Partial<CallColumns>),
      });
    }),
  );
}

function jsonSafe(_key: string, value: unknown) {
  return typeof value === "bigint" ? Number(value) : value;
}

const STEP_AUDIT: Record<CallStep, string> = {
  publish: "call.published",
  startReview: "call.reviewStarted",
  startDeliberation: "call.deliberationStarted",
  finalizeDecisions: "call.decisionsFinalized",
  announce: "call.announced",
  archive: "call.archived",
};

/** Whether a call has an application form to fill: a definition the form builder accepts. */
export function hasForm(definition: unknown): boolean {
  return formDefinitionSchema.safeParse(definition).success;
}

/** The facts every lifecycle guard reads, taken inside the step's transaction. */
async function callFacts(tx: Tx, callId: string) {
  const call = await tx.call.findUnique({
    where: { id: callId },
    select: {
      status: true,
      opensAt: true,
      closesAt: true,
      budgetCents: true,
      minGrantCents: true,
      maxGrantCents: true,
      formDefinition: true,
      criteria: { select: { weight: true } },
    },
  });
  if (!call) throw new DomainError("callNotFound", undefined, 404);
  const [undecidedFiles, unnotifiedDecisions] = await Promise.all([
    tx.application.count({ where: { callId, status: { in: [...UNDECIDED] } } }),
    tx.application.count({ where: { callId, status: { in: ["LAUREATE", "WAITLISTED", "REJECTED"] }, notifiedAt: null } }),
  ]);
  return {
    status: call.status,
    opensAt: call.opensAt,
    closesAt: call.closesAt,
    budgetCents: Number(call.budgetCents),
    minGrantCents: call.minGrantCents,
    maxGrantCents: call.maxGrantCents,
    hasForm: hasForm(call.formDefinition),
    criterionWeights: call.criteria.map((c) => c.weight),
    undecidedFiles,
    unnotifiedDecisions,
  };
}

/** Moves a call one step along its lifecycle, or says every reason why not. */
export async function moveCall(viewer: Viewer, callId: string, step: CallStep, now = new Date()): Promise<void> {
  assertAllowed(viewer, "call.manage", null);
  await prisma.$transaction(async (tx) => {
    await lockCall(tx, callId);
    const facts = await callFacts(tx, callId);
    const status = nextStatus(step, facts, now);
    await tx.call.update({ where: { id: callId }, data: { status } });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: STEP_AUDIT[step],
      entityType: "Call",
      entityId: callId,
      at: now,
      before: { status: callPhase(facts, now) },
      after: { status },
    });
  });
}

/** Where a call stands and, for each step staff could take from there, what still stands in the way. */
export async function loadCallLifecycle(callId: string, now = new Date()) {
  const facts = await callFacts(prisma, callId);
  const phase = callPhase(facts, now);
  return { phase, steps: stepsFrom(phase).map((step) => ({ step, refusals: stepRefusals(step, facts, now) })) };
}

/** Drops the empty answers a form sends for optional fields, as a JSON document leaves them out. */
function withoutEmpty<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== "")) as Partial<T>;
}

/** A call's whole definition, ready to be saved as JSON and imported to start another call. */
export async function exportCallDefinition(callId: string) {
  const call = await prisma.call.findUnique({
    where: { id: callId },
    select: {
      ...settingsSelect,
      formDefinition: true,
      letterTemplates: true,
      scoreScale: true,
      halfPoints: true,
      overallThreshold: true,
      tieBreak: true,
      criteria: { orderBy: { position: "asc" }, select: { label: true, description: true, levels: true, weight: true, threshold: true } },
    },
  });
  if (!call) throw new Response("Not found", { status: 404 });
  const settings = settingsFormValues(call);
  const grid = gridFormValues(call);
  return {
    format: CALL_DEFINITION_FORMAT,
    version: CALL_DEFINITION_VERSION,
    call: {
      ...withoutEmpty(settings),
      reviewersPerFile: call.reviewersPerFile,
      ...(call.maxCostShare === null ? {} : { maxCostShare: call.maxCostShare }),
    },
    grid: { ...withoutEmpty(grid), criteria: grid.criteria.map((c) => ({ ...withoutEmpty(c), weight: Number(c.weight) })) },
    form: call.formDefinition,
    letterTemplates: call.letterTemplates,
  };
}

/** A new draft call from an imported definition, its code chosen by staff. */
export async function importCall(viewer: Viewer, definition: CallDefinition, code: string): Promise<string> {
  assertAllowed(viewer, "call.manage", null);
  const columns = { ...callColumns(definition.call), code };
  const grid = gridColumns(definition.grid);
  return withUniqueCode(() =>
    prisma.$transaction(async (tx) => {
      const call = await tx.call.create({
        data: {
          ...columns,
          ...grid.call,
          slug: code.toLowerCase(),
          status: "DRAFT",
          formDefinition: definition.form as Prisma.InputJsonObject,
          letterTemplates: definition.letterTemplates,
          criteria: { create: grid.criteria.map(({ id: _id, ...criterion }) => criterion) },
        },
        select: { id: true },
      });
      await recordAudit(tx, { actorId: viewer.id, action: "call.imported", entityType: "Call", entityId: call.id, after: auditable(columns) });
      return call.id;
    }),
  );
}

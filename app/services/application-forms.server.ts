import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import { recordAudit } from "~/audit.server";
import { assertAllowed, type Viewer } from "~/auth/permissions.server";
import { DomainError } from "~/domain/errors";
import { formRulesSchema, eligibilityRulesProblems, callEligibilityRules, checkEligibility, readFormRules, type EligibilityCheck, type FormRules } from "~/domain/eligibility";
import {
  answersSchema,
  compactAnswers,
  findField,
  formatPath,
  formDefinitionSchema,
  parseFormDefinition,
  STANDARD_FORM,
  WELL_KNOWN_KEYS,
  wellKnownColumns,
  type Answers,
  type FormDefinition,
} from "~/domain/form-definition";
import { centsToInputValue } from "~/domain/money";

type Db = Prisma.TransactionClient | typeof prisma;

export interface VersionedForm {
  definition: FormDefinition;
  version: number;
}

/**
 * The form a file is filled with: the version it was started on. The call holds its current
 * version; earlier ones, kept when staff edited the form after files had started, are rows
 * of their own.
 */
export async function formOfApplication(db: Db, application: { callId: string; formVersion: number }): Promise<VersionedForm> {
  const call = await db.call.findUniqueOrThrow({ where: { id: application.callId }, select: { formVersion: true, formDefinition: true } });
  if (call.formVersion === application.formVersion) return { definition: parseFormDefinition(call.formDefinition), version: call.formVersion };
  const kept = await db.callFormVersion.findUniqueOrThrow({
    where: { callId_version: { callId: application.callId, version: application.formVersion } },
    select: { definition: true },
  });
  return { definition: parseFormDefinition(kept.definition), version: application.formVersion };
}

/** Answers as stored: an object of answers, whatever an older row may hold. */
export function storedAnswers(value: unknown): Answers {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Answers) : {};
}

/**
 * A file written before its answers were kept by the form (or by a script) has its title,
 * summary and amount in their columns only: they fill the form's well-known fields.
 */
function withColumns(answers: Answers, definition: FormDefinition, columns: { projectTitle: string; summary: string; requestedCents: number | null }): Answers {
  const filled = { ...answers };
  const fill = (key: string, value: string) => {
    if (filled[key] === undefined && value && findField(definition, key)) filled[key] = value;
  };
  fill(WELL_KNOWN_KEYS.projectTitle, columns.projectTitle);
  fill(WELL_KNOWN_KEYS.summary, columns.summary);
  fill(WELL_KNOWN_KEYS.requestedAmount, centsToInputValue(columns.requestedCents));
  return filled;
}

export interface ApplicationContent extends VersionedForm {
  answers: Answers;
  attachments: { id: string; kind: string; filename: string; sizeBytes: number }[];
  eligibility: EligibilityCheck[];
  /** What the page needs to check eligibility again as the applicant types. */
  eligibilityInput: {
    call: { minGrantCents: number; maxGrantCents: number };
    rules: ReturnType<typeof callEligibilityRules>;
    organization: { region: string; legalForm: string; membersCount: number };
  };
}

/** A file's answers, files and eligibility against the form version it was started on, in one or two queries. */
export async function loadApplicationContent(db: Db, applicationId: string): Promise<ApplicationContent> {
  const app = await db.application.findUniqueOrThrow({
    where: { id: applicationId },
    select: {
      callId: true,
      formVersion: true,
      answers: true,
      projectTitle: true,
      summary: true,
      requestedCents: true,
      organization: { select: { region: true, legalForm: true, membersCount: true } },
      call: {
        select: {
          formVersion: true,
          formDefinition: true,
          minGrantCents: true,
          maxGrantCents: true,
          eligibleRegions: true,
          legalForms: true,
          maxCostShare: true,
          eligibilityRules: true,
        },
      },
      attachments: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, kind: true, filename: true, sizeBytes: true } },
    },
  });
  const definition =
    app.call.formVersion === app.formVersion
      ? parseFormDefinition(app.call.formDefinition)
      : (await formOfApplication(db, app)).definition;
  const answers = withColumns(storedAnswers(app.answers), definition, app);
  const eligibilityInput = {
    call: { minGrantCents: app.call.minGrantCents, maxGrantCents: app.call.maxGrantCents },
    rules: callEligibilityRules(app.call),
    organization: app.organization,
  };
  const eligibility = checkEligibility({ ...eligibilityInput, definition, answers, attachments: new Set(app.attachments.map((a) => a.kind)) });
  return { definition, version: app.formVersion, answers, attachments: app.attachments, eligibility, eligibilityInput };
}

/**
 * The call's current form, as staff edit it and new files start with it. A call created
 * without a form (or holding one that is not valid) offers the standard form to start from,
 * saved only when staff save it.
 */
export async function currentFormOfCall(callId: string): Promise<VersionedForm & { rules: FormRules; startedOnCurrent: number; fromStandard: boolean }> {
  const call = await prisma.call.findUnique({
    where: { id: callId },
    select: { formVersion: true, formDefinition: true, eligibilityRules: true },
  });
  if (!call) throw new Response("Not found", { status: 404 });
  const startedOnCurrent = await prisma.application.count({ where: { callId, formVersion: call.formVersion } });
  const stored = formDefinitionSchema.safeParse(call.formDefinition);
  return {
    definition: stored.success ? stored.data : STANDARD_FORM,
    fromStandard: !stored.success,
    version: call.formVersion,
    rules: readFormRules(call.eligibilityRules),
    startedOnCurrent,
  };
}

/** A definition refused, every problem at its path (« sections[0].fields[2].key »). */
export class DefinitionError extends DomainError {
  constructor(readonly problems: Record<string, string>) {
    super("definitionInvalid", undefined, 400, problems);
  }
}

export function validateDefinition(input: unknown): FormDefinition {
  const result = formDefinitionSchema.safeParse(input);
  if (result.success) return result.data;
  const problems: Record<string, string> = {};
  for (const issue of result.error.issues) problems[formatPath(issue.path)] ??= issue.message;
  throw new DefinitionError(problems);
}

/**
 * Saves the call's form and the conditions read from it. Once a file has started on the
 * current version, the change makes a new version: those files keep the one they started on
 * (the old definition is kept beside the call), new files take the new one. Before that, the
 * version is edited in place.
 */
export async function saveCallForm(
  viewer: Viewer,
  callId: string,
  input: { definition: unknown; rules?: FormRules; migrateDrafts?: boolean },
): Promise<{ version: number; migrated: number }> {
  assertAllowed(viewer, "call.form.edit", null);
  const definition = validateDefinition(input.definition);
  return prisma.$transaction(async (tx) => {
    // One editor at a time: two saves racing could both think no new version was needed.
    await tx.$executeRaw`SELECT 1 FROM "Call" WHERE "id" = ${callId} FOR UPDATE`;
    const call = await tx.call.findUnique({
      where: { id: callId },
      select: { formVersion: true, formDefinition: true, eligibilityRules: true, eligibleRegions: true, legalForms: true, maxCostShare: true },
    });
    if (!call) throw new DomainError("callNotFound", undefined, 404);
    const rules = input.rules ?? formRulesSchema.parse(call.eligibilityRules ?? {});
    const ruleProblems = eligibilityRulesProblems({ ...callEligibilityRules(call), ...rules }, definition);
    if (ruleProblems.length > 0) throw new DefinitionError(Object.fromEntries(ruleProblems.map((p) => [`rules.${p.path}`, p.message])));
    const started = await tx.application.count({ where: { callId, formVersion: call.formVersion } });
    const version = started > 0 ? call.formVersion + 1 : call.formVersion;
    if (started > 0) {
      await tx.callFormVersion.createMany({
        data: [{ callId, version: call.formVersion, definition: call.formDefinition as Prisma.InputJsonValue }],
        skipDuplicates: true,
      });
    }
    await tx.call.update({
      where: { id: callId },
      data: { formDefinition: definition as unknown as Prisma.InputJsonValue, formVersion: version, eligibilityRules: rules as Prisma.InputJsonValue },
    });
    const migrated = started > 0 && input.migrateDrafts ? await migrateDrafts(tx, viewer, callId, call.formVersion, version, definition) : 0;
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "call.form_saved",
      entityType: "Call",
      entityId: callId,
      before: { formVersion: call.formVersion, formDefinition: call.formDefinition, eligibilityRules: call.eligibilityRules },
      after: { formVersion: version, formDefinition: definition, eligibilityRules: rules, migratedDrafts: migrated },
    });
    return { version, migrated };
  });
}

/**
 * Answers carried to another version of the form: those it still asks for and accepts; an
 * answer the new form refuses (a field now shorter, a choice now gone) is left out.
 */
export function carryAnswers(definition: FormDefinition, answers: Answers): Answers {
  const schema = answersSchema(definition);
  let kept: Answers = { ...answers };
  for (let attempt = 0; attempt < 3; attempt++) {
    const result = schema.safeParse(kept);
    if (result.success) return compactAnswers(result.data);
    const refused = new Set(result.error.issues.map((issue) => String(issue.path[0])));
    kept = Object.fromEntries(Object.entries(kept).filter(([key]) => !refused.has(key)));
  }
  return {};
}

/** Drafts started on the previous version move to the new one when staff choose so; each applicant is told on the file's page. */
async function migrateDrafts(tx: Prisma.TransactionClient, viewer: Viewer, callId: string, from: number, to: number, definition: FormDefinition): Promise<number> {
  const drafts = await tx.application.findMany({ where: { callId, formVersion: from, status: "DRAFT" }, select: { id: true, answers: true } });
  for (const draft of drafts) {
    const answers = carryAnswers(definition, storedAnswers(draft.answers));
    await tx.application.update({ where: { id: draft.id }, data: { formVersion: to, answers: answers as Prisma.InputJsonValue, ...wellKnownColumns(answers) } });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "application.form_migrated",
      entityType: "Application",
      entityId: draft.id,
      before: { formVersion: from, answers: draft.answers },
      after: { formVersion: to, answers },
    });
  }
  return drafts.length;
}

/** When staff last moved this draft to a newer form version, if they did since its last save: the page tells the applicant. */
export async function pendingFormMigration(applicationId: string): Promise<{ at: Date; version: number } | null> {
  const [last] = await prisma.auditEvent.findMany({
    where: { entityType: "Application", entityId: applicationId, action: { in: ["application.form_migrated", "application.draft_saved"] } },
    orderBy: { seq: "desc" },
    take: 1,
    select: { action: true, createdAt: true, after: true },
  });
  if (last?.action !== "application.form_migrated") return null;
  return { at: last.createdAt, version: Number((last.after as { formVersion?: number } | null)?.formVersion ?? 0) };
}

import { z } from "zod";
import { isCalendarDate, MAX_AMOUNT_CENTS, text } from "~/schemas/fields";
import { parseEurosToCents } from "~/domain/money";
import { isValidSiret, normalizeSiret } from "~/domain/siret";

/**
 * A call's application form, as staff build it: sections of typed fields, some shown only
 * when another answer has a given value. The definition is data (stored as JSON on the call),
 * validated by `formDefinitionSchema`; `answersSchema` turns it into the zod schema that
 * Conform uses in the browser and on the server, so the form has one source of truth.
 *
 * Answers are stored as the applicant typed them (trimmed): « 185 000 » stays « 185 000 »;
 * `moneyCents`, `numberValue` and `groupTotal` read the numbers out of them.
 */

/** The largest attachment the storage accepts; a field may ask for less. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** Formats an attachment may be limited to, each recognised by the file's content. */
export const ATTACHMENT_FORMATS = {
  pdf: ["application/pdf"],
  image: ["image/png", "image/jpeg"],
  spreadsheet: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.oasis.opendocument.spreadsheet"],
  document: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/vnd.oasis.opendocument.text"],
} as const;
export type AttachmentFormat = keyof typeof ATTACHMENT_FORMATS;
const FORMAT_NAMES = Object.keys(ATTACHMENT_FORMATS) as [AttachmentFormat, ...AttachmentFormat[]];

/** What `<input accept>` offers for each format (the server still checks the content). */
export const ATTACHMENT_ACCEPT: Record<AttachmentFormat, string> = {
  pdf: "application/pdf,.pdf",
  image: "image/png,image/jpeg,.png,.jpg,.jpeg",
  spreadsheet: ".xlsx,.ods",
  document: ".docx,.odt",
};

/** Form names of the page itself: a field may not take them. */
const RESERVED_KEYS = new Set(["intent", "confirmWithdraw"]);
const KEY = /^[a-z][a-zA-Z0-9]{0,39}$/;

const key = z.string().regex(KEY, "definitionKeyInvalid");
const label = z.string().trim().min(1, "required").max(300, "tooLong");
const help = z.string().trim().max(1000, "tooLong").optional();

/** Shown when the answer to `field` is `equals`, or one of them; for a multiple choice, when it contains one. */
export const conditionSchema = z.object({
  field: key,
  equals: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
});
export type Condition = z.infer<typeof conditionSchema>;

const base = {
  key,
  label,
  help,
  required: z.boolean().default(false),
  visibleWhen: conditionSchema.optional(),
};

const option = z.object({ value: z.string().trim().min(1).max(100), label });

const bound = z.number().finite().optional();

export const FIELD_TYPES = [
  "shortText",
  "longText",
  "integer",
  "decimal",
  "money",
  "percentage",
  "date",
  "email",
  "phone",
  "url",
  "siret",
  "choice",
  "multipleChoice",
  "checkbox",
  "yesNo",
  "attachment",
  "group",
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

const shortText = z.object({ ...base, type: z.literal("shortText"), maxLength: z.number().int().min(1).max(1000).default(200) });
const longText = z.object({ ...base, type: z.literal("longText"), maxLength: z.number().int().min(1).max(20000).default(4000) });
const integer = z.object({ ...base, type: z.literal("integer"), min: bound, max: bound });
const decimal = z.object({ ...base, type: z.literal("decimal"), min: bound, max: bound });
/** Bounds in euros, as staff think of them. */
const money = z.object({ ...base, type: z.literal("money"), min: bound, max: bound });
const percentage = z.object({ ...base, type: z.literal("percentage"), min: bound, max: bound });
const date = z.object({
  ...base,
  type: z.literal("date"),
  min: z.string().refine(isCalendarDate, "dateInvalid").optional(),
  max: z.string().refine(isCalendarDate, "dateInvalid").optional(),
});
const email = z.object({ ...base, type: z.literal("email") });
const phone = z.object({ ...base, type: z.literal("phone") });
const url = z.object({ ...base, type: z.literal("url") });
const siret = z.object({ ...base, type: z.literal("siret") });
const choice = z.object({
  ...base,
  type: z.literal("choice"),
  options: z.array(option).min(1, "optionsRequired"),
  /** A long list reads better as a drop-down than as radio buttons. */
  display: z.enum(["radio", "select"]).default("radio"),
});
const multipleChoice = z.object({
  ...base,
  type: z.literal("multipleChoice"),
  options: z.array(option).min(1, "optionsRequired"),
  min: z.number().int().min(0).optional(),
  max: z.number().int().min(1).optional(),
});
const checkbox = z.object({ ...base, type: z.literal("checkbox") });
const yesNo = z.object({ ...base, type: z.literal("yesNo") });
const attachment = z.object({
  ...base,
  type: z.literal("attachment"),
  formats: z.array(z.enum(FORMAT_NAMES)).min(1).default(["pdf"]),
  maxBytes: z.number().int().min(1).max(MAX_ATTACHMENT_BYTES).default(MAX_ATTACHMENT_BYTES),
  /** How many files the field takes: 1 replaces the file on each upload, more adds to them. */
  maxFiles: z.number().int().min(1).max(10).default(1),
});

const leafFields = [shortText, longText, integer, decimal, money, percentage, date, email, phone, url, siret, choice, multipleChoice, checkbox, yesNo] as const;

/** A field of a repeatable group's row: any simple field, without a condition of its own. */
const rowField = z.discriminatedUnion("type", [...leafFields]);

const group = z.object({
  ...base,
  type: z.literal("group"),
  fields: z.array(rowField).min(1, "groupFieldsRequired"),
  minRows: z.number().int().min(0).optional(),
  maxRows: z.number().int().min(1).max(50).default(20),
  /** Label of the « add a row » button, e.g. « Ajouter une entreprise ». */
  addLabel: z.string().trim().max(100).optional(),
  /** The key of a numeric column summed under the table (e.g. the budget's total). */
  total: z.string().optional(),
  /** A money field whose share of the total is shown beside it (e.g. the requested grant). */
  shareOf: z.string().optional(),
});

export const fieldSchema = z.discriminatedUnion("type", [...leafFields, attachment, group]);

export const sectionSchema = z.object({
  key,
  title: label,
  description: z.string().trim().max(2000, "tooLong").optional(),
  visibleWhen: conditionSchema.optional(),
  fields: z.array(fieldSchema),
});

export const formDefinitionSchema = z
  .object({ sections: z.array(sectionSchema).min(1, "sectionsRequired") })
  .superRefine((definition, context) => {
    for (const problem of definitionProblems(definition)) {
      context.addIssue({ code: z.ZodIssueCode.custom, path: problem.path, message: problem.message });
    }
  });

export type FormDefinition = z.infer<typeof formDefinitionSchema>;
export type Section = FormDefinition["sections"][number];
export type Field = Section["fields"][number];
export type RowField = z.infer<typeof rowField>;
export type GroupField = Extract<Field, { type: "group" }>;
export type AttachmentField = Extract<Field, { type: "attachment" }>;
type AnyField = Field | RowField;

const NUMERIC_TYPES = new Set<FieldType>(["integer", "decimal", "money", "percentage"]);
const CONDITION_TYPES = new Set<FieldType>(["choice", "multipleChoice", "checkbox", "yesNo"]);

/** The values a field that others may depend on can take. */
function possibleValues(field: Field): string[] {
  if (field.type === "choice" || field.type === "multipleChoice") return field.options.map((o) => o.value);
  if (field.type === "checkbox") return ["yes"];
  if (field.type === "yesNo") return ["yes", "no"];
  return [];
}

interface Problem {
  path: (string | number)[];
  message: string;
}

/**
 * Everything wrong with a definition at once, each at the element at fault: keys used twice,
 * conditions on fields that do not exist (or come later, or cannot be chosen from), bounds
 * the wrong way round, totals of columns that are not numbers.
 */
function definitionProblems(definition: { sections: Section[] }): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, Field>();
  const sectionKeys = new Set<string>();
  const checkCondition = (condition: Condition | undefined, path: (string | number)[]) => {
    if (!condition) return;
    const target = seen.get(condition.field);
    if (!target) {
      problems.push({ path: [...path, "visibleWhen", "field"], message: "conditionFieldMissing" });
      return;
    }
    if (!CONDITION_TYPES.has(target.type)) {
      problems.push({ path: [...path, "visibleWhen", "field"], message: "conditionFieldNotChoice" });
      return;
    }
    const allowed = possibleValues(target);
    const values = Array.isArray(condition.equals) ? condition.equals : [condition.equals];
    if (values.some((value) => !allowed.includes(value))) problems.push({ path: [...path, "visibleWhen", "equals"], message: "conditionValueUnknown" });
  };
  definition.sections.forEach((section, s) => {
    if (sectionKeys.has(section.key)) problems.push({ path: ["sections", s, "key"], message: "definitionKeyDuplicate" });
    sectionKeys.add(section.key);
    checkCondition(section.visibleWhen, ["sections", s]);
    section.fields.forEach((field, f) => {
      const path = ["sections", s, "fields", f];
      // Conditions look backwards only, so that no two fields can hide each other.
      checkCondition(field.visibleWhen, path);
      if (RESERVED_KEYS.has(field.key)) problems.push({ path: [...path, "key"], message: "definitionKeyReserved" });
      if (seen.has(field.key)) problems.push({ path: [...path, "key"], message: "definitionKeyDuplicate" });
      seen.set(field.key, field);
      problems.push(...fieldProblems(field, path));
      if (field.type === "group") {
        const rowKeys = new Set<string>();
        field.fields.forEach((sub, r) => {
          const subPath = [...path, "fields", r];
          if (rowKeys.has(sub.key)) problems.push({ path: [...subPath, "key"], message: "definitionKeyDuplicate" });
          rowKeys.add(sub.key);
          if (sub.visibleWhen) problems.push({ path: [...subPath, "visibleWhen"], message: "conditionInGroup" });
          problems.push(...fieldProblems(sub, subPath));
        });
        if (field.total !== undefined) {
          const column = field.fields.find((sub) => sub.key === field.total);
          if (!column) problems.push({ path: [...path, "total"], message: "totalFieldMissing" });
          else if (!NUMERIC_TYPES.has(column.type)) problems.push({ path: [...path, "total"], message: "totalFieldNotNumeric" });
        }
        if (field.shareOf !== undefined) {
          if (field.total === undefined) problems.push({ path: [...path, "shareOf"], message: "totalFieldMissing" });
          else if (seen.get(field.shareOf)?.type !== "money") problems.push({ path: [...path, "shareOf"], message: "shareFieldNotMoney" });
        }
        if (field.minRows !== undefined && field.minRows > field.maxRows) problems.push({ path: [...path, "minRows"], message: "boundsReversed" });
      }
    });
  });
  return problems;
}

function fieldProblems(field: AnyField, path: (string | number)[]): Problem[] {
  const problems: Problem[] = [];
  if ("min" in field && "max" in field && field.min !== undefined && field.max !== undefined && field.min > field.max) {
    problems.push({ path: [...path, "min"], message: "boundsReversed" });
  }
  if (field.type === "choice" || field.type === "multipleChoice") {
    const values = new Set<string>();
    field.options.forEach((item, index) => {
      if (values.has(item.value)) problems.push({ path: [...path, "options", index, "value"], message: "optionDuplicate" });
      values.add(item.value);
    });
    if (field.type === "multipleChoice" && field.max !== undefined && field.max > field.options.length) {
      problems.push({ path: [...path, "max"], message: "boundAboveOptions" });
    }
  }
  if (field.type === "percentage" && ((field.min ?? 0) < 0 || (field.max ?? 100) > 100)) problems.push({ path: [...path, "max"], message: "percentageBounds" });
  if (field.type === "money" && (field.min ?? 0) < 0) problems.push({ path: [...path, "min"], message: "boundsNegative" });
  return problems;
}

/** Reads a stored definition; throws when it is not one (a bug or a hand-edited row). */
export function parseFormDefinition(value: unknown): FormDefinition {
  return formDefinitionSchema.parse(value);
}

// ---------------------------------------------------------------------------------------
// Answers.

export type RowAnswers = Record<string, string | string[] | undefined>;
export type AnswerValue = string | string[] | RowAnswers[];
export type Answers = Record<string, AnswerValue | undefined>;

export function allFields(definition: FormDefinition): Field[] {
  return definition.sections.flatMap((section) => section.fields);
}

export function findField(definition: FormDefinition, fieldKey: string): Field | undefined {
  return allFields(definition).find((field) => field.key === fieldKey);
}

export function attachmentFields(definition: FormDefinition): AttachmentField[] {
  return allFields(definition).filter((field): field is AttachmentField => field.type === "attachment");
}

export function isConditionMet(condition: Condition | undefined, answers: Record<string, unknown>): boolean {
  if (!condition) return true;
  const answer = answers[condition.field];
  const expected = Array.isArray(condition.equals) ? condition.equals : [condition.equals];
  if (Array.isArray(answer)) return answer.some((value) => typeof value === "string" && expected.includes(value));
  return typeof answer === "string" && expected.includes(answer.trim());
}

/**
 * The sections and fields shown for these answers. Conditions only look at earlier fields, so
 * one pass in order decides each: a field whose controlling field is hidden is hidden too.
 */
export function visibility(definition: FormDefinition, answers: Record<string, unknown>): { sections: Set<string>; fields: Set<string> } {
  const sections = new Set<string>();
  const fields = new Set<string>();
  const shownAnswers: Record<string, unknown> = {};
  for (const section of definition.sections) {
    if (!isConditionMet(section.visibleWhen, shownAnswers)) continue;
    sections.add(section.key);
    for (const field of section.fields) {
      if (!isConditionMet(field.visibleWhen, shownAnswers)) continue;
      fields.add(field.key);
      shownAnswers[field.key] = answers[field.key];
    }
  }
  return { sections, fields };
}

export function visibleFieldKeys(definition: FormDefinition, answers: Record<string, unknown>): Set<string> {
  return visibility(definition, answers).fields;
}

const PHONE = /^(?:(?:\+|00)33\s?[1-9]|0[1-9])(?:[\s.-]?\d{2}){4}$/;

function isHttpUrl(value: string): boolean {
  try {
    const parsed = new URL(value);
    return (parsed.protocol === "http:" || parsed.protocol === "https:") && parsed.hostname.includes(".");
  } catch {
    return false;
  }
}

/** A number as people type it in French: « 12,5 », « 1 200 », « 40 % ». */
export function parseDecimal(value: string): number | null {
  const cleaned = value.replace(/[\s\u202f\u00a0%]/g, "").replace(",", ".");
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
  return Number(cleaned);
}

export function parseInteger(value: string): number | null {
  const cleaned = value.replace(/[\s\u202f\u00a0]/g, "");
  if (!/^-?\d{1,15}$/.test(cleaned)) return null;
  return Number(cleaned);
}

interface Mode {
  /** At submission every required answer must be there; a draft may leave any out. */
  complete: boolean;
}

function boundsIssue(value: number, min: number | undefined, max: number | undefined, context: z.RefinementCtx) {
  if (min !== undefined && value < min) context.addIssue({ code: z.ZodIssueCode.custom, message: max !== undefined ? "outOfRange" : "belowMin" });
  else if (max !== undefined && value > max) context.addIssue({ code: z.ZodIssueCode.custom, message: min !== undefined ? "outOfRange" : "aboveMax" });
}

/** A string answer checked by `check`, which reports what is wrong or nothing. */
function checkedString(check: (value: string, context: z.RefinementCtx) => void) {
  return z
    .string({ invalid_type_error: "required" })
    .trim()
    .superRefine((value, context) => {
      if (value !== "") check(value, context);
    });
}

function singleValueSchema(field: Exclude<AnyField, GroupField | AttachmentField>): z.ZodType<string | string[], z.ZodTypeDef, unknown> {
  switch (field.type) {
    case "shortText":
    case "longText":
      return text({ max: field.maxLength });
    case "integer":
      return checkedString((value, context) => {
        const number = parseInteger(value);
        if (number === null) context.addIssue({ code: z.ZodIssueCode.custom, message: "integerExpected" });
        else boundsIssue(number, field.min, field.max, context);
      });
    case "decimal":
    case "percentage":
      return checkedString((value, context) => {
        const number = parseDecimal(value);
        if (number === null) context.addIssue({ code: z.ZodIssueCode.custom, message: "numberExpected" });
        else boundsIssue(number, field.type === "percentage" ? (field.min ?? 0) : field.min, field.type === "percentage" ? (field.max ?? 100) : field.max, context);
      });
    case "money":
      return checkedString((value, context) => {
        const cents = parseEurosToCents(value);
        if (cents === null) context.addIssue({ code: z.ZodIssueCode.custom, message: "amountInvalid" });
        else if (cents > MAX_AMOUNT_CENTS) context.addIssue({ code: z.ZodIssueCode.custom, message: "amountTooLarge" });
        else boundsIssue(cents, field.min === undefined ? undefined : field.min * 100, field.max === undefined ? undefined : field.max * 100, context);
      });
    case "date":
      return checkedString((value, context) => {
        if (!isCalendarDate(value)) context.addIssue({ code: z.ZodIssueCode.custom, message: "dateInvalid" });
        // ISO days compare as strings.
        else if ((field.min && value < field.min) || (field.max && value > field.max)) context.addIssue({ code: z.ZodIssueCode.custom, message: "dateOutOfRange" });
      });
    case "email":
      return z.string().trim().max(254, "tooLong").email("emailInvalid");
    case "phone":
      return checkedString((value, context) => {
        if (!PHONE.test(value)) context.addIssue({ code: z.ZodIssueCode.custom, message: "phoneInvalid" });
      });
    case "url":
      return checkedString((value, context) => {
        if (value.length > 2000 || !isHttpUrl(value)) context.addIssue({ code: z.ZodIssueCode.custom, message: "urlInvalid" });
      });
    case "siret":
      return checkedString((value, context) => {
        if (!/^\d{14}$/.test(normalizeSiret(value))) context.addIssue({ code: z.ZodIssueCode.custom, message: "siretFormat" });
        else if (!isValidSiret(value)) context.addIssue({ code: z.ZodIssueCode.custom, message: "siretChecksum" });
      });
    case "choice": {
      const values = field.options.map((o) => o.value);
      return z.string().refine((value) => values.includes(value), "choiceInvalid");
    }
    case "multipleChoice": {
      const values = field.options.map((o) => o.value);
      // One box ticked arrives as a string, several as an array.
      return z
        .preprocess((value) => (typeof value === "string" ? [value] : value), z.array(z.string().refine((value) => values.includes(value), "choiceInvalid")))
        .superRefine((chosen, context) => {
          if (field.max !== undefined && chosen.length > field.max) context.addIssue({ code: z.ZodIssueCode.custom, message: "tooManyChoices" });
        });
    }
    case "checkbox":
      return z.literal("yes", { errorMap: () => ({ message: "choiceInvalid" }) });
    case "yesNo":
      return z.enum(["yes", "no"], { errorMap: () => ({ message: "choiceInvalid" }) });
  }
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "") || (Array.isArray(value) && value.length === 0);
}

/** Conform leaves empty inputs out; an answer that is there but empty is the same thing. */
function fieldSchema_(field: Exclude<AnyField, AttachmentField>, mode: Mode): z.ZodTypeAny {
  if (field.type === "group") return groupSchema(field, mode);
  const inner = singleValueSchema(field);
  return z.preprocess((value) => (isEmpty(value) ? undefined : value), inner.optional().superRefine((value, context) => {
    if (value !== undefined && field.type === "multipleChoice" && mode.complete && field.min !== undefined && (value as string[]).length < field.min) {
      context.addIssue({ code: z.ZodIssueCode.custom, message: "tooFewChoices" });
    }
    if (value === undefined && mode.complete && field.required) context.addIssue({ code: z.ZodIssueCode.custom, message: "required" });
  }));
}

function groupSchema(field: GroupField, mode: Mode): z.ZodTypeAny {
  const row = z.object(Object.fromEntries(field.fields.map((sub) => [sub.key, fieldSchema_(sub, mode)])));
  return z.preprocess(
    // A row left entirely empty is no row: it is dropped rather than refused.
    (value) => (Array.isArray(value) ? value.filter((item) => item && typeof item === "object" && Object.values(item).some((v) => !isEmpty(v))) : value === undefined ? [] : value),
    z
      .array(row, { invalid_type_error: "required" })
      .max(field.maxRows, "tooManyRows")
      .superRefine((rows, context) => {
        if (!mode.complete) return;
        if (field.required && rows.length === 0) context.addIssue({ code: z.ZodIssueCode.custom, message: "required" });
        else if (field.minRows !== undefined && rows.length < field.minRows) context.addIssue({ code: z.ZodIssueCode.custom, message: "tooFewRows" });
      }),
  );
}

/**
 * The schema of a form's answers, from its definition. Hidden fields are left out before
 * anything is checked: they are neither required nor kept. Attachments are files, checked
 * and stored apart (see `missingAttachments`); their inputs are ignored here.
 */
export function answersSchema(definition: FormDefinition, mode: Mode = { complete: false }): z.ZodType<Answers, z.ZodTypeDef, unknown> {
  const shape: Record<string, z.ZodTypeAny> = {};
  for (const field of allFields(definition)) {
    if (field.type !== "attachment") shape[field.key] = fieldSchema_(field, mode);
  }
  return z.unknown().transform((input, context) => {
    const raw = input && typeof input === "object" ? (input as Record<string, unknown>) : {};
    const visible = visibleFieldKeys(definition, raw);
    const shown = z.object(Object.fromEntries(Object.entries(shape).filter(([name]) => visible.has(name))));
    const result = shown.safeParse(raw);
    if (result.success) return result.data as Answers;
    for (const issue of result.error.issues) context.addIssue(issue);
    return z.NEVER;
  });
}

/** Drops what was left empty (undefined answers, groups without rows), so stored answers hold only what was given. */
export function compactAnswers(answers: Answers): Answers {
  const compact: Answers = {};
  for (const [name, value] of Object.entries(answers)) {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    if (Array.isArray(value) && value.length > 0 && typeof value[0] === "object") {
      compact[name] = (value as RowAnswers[]).map((row) => Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined)));
    } else compact[name] = value;
  }
  return compact;
}

/** Required attachments of visible fields that have no file, as field → error key. */
export function missingAttachments(definition: FormDefinition, answers: Answers, present: ReadonlySet<string>): Record<string, string> {
  const visible = visibleFieldKeys(definition, answers);
  const missing: Record<string, string> = {};
  for (const field of attachmentFields(definition)) {
    if (field.required && visible.has(field.key) && !present.has(field.key)) missing[field.key] = "required";
  }
  return missing;
}

/**
 * What a draft still lacks before it may be submitted, as field path → error key: the
 * stored answers checked as complete, and the files required.
 */
export function missingForSubmission(definition: FormDefinition, answers: Answers, attachmentsPresent: ReadonlySet<string>): Record<string, string> {
  const missing: Record<string, string> = {};
  const result = answersSchema(definition, { complete: true }).safeParse(answers);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = formatPath(issue.path);
      missing[path] ??= issue.message;
    }
  }
  return { ...missing, ...missingAttachments(definition, answers, attachmentsPresent) };
}

/** Conform's name of a nested field: « budget[0].amount ». */
export function formatPath(path: (string | number)[]): string {
  return path.reduce<string>((name, part) => (typeof part === "number" ? `${name}[${part}]` : name ? `${name}.${part}` : part), "");
}

// ---------------------------------------------------------------------------------------
// Reading numbers out of answers.

export function moneyCents(value: unknown): number | null {
  return typeof value === "string" ? parseEurosToCents(value) : null;
}

export function numberValue(field: AnyField, value: unknown): number | null {
  if (typeof value !== "string") return null;
  if (field.type === "money") {
    const cents = parseEurosToCents(value);
    return cents === null ? null : cents / 100;
  }
  if (field.type === "integer") return parseInteger(value);
  return parseDecimal(value);
}

/**
 * The total of a group's numeric column over the rows given (a row that cannot be read counts
 * nothing): in cents for a money column, else the plain sum.
 */
export function groupTotal(field: GroupField, rows: unknown): number | null {
  const column = field.fields.find((sub) => sub.key === field.total);
  if (!column || !Array.isArray(rows)) return null;
  let sum = 0;
  for (const row of rows) {
    const value = row && typeof row === "object" ? (row as Record<string, unknown>)[column.key] : undefined;
    if (column.type === "money") sum += moneyCents(value) ?? 0;
    else sum += numberValue(column, value) ?? 0;
  }
  return column.type === "money" ? sum : Math.round(sum * 1e6) / 1e6;
}

/** `part` as a percentage of `whole`, to one decimal; null when the whole is nothing. */
export function sharePercent(part: number | null, whole: number | null): number | null {
  if (part === null || whole === null || whole <= 0) return null;
  return Math.round((part / whole) * 1000) / 10;
}

// ---------------------------------------------------------------------------------------
// Well-known fields: what the rest of the application reads from a file.

/**
 * The answers the ranking, lists, emails and letters read, kept in their own columns:
 * `projectTitle` (short text), `summary` (long text) and `requestedAmount` (money, in cents).
 * A form without one of them leaves its column empty.
 */
export const WELL_KNOWN_KEYS = { projectTitle: "projectTitle", summary: "summary", requestedAmount: "requestedAmount" } as const;

export function wellKnownColumns(answers: Answers): { projectTitle: string; summary: string; requestedCents: number | null } {
  const projectTitle = answers[WELL_KNOWN_KEYS.projectTitle];
  const summary = answers[WELL_KNOWN_KEYS.summary];
  return {
    projectTitle: typeof projectTitle === "string" ? projectTitle : "",
    summary: typeof summary === "string" ? summary : "",
    requestedCents: moneyCents(answers[WELL_KNOWN_KEYS.requestedAmount]),
  };
}

/** The form every call starts with: a title, a summary, the amount requested and one PDF. */
export const STANDARD_FORM: FormDefinition = parseFormDefinition({
  sections: [
    {
      key: "projet",
      title: "Projet",
      fields: [
        { key: "projectTitle", type: "shortText", label: "Titre du projet", required: true, maxLength: 200 },
        { key: "summary", type: "longText", label: "Résumé du projet", help: "Objectifs, actions prévues et résultats attendus.", required: true, maxLength: 4000 },
        { key: "requestedAmount", type: "money", label: "Montant demandé", required: true },
        { key: "projectPdf", type: "attachment", label: "Dossier de présentation (PDF)", required: true, formats: ["pdf"] },
      ],
    },
  ],
});

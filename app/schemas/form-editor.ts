import { z } from "zod";
import {
  formDefinitionSchema,
  MAX_ATTACHMENT_BYTES,
  type Field,
  type FormDefinition,
  type RowField,
} from "~/domain/form-definition";
import { eligibilityRulesProblems, type EligibilityRules, type FormRules } from "~/domain/eligibility";

/**
 * The staff's form editor works on plain inputs, so that it works without JavaScript: every
 * element of the definition is a group of named inputs (« sections[0].fields[2].label »),
 * options are a text area of lines « valeur | libellé », a condition is a field's key and its
 * values. These helpers turn a definition into those inputs and back; a refusal lands on the
 * input of the element at fault.
 */

type Text = string | undefined;

export type EditorField = {
  key?: Text;
  type?: Text;
  label?: Text;
  help?: Text;
  required?: Text;
  conditionField?: Text;
  conditionValues?: Text;
  maxLength?: Text;
  min?: Text;
  max?: Text;
  options?: Text;
  display?: Text;
  formats?: string | string[];
  maxSizeMb?: Text;
  maxFiles?: Text;
  minRows?: Text;
  maxRows?: Text;
  addLabel?: Text;
  total?: Text;
  shareOf?: Text;
  fields?: EditorField[];
};

export type EditorSection = {
  key?: Text;
  title?: Text;
  description?: Text;
  conditionField?: Text;
  conditionValues?: Text;
  fields?: EditorField[];
};

export type EditorValue = {
  sections?: EditorSection[];
  rules?: { minMembers?: Text; membersField?: Text; costsField?: Text };
};

const VALUES_SEPARATOR = ";";
const number = (value: number | undefined) => (value === undefined ? undefined : String(value));

function conditionToEditor(condition: { field: string; equals: string | string[] } | undefined) {
  if (!condition) return {};
  return { conditionField: condition.field, conditionValues: (Array.isArray(condition.equals) ? condition.equals : [condition.equals]).join(`${VALUES_SEPARATOR} `) };
}

function fieldToEditor(field: Field | RowField): EditorField {
  const editor: EditorField = { key: field.key, type: field.type, label: field.label, help: field.help, required: field.required ? "on" : undefined, ...conditionToEditor(field.visibleWhen) };
  switch (field.type) {
    case "shortText":
    case "longText":
      return { ...editor, maxLength: String(field.maxLength) };
    case "integer":
    case "decimal":
    case "money":
    case "percentage":
      return { ...editor, min: number(field.min), max: number(field.max) };
    case "date":
      return { ...editor, min: field.min, max: field.max };
    case "choice":
    case "multipleChoice":
      return {
        ...editor,
        options: field.options.map((option) => (option.value === option.label ? option.label : `${option.value} | ${option.label}`)).join("\n"),
        ...(field.type === "choice" ? { display: field.display } : { min: number(field.min), max: number(field.max) }),
      };
    case "attachment":
      return { ...editor, formats: field.formats, maxSizeMb: String(field.maxBytes / (1024 * 1024)), maxFiles: String(field.maxFiles) };
    case "group":
      return {
        ...editor,
        minRows: number(field.minRows),
        maxRows: String(field.maxRows),
        addLabel: field.addLabel,
        total: field.total,
        shareOf: field.shareOf,
        fields: field.fields.map(fieldToEditor),
      };
    default:
      return editor;
  }
}

export function definitionToEditor(definition: FormDefinition, rules: FormRules): EditorValue {
  return {
    sections: definition.sections.map((section) => ({
      key: section.key,
      title: section.title,
      description: section.description,
      ...conditionToEditor(section.visibleWhen),
      fields: section.fields.map(fieldToEditor),
    })),
    rules: { minMembers: number(rules.minMembers), membersField: rules.membersField, costsField: rules.costsField },
  };
}

/** A key from a label, for a field added without one: « Année de création » → « anneeDeCreation ». */
export function keyFromLabel(label: string): string {
  const words = label
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter(Boolean);
  const key = words.map((word, index) => (index === 0 ? word.toLowerCase() : word[0]!.toUpperCase() + word.slice(1).toLowerCase())).join("");
  return /^[a-z]/.test(key) ? key.slice(0, 40) : `champ${key}`.slice(0, 40);
}

type Issue = { path: (string | number)[]; message: string };

const keyOrEmpty = (label: string | undefined) => (label ? keyFromLabel(label) : "");

/** A field sent twice arrives as a list: only a single text counts as typed. */
function textOf(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function trimmed(value: Text): string | undefined {
  const text = textOf(value)?.trim();
  return text ? text : undefined;
}

function readNumber(value: Text, path: (string | number)[], issues: Issue[]): number | undefined {
  const text = trimmed(value);
  if (text === undefined) return undefined;
  const parsed = Number(text.replace(/\s/g, "").replace(",", "."));
  if (!Number.isFinite(parsed)) {
    issues.push({ path, message: "numberExpected" });
    return undefined;
  }
  return parsed;
}

function readCondition(item: { conditionField?: Text; conditionValues?: Text }) {
  const field = trimmed(item.conditionField);
  if (!field) return undefined;
  const values = (textOf(item.conditionValues) ?? "").split(VALUES_SEPARATOR).map((v) => v.trim()).filter(Boolean);
  return { field, equals: values.length === 1 ? values[0]! : values };
}

function readOptions(text: Text) {
  return (textOf(text) ?? "")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [value, ...label] = line.split("|");
      return label.length > 0 ? { value: value!.trim(), label: label.join("|").trim() } : { value: line, label: line };
    });
}

function readField(field: EditorField, path: (string | number)[], issues: Issue[]): Record<string, unknown> {
  const label = textOf(field.label)?.trim() ?? "";
  const type = field.type ?? "shortText";
  const base: Record<string, unknown> = {
    key: trimmed(field.key) ?? (label ? keyFromLabel(label) : ""),
    type,
    label,
    help: trimmed(field.help),
    required: field.required === "on",
    visibleWhen: readCondition(field),
  };
  const num = (name: keyof EditorField) => readNumber(field[name] as Text, [...path, name], issues);
  switch (type) {
    case "shortText":
    case "longText":
      return { ...base, maxLength: num("maxLength") };
    case "integer":
    case "decimal":
    case "money":
    case "percentage":
    case "multipleChoice":
      return { ...base, min: num("min"), max: num("max"), ...(type === "multipleChoice" ? { options: readOptions(field.options) } : {}) };
    case "date":
      return { ...base, min: trimmed(field.min), max: trimmed(field.max) };
    case "choice":
      return { ...base, options: readOptions(field.options), display: field.display === "select" ? "select" : "radio" };
    case "attachment": {
      const megabytes = num("maxSizeMb");
      const formats = (Array.isArray(field.formats) ? field.formats : field.formats ? [field.formats] : []).filter(Boolean);
      return {
        ...base,
        formats: formats.length > 0 ? formats : undefined,
        maxBytes: megabytes === undefined ? undefined : Math.round(megabytes * 1024 * 1024),
        maxFiles: num("maxFiles"),
      };
    }
    case "group":
      return {
        ...base,
        minRows: num("minRows"),
        maxRows: num("maxRows"),
        addLabel: trimmed(field.addLabel),
        total: trimmed(field.total),
        shareOf: trimmed(field.shareOf),
        fields: (field.fields ?? []).map((sub, index) => readField(sub, [...path, "fields", index], issues)),
      };
    default:
      return base;
  }
}

/** Where a problem of the definition shows in the editor: the input that holds it. */
function editorPath(path: (string | number)[]): (string | number)[] {
  const index = path.findIndex((part) => part === "visibleWhen" || part === "options" || part === "maxBytes" || part === "formats");
  if (index < 0) return path;
  const head = path.slice(0, index);
  const part = path[index];
  if (part === "visibleWhen") return [...head, path[index + 1] === "equals" ? "conditionValues" : "conditionField"];
  if (part === "maxBytes") return [...head, "maxSizeMb"];
  return [...head, part!];
}

/** zod's own messages are English sentences: the editor shows the matching i18n key instead. */
function messageKey(issue: z.ZodIssue): string {
  if (/^[a-zA-Z]+$/.test(issue.message)) return issue.message;
  if (issue.code === "too_big") return "tooLarge";
  if (issue.code === "too_small") return issue.type === "string" || issue.type === "array" ? "required" : "numberTooSmall";
  if (issue.code === "invalid_type" && issue.expected === "number") return "integerExpected";
  return "choiceInvalid";
}

export interface EditedForm {
  definition: FormDefinition;
  rules: FormRules;
}

/**
 * The editor's schema: its inputs read into a definition and the conditions read from it,
 * validated as the call will use them (the call's own conditions say whether the costs must
 * be named).
 */
export function formEditorSchema(callRules: Pick<EligibilityRules, "regions" | "legalForms" | "maxSharePercent">): z.ZodType<EditedForm, z.ZodTypeDef, unknown> {
  return z.unknown().transform((input, context) => {
    const value = (input && typeof input === "object" ? input : {}) as EditorValue;
    const issues: Issue[] = [];
    const sections = (value.sections ?? []).map((section, s) => ({
      key: trimmed(section.key) ?? keyOrEmpty(trimmed(section.title)),
      title: trimmed(section.title) ?? "",
      description: trimmed(section.description),
      visibleWhen: readCondition(section),
      fields: (section.fields ?? []).map((field, f) => readField(field, ["sections", s, "fields", f], issues)),
    }));
    const rules: FormRules = {
      minMembers: readNumber(value.rules?.minMembers, ["rules", "minMembers"], issues),
      membersField: trimmed(value.rules?.membersField),
      costsField: trimmed(value.rules?.costsField),
    };
    const parsed = formDefinitionSchema.safeParse({ sections });
    if (parsed.success) {
      for (const problem of eligibilityRulesProblems({ ...callRules, ...rules }, parsed.data)) issues.push({ path: ["rules", problem.path], message: problem.message });
      if (rules.minMembers !== undefined && (!Number.isInteger(rules.minMembers) || rules.minMembers < 1)) issues.push({ path: ["rules", "minMembers"], message: "positiveExpected" });
    } else {
      for (const issue of parsed.error.issues) issues.push({ path: editorPath(issue.path), message: messageKey(issue) });
    }
    for (const issue of issues) context.addIssue({ code: z.ZodIssueCode.custom, path: issue.path, message: issue.message });
    if (!parsed.success || issues.length > 0) return z.NEVER;
    return { definition: parsed.data, rules: Object.fromEntries(Object.entries(rules).filter(([, v]) => v !== undefined)) as FormRules };
  });
}

/** Megabytes a field may take at most, for the editor's hint. */
export const MAX_ATTACHMENT_MB = MAX_ATTACHMENT_BYTES / (1024 * 1024);

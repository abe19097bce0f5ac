import { z } from "zod";
import {
  attachmentFields,
  findField,
  groupTotal,
  moneyCents,
  numberValue,
  sharePercent,
  visibleFieldKeys,
  WELL_KNOWN_KEYS,
  type Answers,
  type FormDefinition,
} from "~/domain/form-definition";

/**
 * The conditions a call reads from the form's answers, stored with the call as JSON: how many
 * members the applicant must gather and where they are counted, and which repeatable group
 * totals the eligible costs the requested share is taken of.
 */
export const formRulesSchema = z.object({
  minMembers: z.number().int().min(1).max(100_000).optional(),
  /** An integer field, or a repeatable group whose rows are counted. Else the organisation's count. */
  membersField: z.string().optional(),
  /** A repeatable group whose money column's total is the eligible costs. */
  costsField: z.string().optional(),
});
export type FormRules = z.infer<typeof formRulesSchema>;

/** Stored rules, or none when the column holds something else. */
export function readFormRules(value: unknown): FormRules {
  const parsed = formRulesSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : {};
}

/**
 * Every eligibility condition of a call: where the applicant must be, what it must be (empty
 * lists for any), how many members it must gather, what share of its costs it may ask for.
 */
export interface EligibilityRules extends FormRules {
  regions: readonly string[];
  legalForms: readonly string[];
  maxSharePercent?: number;
}

export function callEligibilityRules(call: { eligibleRegions: string[]; legalForms: string[]; maxCostShare: number | null; eligibilityRules: unknown }): EligibilityRules {
  return {
    regions: call.eligibleRegions,
    legalForms: call.legalForms,
    ...(call.maxCostShare === null ? {} : { maxSharePercent: call.maxCostShare }),
    ...readFormRules(call.eligibilityRules),
  };
}

/** Rules that name fields must name fields of the form that can serve: reported at their path. */
export function eligibilityRulesProblems(rules: EligibilityRules, definition: FormDefinition): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (rules.membersField !== undefined) {
    const field = findField(definition, rules.membersField);
    if (!field || (field.type !== "integer" && field.type !== "group")) problems.push({ path: "membersField", message: "eligibilityFieldUnsuitable" });
  }
  if (rules.maxSharePercent !== undefined) {
    const costs = rules.costsField === undefined ? undefined : findField(definition, rules.costsField);
    const column = costs?.type === "group" ? costs.fields.find((field) => field.key === costs.total) : undefined;
    if (column?.type !== "money") problems.push({ path: "costsField", message: "eligibilityFieldUnsuitable" });
  }
  return problems;
}

export interface EligibilityContext {
  call: { minGrantCents: number; maxGrantCents: number };
  rules: EligibilityRules;
  organization: { region: string; legalForm: string; membersCount: number };
  definition: FormDefinition;
  answers: Answers;
  /** Attachment fields that have at least one file. */
  attachments: ReadonlySet<string>;
}

export type EligibilityRule = "region" | "legalForm" | "members" | "amount" | "share" | "documents";

/**
 * One condition: met, unmet, or not yet known (the answer it needs is not there). `params`
 * carries the numbers the message states: amounts in cents, shares in percent.
 */
export interface EligibilityCheck {
  rule: EligibilityRule;
  status: "met" | "unmet" | "unknown";
  /** The form field to change, when there is one. */
  field?: string;
  params: Record<string, string | number | string[]>;
}

function check(rule: EligibilityRule, ok: boolean | null, params: EligibilityCheck["params"], field?: string): EligibilityCheck {
  return { rule, status: ok === null ? "unknown" : ok ? "met" : "unmet", params, ...(field ? { field } : {}) };
}

function membersCount(context: EligibilityContext): number | null {
  const { rules, definition, answers, organization } = context;
  if (rules.membersField === undefined) return organization.membersCount;
  const field = findField(definition, rules.membersField);
  const value = answers[rules.membersField];
  if (field?.type === "group") return Array.isArray(value) ? value.length : null;
  if (field?.type === "integer") return numberValue(field, value);
  return null;
}

/** Every condition of the call, in a fixed order, for the applicant's form and the staff's checklist. */
export function checkEligibility(context: EligibilityContext): EligibilityCheck[] {
  const { call, rules, organization, definition, answers } = context;
  const checks: EligibilityCheck[] = [];
  if (rules.regions.length > 0) checks.push(check("region", rules.regions.includes(organization.region), { region: organization.region, allowed: [...rules.regions] }));
  if (rules.legalForms.length > 0) checks.push(check("legalForm", rules.legalForms.includes(organization.legalForm), { legalForm: organization.legalForm, allowed: [...rules.legalForms] }));
  if (rules.minMembers !== undefined) {
    const count = membersCount(context);
    checks.push(check("members", count === null ? null : count >= rules.minMembers, { min: rules.minMembers, count: count ?? 0 }, rules.membersField));
  }
  const amountField = findField(definition, WELL_KNOWN_KEYS.requestedAmount);
  const amount = amountField?.type === "money" ? moneyCents(answers[amountField.key]) : null;
  if (amountField?.type === "money") {
    checks.push(
      check("amount", amount === null ? null : amount >= call.minGrantCents && amount <= call.maxGrantCents, { min: call.minGrantCents, max: call.maxGrantCents, amount: amount ?? 0 }, amountField.key),
    );
  }
  if (rules.maxSharePercent !== undefined && rules.costsField !== undefined) {
    const costs = findField(definition, rules.costsField);
    // The costs' column is money (see eligibilityRulesProblems): its total is in cents.
    const totalCents = costs?.type === "group" ? groupTotal(costs, answers[costs.key]) : null;
    const share = sharePercent(amount, totalCents);
    // Compared on the exact amounts, not the rounded percentage shown.
    const ok = amount === null || !totalCents ? null : amount * 100 <= rules.maxSharePercent * totalCents;
    // The largest amount the share allows, for the message: « demandez au plus … ».
    const limit = totalCents ? Math.floor((totalCents * rules.maxSharePercent) / 100) : 0;
    checks.push(check("share", ok, { max: rules.maxSharePercent, share: share ?? 0, total: totalCents ?? 0, amount: amount ?? 0, limit }, rules.costsField));
  }
  const visible = visibleFieldKeys(definition, answers);
  const required = attachmentFields(definition).filter((field) => field.required && visible.has(field.key));
  if (required.length > 0) {
    const missing = required.filter((field) => !context.attachments.has(field.key));
    checks.push(check("documents", missing.length === 0, { missing: missing.map((field) => field.label), count: missing.length }, missing[0]?.key));
  }
  return checks;
}

/** What stops a submission: conditions not met, and those that cannot be checked for lack of an answer. */
export function eligibilityFailures(checks: EligibilityCheck[]): EligibilityCheck[] {
  return checks.filter((item) => item.status !== "met");
}

const FIELD_ERRORS: Partial<Record<EligibilityRule, string>> = {
  members: "eligibilityMembers",
  amount: "eligibilityAmount",
  share: "eligibilityShare",
  documents: "required",
};

/**
 * The failures as field → i18n error key, to show each next to the field to change; the
 * organisation's region and legal form are no field of the form and show in the checklist.
 */
export function eligibilityFieldErrors(checks: EligibilityCheck[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const failure of eligibilityFailures(checks)) {
    const key = FIELD_ERRORS[failure.rule];
    if (!key || !failure.field) continue;
    errors[failure.field] ??= failure.status === "unknown" ? "required" : key;
  }
  return errors;
}

/** Whether any condition fails, on a field or not. */
export function isEligible(checks: EligibilityCheck[]): boolean {
  return eligibilityFailures(checks).length === 0;
}

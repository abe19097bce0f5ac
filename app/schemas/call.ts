import { z } from "zod";
import { parseEurosToCents } from "~/domain/money";
import { calendarDate, euros, isCalendarDate, optionalText, text } from "~/schemas/fields";
import { LEGAL_FORMS, REGIONS } from "~/schemas/organization";

/** A call's reference code starts every receipt number and letter reference (« GRAPPES-2026-000042 »). */
const CODE = /^[A-Z0-9](?:[A-Z0-9-]{0,38}[A-Z0-9])?$/;

export const callCode = () =>
  z
    .string({ required_error: "required" })
    .trim()
    .toUpperCase()
    .min(1, "required")
    .regex(CODE, "callCodeFormat");

const wholeNumber = (min: number, max: number) =>
  z
    .number({ required_error: "required", invalid_type_error: "integerExpected" })
    .int("integerExpected")
    .min(min, "numberTooSmall")
    .max(max, "numberTooLarge");

/** A call's settings as staff type them, field by field; `callSchema` adds the rules between fields. */
export const callFields = z.object({
  title: text({ max: 200, required: true }),
  code: callCode(),
  summary: text({ max: 600, required: true }),
  rules: text({ max: 20000, required: true }),
  opensOn: calendarDate(),
  closesOn: calendarDate(),
  committeeOn: calendarDate().optional(),
  budget: euros(),
  minGrant: euros(),
  maxGrant: euros(),
  maxCostShare: wholeNumber(1, 100).optional(),
  eligibleRegions: z.array(z.enum(REGIONS, { errorMap: () => ({ message: "required" }) })).default([]),
  legalForms: z.array(z.enum(LEGAL_FORMS, { errorMap: () => ({ message: "required" }) })).default([]),
  reviewersPerFile: wholeNumber(1, 10),
  reviewDeadlineOn: calendarDate().optional(),
  contactEmail: text({ max: 254, required: true }).email("emailInvalid"),
  contactPhone: optionalText(40).refine((v) => v === "" || /^\+?[\d\s.()-]{6,}$/.test(v), "phoneInvalid"),
  contactOffice: optionalText(300),
});

/**
 * A call's settings with the rules between fields, each reported on the field to change. Those
 * rules read the values as sent, before the fields are checked, so the form says everything that
 * is wrong at once instead of the rules only once every field is right.
 */
export const callSchema = z.preprocess((raw, context) => {
  if (raw !== null && typeof raw === "object") {
    for (const { path, message } of crossFieldIssues(raw as Record<string, unknown>)) context.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
  }
  return raw;
}, callFields);

export type CallInput = z.infer<typeof callSchema>;

const day = (value: unknown) => (typeof value === "string" && isCalendarDate(value.trim()) ? value.trim() : undefined);
const amount = (value: unknown) => (typeof value === "string" ? parseEurosToCents(value) : null);

/**
 * The rules that tie a call's fields together, each on the field to change. They read raw values
 * and skip a rule whose fields are themselves wrong, so an imported definition gets them reported
 * alongside its other problems.
 */
export function crossFieldIssues(call: Record<string, unknown>): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const issue = (path: string, message: string) => issues.push({ path, message });
  const [opensOn, closesOn, reviewDeadlineOn, committeeOn] = [call.opensOn, call.closesOn, call.reviewDeadlineOn, call.committeeOn].map(day);
  // Days compare as their "YYYY-MM-DD" text.
  if (opensOn && closesOn && closesOn < opensOn) issue("closesOn", "closingBeforeOpening");
  if (closesOn && reviewDeadlineOn && reviewDeadlineOn < closesOn) issue("reviewDeadlineOn", "reviewDeadlineBeforeClosing");
  const committeeAfter = reviewDeadlineOn ?? closesOn;
  if (committeeOn && committeeAfter && committeeOn < committeeAfter) {
    issue("committeeOn", reviewDeadlineOn ? "committeeBeforeReviewDeadline" : "committeeBeforeClosing");
  }
  const [budget, min, max] = [amount(call.budget), amount(call.minGrant), amount(call.maxGrant)];
  if (budget === 0) issue("budget", "envelopeEmpty");
  else if (budget !== null && min !== null && budget < min) issue("budget", "envelopeBelowMinimum");
  if (max !== null && min !== null && max < min) issue("maxGrant", "maxGrantBelowMinimum");
  else if (max !== null && budget !== null && max > budget) issue("maxGrant", "maxGrantAboveEnvelope");
  return issues;
}

/** Staff move a call one step along its lifecycle. */
export const callStepSchema = z.object({
  step: z.enum(["publish", "startReview", "startDeliberation", "finalizeDecisions", "announce", "archive"], {
    errorMap: () => ({ message: "required" }),
  }),
});

/** A call started from an exported definition: the file, and the new call's own code. */
export const importCallSchema = z.object({
  code: callCode(),
  definition: z.instanceof(File, { message: "required" }).refine((file) => file.size > 0, "required"),
});

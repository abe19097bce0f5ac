import { z } from "zod";
import { parseEurosToCents } from "~/domain/money";
import { calendarDate, euros, optionalText, text } from "~/schemas/fields";
import { LEGAL_FORMS, REGIONS } from "~/schemas/organization";

/** A call's reference code starts every receipt number and letter reference (« GRAPPES-2026-000042 »). */
const CODE = /^[A-Z0-9](?:[A-Z0-9-]{0,38}[A-Z0-9])?$/;

const wholeNumber = (min: number, max: number) =>
  z
    .number({ required_error: "required", invalid_type_error: "integerExpected" })
    .int("integerExpected")
    .min(min, "numberTooSmall")
    .max(max, "numberTooLarge");

/**
 * A call's settings, as staff type them. The rules that tie fields together are checked here
 * too, each reported on the field to change, so the form says everything that is wrong at once.
 */
export const callSchema = z
  .object({
    title: text({ max: 200, required: true }),
    code: z
      .string({ required_error: "required" })
      .trim()
      .toUpperCase()
      .min(1, "required")
      .regex(CODE, "callCodeFormat"),
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
  })
  .superRefine((call, context) => {
    const issue = (path: string, message: string) => context.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    // Days compare as their "YYYY-MM-DD" text.
    if (call.closesOn < call.opensOn) issue("closesOn", "closingBeforeOpening");
    if (call.reviewDeadlineOn && call.reviewDeadlineOn < call.closesOn) issue("reviewDeadlineOn", "reviewDeadlineBeforeClosing");
    if (call.committeeOn && call.committeeOn < (call.reviewDeadlineOn ?? call.closesOn)) {
      issue("committeeOn", call.reviewDeadlineOn ? "committeeBeforeReviewDeadline" : "committeeBeforeClosing");
    }
    const budget = parseEurosToCents(call.budget);
    const min = parseEurosToCents(call.minGrant);
    const max = parseEurosToCents(call.maxGrant);
    if (budget === null || min === null || max === null) return;
    if (budget === 0) issue("budget", "envelopeEmpty");
    else if (budget < min) issue("budget", "envelopeBelowMinimum");
    if (max < min) issue("maxGrant", "maxGrantBelowMinimum");
    else if (max > budget) issue("maxGrant", "maxGrantAboveEnvelope");
  });

export type CallInput = z.infer<typeof callSchema>;

/** Staff move a call one step along its lifecycle. */
export const callStepSchema = z.object({
  step: z.enum(["publish", "startReview", "startDeliberation", "finalizeDecisions", "announce", "archive"], {
    errorMap: () => ({ message: "required" }),
  }),
});

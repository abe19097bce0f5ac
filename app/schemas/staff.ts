import { z } from "zod";
import { eurosField } from "~/schemas/application";

export const eligibilitySchema = z.object({
  intent: z.literal("eligibility"),
  eligible: z.enum(["yes", "no"], { errorMap: () => ({ message: "required" }) }),
  note: z.string().trim().max(2000, "tooLong").default(""),
});

export const assignSchema = z.object({
  intent: z.literal("assign"),
  reviewerId: z.string({ required_error: "required" }).min(1, "required"),
  dueAt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "dateInvalid")
    .optional(),
});

export const OUTCOMES = ["LAUREATE", "WAITLISTED", "REJECTED"] as const;

export const decisionSchema = z.object({
  intent: z.literal("decide"),
  outcome: z.enum(OUTCOMES, { errorMap: () => ({ message: "required" }) }),
  awardedAmount: eurosField.optional(),
  motivation: z.string({ required_error: "required" }).trim().min(1, "required").max(8000, "tooLong"),
  committeeDate: z.string({ required_error: "required" }).regex(/^\d{4}-\d{2}-\d{2}$/, "dateInvalid"),
});

export const issueLetterSchema = z.object({ intent: z.literal("issueLetter") });

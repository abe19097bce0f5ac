import { z } from "zod";
import { calendarDate, euros, optionalText, text } from "~/schemas/fields";

export const eligibilitySchema = z.object({
  intent: z.literal("eligibility"),
  eligible: z.enum(["yes", "no"], { errorMap: () => ({ message: "required" }) }),
  note: optionalText(2000),
});

export const assignSchema = z.object({
  intent: z.literal("assign"),
  reviewerId: text({ max: 64, required: true }),
  dueAt: calendarDate().optional(),
});

export const OUTCOMES = ["LAUREATE", "WAITLISTED", "REJECTED"] as const;

export const decisionSchema = z.object({
  intent: z.literal("decide"),
  /** The decision version the form was shown with: a decision recorded since then refuses this one. */
  decisionVersion: z.number({ required_error: "required", invalid_type_error: "required" }).int().min(0).max(2_147_483_647),
  outcome: z.enum(OUTCOMES, { errorMap: () => ({ message: "required" }) }),
  awardedAmount: euros().optional(),
  motivation: text({ max: 8000, required: true }),
  committeeDate: calendarDate(),
});

export const issueLetterSchema = z.object({ intent: z.literal("issueLetter") });

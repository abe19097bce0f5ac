import { z } from "zod";
import { optionalText, text } from "~/schemas/fields";

export const SCORE_SCALES = ["5", "10", "20"] as const;
export const TIE_BREAKS = ["EARLIER_SUBMISSION", "COMMITTEE"] as const;

/** A score typed by a person: « 3 », « 2,5 » or « 2.5 »; null when it is not a number. */
export function parsePoints(value: string): number | null {
  const cleaned = value.trim().replace(",", ".");
  return /^\d{1,3}(\.\d{1,2})?$/.test(cleaned) ? Number(cleaned) : null;
}

const points = () =>
  z
    .string()
    .trim()
    .refine((value) => parsePoints(value) !== null, "numberExpected")
    .optional();

export const criterionSchema = z.object({
  /** Present for a criterion already saved: its scores stay with it when the grid is reordered. */
  id: z.string().max(64).optional(),
  label: text({ max: 200, required: true }),
  description: optionalText(2000),
  /** One level per line, lowest first. */
  levels: optionalText(4000),
  weight: z
    .number({ required_error: "required", invalid_type_error: "integerExpected" })
    .int("integerExpected")
    .min(1, "numberTooSmall")
    .max(100, "numberTooLarge"),
  threshold: points(),
});

/**
 * A call's scoring grid. Weights add up to 100 %; thresholds fit the scale and its step (whole
 * or half points). Each refusal names the element at fault.
 */
export const gridSchema = z
  .object({
    scoreScale: z.enum(SCORE_SCALES, { errorMap: () => ({ message: "required" }) }),
    halfPoints: z.enum(["yes", "no"], { errorMap: () => ({ message: "required" }) }),
    overallThreshold: points(),
    tieBreak: z.enum(TIE_BREAKS, { errorMap: () => ({ message: "required" }) }),
    criteria: z.array(criterionSchema, { required_error: "criterionMissing" }).min(1, "criterionMissing").max(20, "numberTooLarge"),
  })
  .superRefine((grid, context) => {
    const scale = Number(grid.scoreScale);
    const step = grid.halfPoints === "yes" ? 0.5 : 1;
    const checkThreshold = (value: string | undefined, path: (string | number)[]) => {
      const parsed = value === undefined ? null : parsePoints(value);
      if (parsed === null) return;
      const message = parsed > scale ? "thresholdAboveScale" : (parsed / step) % 1 !== 0 ? (step === 1 ? "wholePointsOnly" : "halfPointsOnly") : null;
      if (message) context.addIssue({ code: z.ZodIssueCode.custom, path, message });
    };
    grid.criteria.forEach((criterion, index) => checkThreshold(criterion.threshold, ["criteria", index, "threshold"]));
    checkThreshold(grid.overallThreshold, ["overallThreshold"]);
    const total = grid.criteria.reduce((sum, c) => sum + c.weight, 0);
    if (total !== 100) context.addIssue({ code: z.ZodIssueCode.custom, path: ["criteria"], message: "weightsNot100" });
  });

export type GridInput = z.infer<typeof gridSchema>;

export const reopenGridSchema = z.object({
  intent: z.literal("reopen"),
  reason: text({ max: 2000, required: true }),
});

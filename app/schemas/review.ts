import { z } from "zod";
import { optionalText, text } from "~/schemas/fields";

export interface ReviewCriterion {
  id: string;
  scaleMax: number;
}

export const RECOMMENDATIONS = ["FUND", "RESERVE", "DO_NOT_FUND"] as const;

/** Lengths of the review's texts, stated on the form next to each field. */
export const REVIEW_LIMITS = { comment: 4000, overallComment: 8000, conflictReason: 2000 } as const;

/**
 * The scoring form follows the call's grid: one score and one comment per criterion.
 * Built from the same criteria on the server and in the browser.
 */
export function buildReviewSchema(criteria: ReviewCriterion[]) {
  const shape: Record<string, z.ZodTypeAny> = {
    intent: z.enum(["save", "submit"]),
    overallComment: optionalText(REVIEW_LIMITS.overallComment),
    recommendation: z.enum(RECOMMENDATIONS, { errorMap: () => ({ message: "required" }) }).optional(),
  };
  for (const criterion of criteria) {
    shape[`score_${criterion.id}`] = z.coerce
      .number({ invalid_type_error: "scoreOutOfScale" })
      .int("scoreOutOfScale")
      .min(0, "scoreOutOfScale")
      .max(criterion.scaleMax, "scoreOutOfScale")
      .optional();
    shape[`comment_${criterion.id}`] = optionalText(REVIEW_LIMITS.comment);
  }
  return z.object(shape);
}

export function readReviewScores(values: Record<string, unknown>, criteria: ReviewCriterion[]) {
  return criteria.flatMap((criterion) => {
    const score = values[`score_${criterion.id}`];
    return typeof score === "number"
      ? [{ criterionId: criterion.id, score, comment: String(values[`comment_${criterion.id}`] ?? "") }]
      : [];
  });
}

export const conflictSchema = z.object({
  intent: z.literal("conflict"),
  reason: text({ max: REVIEW_LIMITS.conflictReason, required: true }),
});

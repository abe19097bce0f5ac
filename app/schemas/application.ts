import { z } from "zod";
import { parseEurosToCents } from "~/domain/money";

/** An amount typed in euros ("150 000", "150000,50"); negative or non-numeric text is refused. */
export const eurosField = z
  .string({ required_error: "required" })
  .trim()
  .refine((value) => parseEurosToCents(value) !== null, "amountInvalid");

/**
 * One schema for the applicant's file form. A draft may be incomplete, so only the shape of
 * each field is checked here; completeness is the domain's guard at submission.
 */
export const applicationFormSchema = z.object({
  intent: z.enum(["save", "submit"]),
  projectTitle: z.string().trim().max(200, "tooLong").default(""),
  summary: z.string().trim().max(4000, "tooLong").default(""),
  requestedAmount: eurosField.optional(),
  // `File` is looked up when a form is checked, not when this module loads: remix-serve loads
  // the build before installing its own File class, which the upload handler then uses.
  projectPdf: z.custom<File>((value) => value instanceof File).optional(),
});

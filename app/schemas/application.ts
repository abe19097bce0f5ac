import { z } from "zod";
import { euros, optionalText } from "~/schemas/fields";

/**
 * One schema for the applicant's file form. A draft may be incomplete, so only the shape of
 * each field is checked here; completeness is the domain's guard at submission.
 */
export const applicationFormSchema = z.object({
  intent: z.enum(["save", "submit"]),
  projectTitle: optionalText(200),
  summary: optionalText(4000),
  requestedAmount: euros().optional(),
  // `File` is looked up when a form is checked, not when this module loads: remix-serve loads
  // the build before installing its own File class, which the upload handler then uses.
  projectPdf: z.custom<File>((value) => value instanceof File).optional(),
});

import { z } from "zod";
import { euros, optionalText } from "~/schemas/fields";

/**
 * One schema for the applicant's file form. A draft may be incomplete, so only the shape of
 * each field is checked here; completeness is the domain's guard at submission.
 */
/** Lengths of the file's texts, stated on the form next to each field. */
export const APPLICATION_LIMITS = { projectTitle: 200, summary: 4000 } as const;

export const applicationFormSchema = z.object({
  intent: z.enum(["save", "submit"]),
  projectTitle: optionalText(APPLICATION_LIMITS.projectTitle),
  summary: optionalText(APPLICATION_LIMITS.summary),
  requestedAmount: euros().optional(),
  // `File` is looked up when a form is checked, not when this module loads: remix-serve loads
  // the build before installing its own File class, which the upload handler then uses.
  projectPdf: z.custom<File>((value) => value instanceof File).optional(),
});

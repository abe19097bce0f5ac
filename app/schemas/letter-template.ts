import { z } from "zod";
import { LETTER_KINDS, LETTER_LOCALES, unknownMergeFields } from "~/domain/letter-templates";
import { text } from "~/schemas/fields";

/** Which template a form is about: a kind of letter and a language. */
export const letterTemplateKeySchema = z.object({
  kind: z.enum(LETTER_KINDS),
  locale: z.enum(LETTER_LOCALES),
});

/**
 * A call's wording for one kind of letter. A merge field that does not exist is refused next to
 * the part that names it, with its name (« unknownMergeField:montnat »).
 */
export const letterTemplateSchema = letterTemplateKeySchema
  .extend({
    subject: text({ max: 300, required: true }),
    body: text({ max: 20_000, required: true }),
    closing: text({ max: 1_000, required: true }),
  })
  .superRefine((value, ctx) => {
    for (const part of ["subject", "body", "closing"] as const) {
      const [unknown] = unknownMergeFields(value[part]);
      if (unknown !== undefined) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [part], message: `unknownMergeField:${unknown}` });
    }
  });

/** The agency and the person who sign a call's letters; the title may run over two lines (« Pour le ministre et par délégation, »). */
export const letterSignatorySchema = z.object({
  agencyName: text({ max: 200, required: true }),
  signatoryName: text({ max: 120, required: true }),
  signatoryTitle: text({ max: 300, required: true }),
});

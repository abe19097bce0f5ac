import { z } from "zod";
import { text } from "~/schemas/fields";

/** The code printed on a letter; the reference is asked only of letters issued before codes had their own address. */
export const verificationSchema = z.object({
  reference: text({ max: 60 }).toUpperCase().optional(),
  code: text({ max: 30, required: true }),
});

/** A letter's PDF given back to be compared, byte for byte, with the one the agency issued. */
export const letterFileSchema = verificationSchema.extend({
  letterPdf: z.custom<File>((value) => value instanceof File, "required"),
});

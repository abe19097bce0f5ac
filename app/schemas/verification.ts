import { z } from "zod";
import { text } from "~/schemas/fields";

export const verificationSchema = z.object({
  reference: text({ max: 60 }).toUpperCase(),
  code: text({ max: 30 }),
});

import { z } from "zod";

export const verificationSchema = z.object({
  reference: z.string({ required_error: "required" }).trim().toUpperCase().max(60, "tooLong"),
  code: z.string({ required_error: "required" }).trim().max(30, "tooLong"),
});

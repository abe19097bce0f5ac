import { z } from "zod";
import { text } from "~/schemas/fields";

export const loginSchema = z.object({
  email: z.string({ required_error: "required" }).trim().email("emailInvalid"),
  password: z.string({ required_error: "required" }),
  redirectTo: z.string().optional(),
});

export const signupSchema = z
  .object({
    name: text({ max: 120 }).min(2, "nameTooShort"),
    email: z.string({ required_error: "required" }).trim().toLowerCase().email("emailInvalid"),
    password: z.string({ required_error: "required" }).min(12, "passwordTooShort").max(200, "tooLong"),
    confirmPassword: z.string({ required_error: "required" }),
  })
  .refine((data) => data.password === data.confirmPassword, { message: "passwordsDiffer", path: ["confirmPassword"] });

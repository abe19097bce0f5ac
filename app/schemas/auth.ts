import { z } from "zod";

export const loginSchema = z.object({
  email: z.string({ required_error: "required" }).trim().email("emailInvalid"),
  password: z.string({ required_error: "required" }),
  redirectTo: z.string().optional(),
});

export const signupSchema = z
  .object({
    name: z.string({ required_error: "required" }).trim().min(2, "nameTooShort").max(120, "tooLong"),
    email: z.string({ required_error: "required" }).trim().toLowerCase().email("emailInvalid"),
    password: z.string({ required_error: "required" }).min(12, "passwordTooShort").max(200, "tooLong"),
    confirmPassword: z.string({ required_error: "required" }),
  })
  .refine((data) => data.password === data.confirmPassword, { message: "passwordsDiffer", path: ["confirmPassword"] });

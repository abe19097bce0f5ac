import { z } from "zod";
import { text } from "~/schemas/fields";
import { MIN_PASSWORD_SCORE, type PasswordChecker } from "~/auth/password-strength";

/** The longest address the standards allow; also bounds what a failed login can store. */
export const email = z.string({ required_error: "required" }).trim().toLowerCase().max(254, "tooLong").email("emailInvalid");
const token = z.string({ required_error: "required" }).min(20).max(200);
export const newPassword = z.string({ required_error: "required" }).min(12, "passwordTooShort").max(200, "tooLong");

export const loginSchema = z.object({
  email,
  password: z.string({ required_error: "required" }).max(200, "tooLong"),
  redirectTo: z.string().optional(),
});

/**
 * A chosen password: typed twice alike and, on the server, hard to guess. The server passes the
 * strength checker (its dictionaries are too heavy for every page load); the browser shows the
 * same verdict live through the strength meter and leaves the final word to the server.
 */
export function refineNewPassword(
  data: { password: string; confirmPassword: string },
  ctx: z.RefinementCtx,
  checkPassword: PasswordChecker | undefined,
  personalInputs: string[],
) {
  if (data.password !== data.confirmPassword) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: "passwordsDiffer", path: ["confirmPassword"] });
  }
  if (checkPassword && checkPassword(data.password, [...personalInputs, "laureat", "lauréat"]).score < MIN_PASSWORD_SCORE) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: "passwordTooWeak", path: ["password"] });
  }
}

/** One schema for the browser and the server; see `refineNewPassword` for the strength check. */
export function signupSchema(checkPassword?: PasswordChecker) {
  return z
    .object({
      name: text({ max: 120 }).min(2, "nameTooShort"),
      email,
      password: newPassword,
      confirmPassword: z.string({ required_error: "required" }),
    })
    .superRefine((data, ctx) => refineNewPassword(data, ctx, checkPassword, [data.name, data.email]));
}

/** The token of an emailed link (confirmation, password reset), as its page receives it. */
export const emailedLinkSchema = z.object({ token });

export const forgotPasswordSchema = z.object({ email });

export function resetPasswordSchema(checkPassword?: PasswordChecker) {
  return z
    .object({ token, password: newPassword, confirmPassword: z.string({ required_error: "required" }) })
    .superRefine((data, ctx) => refineNewPassword(data, ctx, checkPassword, []));
}

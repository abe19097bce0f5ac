import { z } from "zod";
import { text } from "~/schemas/fields";
import { email, newPassword, refineNewPassword } from "~/schemas/auth";
import { SUPPORTED_LOCALES } from "~/i18n/config";
import type { PasswordChecker } from "~/auth/password-strength";

const currentPassword = z.string({ required_error: "required" }).max(200, "tooLong");

export const profileSchema = z.object({
  intent: z.literal("profile"),
  name: text({ max: 120 }).min(2, "nameTooShort"),
  locale: z.enum(SUPPORTED_LOCALES, { errorMap: () => ({ message: "required" }) }),
});

/** The current password proves the person at the keyboard owns the account; the new one is checked like any chosen password. */
export function changePasswordSchema(checkPassword?: PasswordChecker, personalInputs: string[] = []) {
  return z
    .object({ intent: z.literal("password"), currentPassword, password: newPassword, confirmPassword: z.string({ required_error: "required" }) })
    .superRefine((data, ctx) => refineNewPassword(data, ctx, checkPassword, personalInputs));
}

export const changeEmailSchema = z.object({ intent: z.literal("email"), email, currentPassword });

export const endSessionSchema = z.object({ intent: z.literal("endSession"), sessionId: text({ max: 64, required: true }) });

export const endAllSessionsSchema = z.object({ intent: z.literal("endAllSessions") });

import { z } from "zod";
import { parseEurosToCents } from "~/domain/money";

/**
 * Building blocks of every form schema, so that each kind of field is checked one way
 * everywhere: what the database cannot store or a person cannot have meant is refused here,
 * with a message next to the field, before anything is written.
 */

/**
 * Invisible characters nobody types: control characters (PostgreSQL refuses NUL outright)
 * except tab and line breaks, and halves of surrogate pairs.
 */
const PRINTABLE = /^(?:[^\p{Cc}\p{Cs}]|[\t\n\r])*$/u;

interface TextOptions {
  max: number;
  /** An empty value (after trimming) is refused as missing. */
  required?: boolean;
}

/** Text typed by a person: trimmed, at most `max` characters, no control characters. */
export function text({ max, required = false }: TextOptions) {
  const base = z
    .string({ required_error: "required", invalid_type_error: "required" })
    .trim()
    .max(max, "tooLong")
    .regex(PRINTABLE, "controlCharacters");
  return required ? base.min(1, "required") : base;
}

/** The same, for a field a draft may leave empty: missing reads as "". */
export function optionalText(max: number) {
  return text({ max }).default("");
}

/** The largest amount the database holds, in cents (its integer columns are 32-bit). */
export const MAX_AMOUNT_CENTS = 2_147_483_647;

/** An amount typed in euros ("150 000", "150000,50"); negative, non-numeric or absurdly large amounts are refused. */
export function euros() {
  return z
    .string({ required_error: "required", invalid_type_error: "amountInvalid" })
    .trim()
    .superRefine((value, context) => {
      const cents = parseEurosToCents(value);
      if (cents === null) context.addIssue({ code: z.ZodIssueCode.custom, message: "amountInvalid" });
      else if (cents > MAX_AMOUNT_CENTS) context.addIssue({ code: z.ZodIssueCode.custom, message: "amountTooLarge" });
    });
}

/** Years outside this range are typing slips, not dates anyone means in a funding call. */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2199;

/** Whether "YYYY-MM-DD" names a day of the calendar (not 2026-02-31, not 9999-99-99). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < FIRST_YEAR || year > LAST_YEAR) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A day as an `<input type="date">` sends it: "YYYY-MM-DD", and a real one. */
export function calendarDate() {
  return z
    .string({ required_error: "required", invalid_type_error: "dateInvalid" })
    .trim()
    .min(1, "required")
    .refine(isCalendarDate, "dateInvalid");
}

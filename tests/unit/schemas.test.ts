import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { completeSiret } from "~/domain/siret";
import { applicationFormSchema as formSchemaOf } from "~/schemas/application";
import { STANDARD_FORM } from "~/domain/form-definition";
import { signupSchema } from "~/schemas/auth";
import { loadPasswordChecker } from "~/auth/password-strength";
import { organizationSchema } from "~/schemas/organization";
import { buildReviewSchema, conflictSchema } from "~/schemas/review";
import { assignSchema, decisionSchema } from "~/schemas/staff";
import { calendarDate, euros, isCalendarDate, MAX_AMOUNT_CENTS, text } from "~/schemas/fields";
import { verificationSchema } from "~/schemas/verification";

/** The error messages zod reports for one field, or [] when the input is accepted. */
function messagesFor(result: z.SafeParseReturnType<unknown, unknown>, field: string): string[] {
  if (result.success) return [];
  return result.error.issues.filter((issue) => issue.path.join(".") === field).map((issue) => issue.message);
}

describe("organizationSchema", () => {
  const siret = completeSiret("7320829540002");
  const valid = {
    legalName: "Grappe Bois et Habitat du Jura",
    siret: `${siret.slice(0, 9)} ${siret.slice(9)}`,
    legalForm: "Association loi 1901",
    addressLine: "12 rue des Sapins",
    postalCode: "39000",
    city: "Lons-le-Saunier",
    region: "Bourgogne-Franche-Comté",
    sector: "Bois et construction",
    membersCount: "42",
  };

  it("accepts a complete organisation, normalising the SIRET and coercing the member count", () => {
    const result = organizationSchema.safeParse(valid);
    expect(result.success).toBe(true);
    expect(result.data).toMatchObject({ siret, membersCount: 42 });
  });

  it("refuses a SIRET with a wrong check digit with siretChecksum", () => {
    const wrong = siret.slice(0, 13) + String((Number(siret[13]) + 1) % 10);
    expect(messagesFor(organizationSchema.safeParse({ ...valid, siret: wrong }), "siret")).toEqual(["siretChecksum"]);
  });

  it("refuses a malformed postal code with postalCode", () => {
    expect(messagesFor(organizationSchema.safeParse({ ...valid, postalCode: "3900" }), "postalCode")).toEqual(["postalCode"]);
  });

  it("refuses a non-numeric member count", () => {
    expect(messagesFor(organizationSchema.safeParse({ ...valid, membersCount: "abc" }), "membersCount")).toEqual([
      "integerExpected",
    ]);
  });
});

const applicationFormSchema = formSchemaOf(STANDARD_FORM);

describe("applicationFormSchema", () => {
  it("refuses a negative requested amount with amountInvalid", () => {
    const result = applicationFormSchema.safeParse({ intent: "save", requestedAmount: "-100" });
    expect(messagesFor(result, "requestedAmount")).toEqual(["amountInvalid"]);
  });

  it("accepts an incomplete draft with a well-formed amount", () => {
    const result = applicationFormSchema.safeParse({ intent: "save", requestedAmount: "150 000" });
    expect(result.success).toBe(true);
    expect(result.data).toEqual({ intent: "save", answers: { requestedAmount: "150 000" }, files: {}, removeAttachment: null });
  });
});

describe("signupSchema", () => {
  const signup = { name: "Délégation générale", email: "Delegation@Example.org", password: "correct horse battery", confirmPassword: "correct horse battery" };

  it("accepts matching passwords and lower-cases the email", () => {
    const result = signupSchema().safeParse(signup);
    expect(result.success).toBe(true);
    expect(result.data?.email).toBe("delegation@example.org");
  });

  it("reports differing passwords on confirmPassword", () => {
    const result = signupSchema().safeParse({ ...signup, confirmPassword: "correct horse battery!" });
    expect(messagesFor(result, "confirmPassword")).toEqual(["passwordsDiffer"]);
  });

  it("refuses common and guessable passwords once the strength checker is given, and keeps passphrases", async () => {
    const schema = signupSchema(await loadPasswordChecker("fr"));
    for (const password of ["motdepasse123", "azertyuiop12", "password1234", "delegation2026"]) {
      const result = schema.safeParse({ ...signup, password, confirmPassword: password });
      expect(messagesFor(result, "password"), password).toEqual(["passwordTooWeak"]);
    }
    expect(schema.safeParse(signup).success).toBe(true);
    expect(schema.safeParse({ ...signup, password: "une phrase de passe solide", confirmPassword: "une phrase de passe solide" }).success).toBe(true);
  });

  it("bounds the address at 254 characters", () => {
    const long = `${"a".repeat(250)}@example.org`;
    expect(messagesFor(signupSchema().safeParse({ ...signup, email: long }), "email")).toEqual(["tooLong"]);
  });
});

describe("buildReviewSchema", () => {
  const schema = buildReviewSchema([
    { id: "relevance", scaleMax: 5 },
    { id: "impact", scaleMax: 5 },
  ]);

  it("refuses a score above the criterion's scale", () => {
    const result = schema.safeParse({ intent: "save", score_relevance: "7" });
    expect(messagesFor(result, "score_relevance")).toEqual(["scoreOutOfScale"]);
  });

  it("coerces a score typed as text into a number", () => {
    const result = schema.safeParse({ intent: "save", score_relevance: "3" });
    expect(result.success).toBe(true);
    expect(result.data?.score_relevance).toBe(3);
  });

  it("leaves an unscored criterion out while saving a draft", () => {
    const result = schema.safeParse({ intent: "save", score_relevance: "3" });
    expect(result.data?.score_impact).toBeUndefined();
  });
});

describe("shared field rules", () => {
  it.each(["\u0000", "a\u0000b", "\u0001", "\u001b[31m", "\u007f", "\u0085", "\ud800", "fin\udfff"])(
    "refuses text holding the invisible character in %j",
    (value) => {
      expect(messagesFor(text({ max: 100 }).safeParse(value), "")).toEqual(["controlCharacters"]);
    },
  );

  it("keeps tabs, line breaks (as browsers send them), accents, emoji and right-to-left marks", () => {
    const value = "Ligne 1\r\nLigne\t2 — œuvre « 𝕏 » 🌲 \u200fمرحبا";
    expect(text({ max: 100 }).parse(value)).toBe(value);
  });

  it("trims, then counts the length", () => {
    expect(text({ max: 3 }).parse("  abc  ")).toBe("abc");
    expect(messagesFor(text({ max: 3 }).safeParse("abcd"), "")).toEqual(["tooLong"]);
    expect(messagesFor(text({ max: 3, required: true }).safeParse("   "), "")).toEqual(["required"]);
  });

  it("refuses an amount the database cannot hold, and accepts the largest it can", () => {
    expect(messagesFor(euros().safeParse("30000000"), "")).toEqual(["amountTooLarge"]);
    expect(messagesFor(euros().safeParse("99999999999999999999"), "")).toEqual(["amountInvalid"]);
    expect(euros().safeParse(String(MAX_AMOUNT_CENTS / 100)).success).toBe(true);
    expect(messagesFor(euros().safeParse("1e5"), "")).toEqual(["amountInvalid"]);
  });

  it.each(["2026-02-31", "2026-13-01", "9999-99-99", "0000-00-00", "2025-02-29", "26-02-01", "2026-2-1", "2026-02-01T00:00"])(
    "refuses the impossible date %s",
    (value) => {
      expect(isCalendarDate(value)).toBe(false);
      expect(messagesFor(calendarDate().safeParse(value), "")).toEqual(["dateInvalid"]);
    },
  );

  it.each(["2024-02-29", "2026-12-31", "2010-04-30"])("accepts the real date %s", (value) => {
    expect(calendarDate().parse(value)).toBe(value);
  });
});

describe("form schemas use the shared rules", () => {
  it("refuses more files than the field takes, or a file over its size, next to the field", () => {
    const pdf = (size: number) => new File([new Uint8Array(size)], "piece.pdf", { type: "application/pdf" });
    expect(messagesFor(applicationFormSchema.safeParse({ projectPdf: [pdf(10), pdf(10)] }), "projectPdf")).toEqual(["tooManyFilesMax"]);
    expect(messagesFor(applicationFormSchema.safeParse({ projectPdf: pdf(10 * 1024 * 1024 + 1) }), "projectPdf")).toEqual(["fileTooLargeMax"]);
    // An input left empty is no file.
    expect(applicationFormSchema.parse({ projectPdf: new File([], "") }).files).toEqual({});
    expect(applicationFormSchema.parse({ intent: "submit", projectPdf: pdf(10) }).files.projectPdf).toHaveLength(1);
  });

  it("refuses a NUL byte in a draft's title next to the field", () => {
    const result = applicationFormSchema.safeParse({ intent: "save", projectTitle: "Titre\u0000" });
    expect(messagesFor(result, "projectTitle")).toEqual(["controlCharacters"]);
  });

  it("refuses 30 000 000 € asked for a draft", () => {
    const result = applicationFormSchema.safeParse({ intent: "save", requestedAmount: "30000000" });
    expect(messagesFor(result, "requestedAmount")).toEqual(["amountTooLarge"]);
  });

  it("refuses a due date of 9999-99-99 and a committee date of 2026-02-31", () => {
    expect(messagesFor(assignSchema.safeParse({ intent: "assign", reviewerId: "r1", dueAt: "9999-99-99" }), "dueAt")).toEqual(["dateInvalid"]);
    const decision = { intent: "decide", outcome: "REJECTED", motivation: "Hors champ", committeeDate: "2026-02-31" };
    expect(messagesFor(decisionSchema.safeParse(decision), "committeeDate")).toEqual(["dateInvalid"]);
  });

  it("refuses control characters in identifiers, reasons, names and letter references", () => {
    expect(messagesFor(assignSchema.safeParse({ intent: "assign", reviewerId: "r\u0000" }), "reviewerId")).toEqual(["controlCharacters"]);
    expect(messagesFor(conflictSchema.safeParse({ intent: "conflict", reason: "\u0000" }), "reason")).toEqual(["controlCharacters"]);
    const signup = { name: "Nom\u0007", email: "a@b.fr", password: "correct horse battery", confirmPassword: "correct horse battery" };
    expect(messagesFor(signupSchema().safeParse(signup), "name")).toEqual(["controlCharacters"]);
    expect(messagesFor(verificationSchema.safeParse({ reference: "L-\u0000", code: "x" }), "reference")).toEqual(["controlCharacters"]);
  });
});

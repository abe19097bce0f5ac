import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { completeSiret } from "~/domain/siret";
import { applicationFormSchema } from "~/schemas/application";
import { signupSchema } from "~/schemas/auth";
import { organizationSchema } from "~/schemas/organization";
import { buildReviewSchema } from "~/schemas/review";

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

describe("applicationFormSchema", () => {
  it("refuses a negative requested amount with amountInvalid", () => {
    const result = applicationFormSchema.safeParse({ intent: "save", requestedAmount: "-100" });
    expect(messagesFor(result, "requestedAmount")).toEqual(["amountInvalid"]);
  });

  it("accepts an incomplete draft with a well-formed amount", () => {
    const result = applicationFormSchema.safeParse({ intent: "save", requestedAmount: "150 000" });
    expect(result.success).toBe(true);
    expect(result.data).toMatchObject({ projectTitle: "", summary: "", requestedAmount: "150 000" });
  });
});

describe("signupSchema", () => {
  const signup = { name: "Délégation générale", email: "Delegation@Example.org", password: "correct horse battery", confirmPassword: "correct horse battery" };

  it("accepts matching passwords and lower-cases the email", () => {
    const result = signupSchema.safeParse(signup);
    expect(result.success).toBe(true);
    expect(result.data?.email).toBe("delegation@example.org");
  });

  it("reports differing passwords on confirmPassword", () => {
    const result = signupSchema.safeParse({ ...signup, confirmPassword: "correct horse battery!" });
    expect(messagesFor(result, "confirmPassword")).toEqual(["passwordsDiffer"]);
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

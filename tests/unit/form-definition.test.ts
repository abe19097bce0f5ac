import { describe, expect, it } from "vitest";
import { completeSiret } from "~/domain/siret";
import {
  answersSchema,
  formDefinitionSchema,
  groupTotal,
  missingForSubmission,
  parseFormDefinition,
  sharePercent,
  STANDARD_FORM,
  visibility,
  wellKnownColumns,
  type FormDefinition,
  type GroupField,
} from "~/domain/form-definition";

/** A definition with one field of the given shape, in one section. */
function single(field: Record<string, unknown>): FormDefinition {
  return parseFormDefinition({ sections: [{ key: "s", title: "Section", fields: [{ key: "f", label: "Champ", ...field }] }] });
}

/** The error keys of each field path, or {} when the answers are accepted. */
function errors(definition: FormDefinition, answers: Record<string, unknown>, complete = false): Record<string, string[]> {
  const result = answersSchema(definition, { complete }).safeParse(answers);
  if (result.success) return {};
  const found: Record<string, string[]> = {};
  for (const issue of result.error.issues) (found[issue.path.join(".")] ??= []).push(issue.message);
  return found;
}

function accepted(definition: FormDefinition, answers: Record<string, unknown>) {
  const result = answersSchema(definition).safeParse(answers);
  if (!result.success) throw new Error(JSON.stringify(result.error.issues));
  return result.data;
}

/** Definition problems as « path: message ». */
function problems(definition: unknown): string[] {
  const result = formDefinitionSchema.safeParse(definition);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}

const siret = completeSiret("7320829540002");

describe("every field type", () => {
  const cases: { field: Record<string, unknown>; valid: string[]; invalid: [string, string][] }[] = [
    { field: { type: "shortText", maxLength: 10 }, valid: ["Grappe", "  Grappe 10  "], invalid: [["onze lettres", "tooLong"], ["a\u0000b", "controlCharacters"]] },
    { field: { type: "longText", maxLength: 20 }, valid: ["Ligne 1\nLigne 2"], invalid: [["x".repeat(21), "tooLong"]] },
    { field: { type: "integer", min: 1, max: 500 }, valid: ["1", "500", "1 2"], invalid: [["0", "outOfRange"], ["501", "outOfRange"], ["1,5", "integerExpected"], ["dix", "integerExpected"]] },
    { field: { type: "integer", min: 3 }, valid: ["3"], invalid: [["2", "belowMin"]] },
    { field: { type: "integer", max: 3 }, valid: ["-4"], invalid: [["4", "aboveMax"]] },
    { field: { type: "decimal", min: 0 }, valid: ["12,5", "12.5", "1 200,75"], invalid: [["-0,1", "belowMin"], ["12,5,3", "numberExpected"]] },
    { field: { type: "money", min: 50000, max: 500000 }, valid: ["185 000", "50000", "185 000,50 €"], invalid: [["49 999", "outOfRange"], ["500 000,01", "outOfRange"], ["-5", "amountInvalid"], ["cent", "amountInvalid"], ["99999999999", "amountTooLarge"]] },
    { field: { type: "percentage" }, valid: ["0", "50", "12,5 %", "100"], invalid: [["100,1", "outOfRange"], ["-1", "outOfRange"], ["moitié", "numberExpected"]] },
    { field: { type: "date", min: "2010-01-01", max: "2010-12-31" }, valid: ["2010-04-30"], invalid: [["2010-02-31", "dateInvalid"], ["2011-01-01", "dateOutOfRange"], ["30/04/2010", "dateInvalid"]] },
    { field: { type: "email" }, valid: ["contact@grappe.fr"], invalid: [["contact@", "emailInvalid"]] },
    { field: { type: "phone" }, valid: ["03 29 00 00 00", "0329000000", "+33 3 29 00 00 00", "06.12.34.56.78"], invalid: [["12345", "phoneInvalid"], ["00 00 00 00 00", "phoneInvalid"]] },
    { field: { type: "url" }, valid: ["https://grappe.fr", "http://www.grappe.fr/adherents"], invalid: [["javascript:alert(1)", "urlInvalid"], ["grappe.fr", "urlInvalid"], ["https://localhost", "urlInvalid"]] },
    { field: { type: "siret" }, valid: [siret, `${siret.slice(0, 9)} ${siret.slice(9)}`], invalid: [["1234", "siretFormat"], [`${siret.slice(0, 13)}${(Number(siret[13]) + 1) % 10}`, "siretChecksum"]] },
    { field: { type: "choice", options: [{ value: "a", label: "A" }, { value: "b", label: "B" }] }, valid: ["a", "b"], invalid: [["c", "choiceInvalid"]] },
    { field: { type: "checkbox" }, valid: ["yes"], invalid: [["on", "choiceInvalid"]] },
    { field: { type: "yesNo" }, valid: ["yes", "no"], invalid: [["peut-être", "choiceInvalid"]] },
  ];
  for (const { field, valid, invalid } of cases) {
    const definition = single(field);
    it(`${String(field.type)} ${JSON.stringify(field)}: accepts ${valid.join(" | ")}`, () => {
      for (const value of valid) expect(errors(definition, { f: value }), value).toEqual({});
    });
    it(`${String(field.type)} ${JSON.stringify(field)}: refuses with the reason`, () => {
      for (const [value, reason] of invalid) expect(errors(definition, { f: value }), value).toEqual({ f: [reason] });
    });
  }

  it("keeps answers as typed (trimmed): a money amount stays « 185 000 »", () => {
    expect(accepted(single({ type: "money" }), { f: " 185 000 " })).toEqual({ f: "185 000" });
    expect(accepted(single({ type: "integer" }), { f: "1 200" })).toEqual({ f: "1 200" });
  });

  it("multiple choice: one box arrives as a string, several as an array; bounds on the count", () => {
    const definition = single({
      type: "multipleChoice",
      min: 2,
      max: 2,
      options: ["a", "b", "c"].map((value) => ({ value, label: value.toUpperCase() })),
    });
    expect(accepted(definition, { f: "a" })).toEqual({ f: ["a"] });
    expect(accepted(definition, { f: ["a", "c"] })).toEqual({ f: ["a", "c"] });
    expect(errors(definition, { f: ["a", "b", "c"] })).toEqual({ f: ["tooManyChoices"] });
    expect(errors(definition, { f: ["a", "z"] })).toEqual({ "f.1": ["choiceInvalid"] });
    // Too few choices is incompleteness: a draft may stop at one.
    expect(errors(definition, { f: ["a"] })).toEqual({});
    expect(errors(definition, { f: ["a"] }, true)).toEqual({ f: ["tooFewChoices"] });
  });

  it("an attachment field is not an answer: its input is ignored by the answers' schema", () => {
    const definition = single({ type: "attachment", required: true });
    expect(accepted(definition, { f: "anything" })).toEqual({});
  });
});

describe("required answers", () => {
  const definition = single({ type: "shortText", required: true });

  it("a draft may leave a required field empty; submission may not", () => {
    expect(errors(definition, {})).toEqual({});
    expect(errors(definition, {}, true)).toEqual({ f: ["required"] });
    expect(errors(definition, { f: "   " }, true)).toEqual({ f: ["required"] });
    expect(errors(definition, { f: "Titre" }, true)).toEqual({});
  });

  it("a required checkbox (consent) must be ticked to submit", () => {
    const consent = single({ type: "checkbox", required: true });
    expect(errors(consent, {}, true)).toEqual({ f: ["required"] });
    expect(errors(consent, { f: "yes" }, true)).toEqual({});
  });

  it("missingForSubmission adds the required files that are not there", () => {
    expect(missingForSubmission(STANDARD_FORM, { projectTitle: "T", summary: "R", requestedAmount: "100 000" }, new Set())).toEqual({ projectPdf: "required" });
    expect(missingForSubmission(STANDARD_FORM, { projectTitle: "T" }, new Set(["projectPdf"]))).toEqual({ summary: "required", requestedAmount: "required" });
    expect(missingForSubmission(STANDARD_FORM, { projectTitle: "T", summary: "R", requestedAmount: "100 000" }, new Set(["projectPdf"]))).toEqual({});
  });
});

describe("conditional visibility", () => {
  const definition = parseFormDefinition({
    sections: [
      {
        key: "structure",
        title: "Structure",
        fields: [
          { key: "hasPartners", type: "yesNo", label: "Partenaires ?", required: true },
          { key: "partners", type: "longText", label: "Lesquels ?", required: true, maxLength: 50, visibleWhen: { field: "hasPartners", equals: "yes" } },
          { key: "partnersPdf", type: "attachment", label: "Conventions", required: true, visibleWhen: { field: "hasPartners", equals: "yes" } },
        ],
      },
      {
        key: "international",
        title: "International",
        visibleWhen: { field: "hasPartners", equals: "yes" },
        fields: [{ key: "countries", type: "shortText", label: "Pays", required: true }],
      },
    ],
  });

  it("a hidden field is neither required nor kept, even when it holds an invalid value", () => {
    expect(accepted(definition, { hasPartners: "no", partners: "x".repeat(80), countries: "Italie" })).toEqual({ hasPartners: "no" });
    expect(errors(definition, { hasPartners: "no" }, true)).toEqual({});
    expect(missingForSubmission(definition, { hasPartners: "no" }, new Set())).toEqual({});
  });

  it("a shown field is checked and required", () => {
    expect(errors(definition, { hasPartners: "yes", partners: "x".repeat(80) })).toEqual({ partners: ["tooLong"] });
    expect(missingForSubmission(definition, { hasPartners: "yes" }, new Set())).toEqual({ partners: "required", countries: "required", partnersPdf: "required" });
  });

  it("sections follow their condition, and fields whose controlling field is hidden are hidden", () => {
    expect(visibility(definition, { hasPartners: "yes" })).toEqual({
      sections: new Set(["structure", "international"]),
      fields: new Set(["hasPartners", "partners", "partnersPdf", "countries"]),
    });
    expect(visibility(definition, {}).sections).toEqual(new Set(["structure"]));
  });

  it("a condition on a multiple choice is met when any of the values is chosen", () => {
    const chained = parseFormDefinition({
      sections: [
        {
          key: "s",
          title: "S",
          fields: [
            { key: "topics", type: "multipleChoice", label: "Thèmes", options: [{ value: "export", label: "Export" }, { value: "rh", label: "RH" }] },
            { key: "markets", type: "shortText", label: "Marchés", visibleWhen: { field: "topics", equals: ["export"] } },
            { key: "markets2", type: "checkbox", label: "Confirmer", visibleWhen: { field: "topics", equals: "export" } },
          ],
        },
      ],
    });
    expect(visibility(chained, { topics: ["rh", "export"] }).fields.has("markets")).toBe(true);
    expect(visibility(chained, { topics: ["rh"] }).fields.has("markets")).toBe(false);
  });
});

describe("repeatable groups", () => {
  const definition = parseFormDefinition({
    sections: [
      {
        key: "budget",
        title: "Budget",
        fields: [
          { key: "requestedAmount", type: "money", label: "Montant demandé" },
          {
            key: "costs",
            type: "group",
            label: "Dépenses éligibles",
            required: true,
            minRows: 2,
            maxRows: 3,
            total: "amount",
            shareOf: "requestedAmount",
            fields: [
              { key: "item", type: "shortText", label: "Poste", required: true, maxLength: 100 },
              { key: "amount", type: "money", label: "Montant", required: true },
            ],
          },
        ],
      },
    ],
  });
  const costs = definition.sections[0]!.fields[1] as GroupField;

  it("checks each cell at its path and drops rows left entirely empty", () => {
    expect(accepted(definition, { costs: [{ item: "Animation", amount: "100 000" }, {}, { item: "", amount: "" }] })).toEqual({
      costs: [{ item: "Animation", amount: "100 000" }],
    });
    expect(errors(definition, { costs: [{ item: "Animation", amount: "cent" }] })).toEqual({ "costs.0.amount": ["amountInvalid"] });
    expect(errors(definition, { costs: [{ amount: "10" }] }, true)).toEqual({ "costs.0.item": ["required"], costs: ["tooFewRows"] });
  });

  it("bounds the number of rows", () => {
    const rows = Array.from({ length: 4 }, (_, i) => ({ item: `Poste ${i}`, amount: "10" }));
    expect(errors(definition, { costs: rows })).toEqual({ costs: ["tooManyRows"] });
    expect(errors(definition, {}, true)).toEqual({ costs: ["required"] });
  });

  it("totals a money column in cents, ignoring cells that cannot be read, and computes the requested share", () => {
    const rows = [{ amount: "185 000" }, { amount: "15 000,50" }, { amount: "n/a" }, {}];
    expect(groupTotal(costs, rows)).toBe(200_000_50);
    expect(groupTotal(costs, undefined)).toBeNull();
    expect(sharePercent(100_000_00, 200_000_00)).toBe(50);
    expect(sharePercent(1, 3)).toBe(33.3);
    expect(sharePercent(100, 0)).toBeNull();
  });

  it("totals a decimal column as a plain sum", () => {
    const group = parseFormDefinition({
      sections: [{ key: "s", title: "S", fields: [{ key: "g", type: "group", label: "G", total: "n", fields: [{ key: "n", type: "decimal", label: "N" }] }] }],
    }).sections[0]!.fields[0] as GroupField;
    expect(groupTotal(group, [{ n: "0,1" }, { n: "0,2" }])).toBe(0.3);
  });
});

describe("definition validation", () => {
  const field = (extra: Record<string, unknown>) => ({ key: "f", type: "shortText", label: "F", ...extra });
  const wrap = (...fields: unknown[]) => ({ sections: [{ key: "s", title: "S", fields }] });

  it("accepts the standard form and fills defaults", () => {
    expect(STANDARD_FORM.sections[0]!.fields.map((f) => f.key)).toEqual(["projectTitle", "summary", "requestedAmount", "projectPdf"]);
    expect(STANDARD_FORM.sections[0]!.fields[3]).toMatchObject({ maxBytes: 10 * 1024 * 1024, maxFiles: 1, formats: ["pdf"] });
  });

  it("refuses duplicate keys, at the second one", () => {
    expect(problems(wrap(field({}), field({ label: "Encore" })))).toEqual(["sections.0.fields.1.key: definitionKeyDuplicate"]);
    expect(problems({ sections: [{ key: "s", title: "S", fields: [] }, { key: "s", title: "T", fields: [] }] })).toEqual(["sections.1.key: definitionKeyDuplicate"]);
    expect(problems(wrap({ key: "g", type: "group", label: "G", fields: [field({}), field({})] }))).toEqual(["sections.0.fields.0.fields.1.key: definitionKeyDuplicate"]);
  });

  it("refuses conditions on missing, later or non-choice fields and on values that cannot be chosen", () => {
    expect(problems(wrap(field({ visibleWhen: { field: "nope", equals: "yes" } })))).toEqual(["sections.0.fields.0.visibleWhen.field: conditionFieldMissing"]);
    expect(problems(wrap(field({ visibleWhen: { field: "later", equals: "yes" } }), { key: "later", type: "yesNo", label: "L" }))).toEqual([
      "sections.0.fields.0.visibleWhen.field: conditionFieldMissing",
    ]);
    expect(problems(wrap({ key: "t", type: "shortText", label: "T" }, field({ visibleWhen: { field: "t", equals: "x" } })))).toEqual([
      "sections.0.fields.1.visibleWhen.field: conditionFieldNotChoice",
    ]);
    expect(problems(wrap({ key: "y", type: "yesNo", label: "Y" }, field({ visibleWhen: { field: "y", equals: "oui" } })))).toEqual([
      "sections.0.fields.1.visibleWhen.equals: conditionValueUnknown",
    ]);
  });

  it("refuses bad keys, reversed bounds, duplicate options, totals of missing or non-numeric columns", () => {
    expect(problems(wrap(field({ key: "Titre du projet" })))).toEqual(["sections.0.fields.0.key: definitionKeyInvalid"]);
    expect(problems(wrap(field({ key: "intent" })))).toEqual(["sections.0.fields.0.key: definitionKeyReserved"]);
    expect(problems(wrap({ key: "n", type: "integer", label: "N", min: 10, max: 1 }))).toEqual(["sections.0.fields.0.min: boundsReversed"]);
    expect(problems(wrap({ key: "c", type: "choice", label: "C", options: [{ value: "a", label: "A" }, { value: "a", label: "B" }] }))).toEqual([
      "sections.0.fields.0.options.1.value: optionDuplicate",
    ]);
    expect(problems(wrap({ key: "g", type: "group", label: "G", total: "x", fields: [field({})] }))).toEqual(["sections.0.fields.0.total: totalFieldMissing"]);
    expect(problems(wrap({ key: "g", type: "group", label: "G", total: "f", fields: [field({})] }))).toEqual(["sections.0.fields.0.total: totalFieldNotNumeric"]);
    expect(problems(wrap({ key: "p", type: "percentage", label: "P", max: 120 }))).toEqual(["sections.0.fields.0.max: percentageBounds"]);
    expect(problems(wrap({ key: "a", type: "attachment", label: "A", maxBytes: 50 * 1024 * 1024 }))).toEqual(["sections.0.fields.0.maxBytes: Number must be less than or equal to 10485760"]);
    expect(problems({ sections: [] })).toEqual(["sections: sectionsRequired"]);
  });

  it("refuses a condition inside a group's row", () => {
    expect(problems(wrap({ key: "y", type: "yesNo", label: "Y" }, { key: "g", type: "group", label: "G", fields: [field({ visibleWhen: { field: "y", equals: "yes" } })] }))).toEqual([
      "sections.0.fields.1.fields.0.visibleWhen: conditionInGroup",
    ]);
  });
});

describe("well-known fields", () => {
  it("fill the file's title, summary and amount in cents", () => {
    expect(wellKnownColumns({ projectTitle: "Filière bois", summary: "Résumé", requestedAmount: "185 000" })).toEqual({
      projectTitle: "Filière bois",
      summary: "Résumé",
      requestedCents: 185_000_00,
    });
    expect(wellKnownColumns({})).toEqual({ projectTitle: "", summary: "", requestedCents: null });
  });
});

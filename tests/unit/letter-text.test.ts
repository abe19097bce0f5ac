import { describe, expect, it } from "vitest";
import {
  buildLetterFrame,
  buildLetterText,
  LetterInputError,
  splitMotivation,
  type DecisionLetterInput,
  type LetterOutcome,
} from "~/domain/letter-text";

import { sampleLetterInput } from "../support/letter-input";

const NBSP = "\u00a0";

function input(outcome: LetterOutcome, overrides: Partial<DecisionLetterInput> = {}): DecisionLetterInput {
  return sampleLetterInput(outcome, {
    agency: { name: "Agence des territoires", signatoryName: "NOM DU SIGNATAIRE", signatoryTitle: "Le directeur des programmes" },
    organization: {
      legalName: "Grappe Bois et Habitat du Jura",
      addressLine: "4 place du Marché",
      postalCode: "39000",
      city: "Lons-le-Saunier",
      siret: "73282932000074",
    },
    application: {
      projectTitle: "Plateforme commune d’essais",
      receiptNumber: "GRAPPES-2026-000123",
      submittedAt: new Date("2010-04-28T14:00:00Z"),
      requestedCents: 18_000_000,
    },
    ...overrides,
  });
}

function body(letter: DecisionLetterInput): string {
  return buildLetterText(letter).paragraphs.join("\n\n");
}

describe("buildLetterText in French", () => {
  it("tells a laureate the grant awarded, formatted as French money, and what comes next", () => {
    const text = buildLetterText(input("LAUREATE"));
    const all = body(input("LAUREATE"));
    expect(text.subject).toContain(`«${NBSP}Soutien à la dynamique des grappes d’entreprises${NBSP}»`);
    expect(text.subject).toContain("GRAPPES-2026");
    expect(text.salutation).toBe("Madame, Monsieur,");
    expect(all.replace(/\u00a0/g, " ")).toContain("Une subvention d’un montant de 150 000 € (cent cinquante mille euros) vous est accordée");
    // The amount is glued with no-break spaces so it never wraps in the letter.
    expect(all).toContain(`150${NBSP}000${NBSP}€`);
    expect(all).toContain("figure parmi les lauréats");
    expect(all).toContain("convention");
    expect(all).not.toContain("liste complémentaire");
    expect(all).not.toContain("recours");
    expect(text.closing).toContain("félicitations");
  });

  it("recalls the file: receipt number, submission date, requested amount, committee date", () => {
    const all = body(input("REJECTED"));
    expect(all).toContain(`n°${NBSP}GRAPPES-2026-000123`);
    expect(all).toContain(`déposé le 28${NBSP}avril${NBSP}2010`);
    expect(all).toContain(`sollicité une subvention de 180${NBSP}000${NBSP}€`);
    expect(all).toContain(`séance du 20${NBSP}avril${NBSP}2010`);
    expect(all).toContain("Grappe Bois et Habitat du Jura");
    expect(all).toContain(`«${NBSP}Plateforme commune d’essais${NBSP}»`);
  });

  it("leaves the requested amount out when the file had none", () => {
    const letter = input("REJECTED");
    const all = body({ ...letter, application: { ...letter.application, requestedCents: null } });
    expect(all).not.toContain("sollicité");
  });

  it("puts a waitlisted file on the complementary list with its rank and the possibility of funding", () => {
    const all = body(input("WAITLISTED"));
    expect(all).toContain("inscrit sur la liste complémentaire");
    expect(all).toContain(`en position n°${NBSP}3.`);
    expect(all).toContain("Si des crédits se libèrent");
    expect(all).toContain("recours gracieux");
    expect(all).not.toContain("€ vous est accordée");
  });

  it("omits the rank of a waitlisted file when there is none", () => {
    const letter = input("WAITLISTED");
    const all = body({ ...letter, decision: { ...letter.decision, rank: null } });
    expect(all).toContain("liste complémentaire.");
    expect(all).not.toContain("position");
  });

  it("tells a rejected applicant the project was not selected and how to appeal", () => {
    const text = buildLetterText(input("REJECTED"));
    const all = body(input("REJECTED"));
    expect(all).toContain("votre projet n’a pas été retenu");
    expect(all).toContain("tribunal administratif");
    expect(all).toContain("deux mois");
    expect(all).not.toContain("lauréats de l’appel");
    expect(text.closing).toBe("Je vous prie d’agréer, Madame, Monsieur, l’expression de ma considération distinguée.");
  });

  it("gives the motivation in its own paragraphs, after an announcing sentence", () => {
    const { paragraphs } = buildLetterText(input("REJECTED"));
    const announce = paragraphs.indexOf(`Le comité a fondé son avis sur les éléments suivants${NBSP}:`);
    expect(announce).toBeGreaterThan(0);
    expect(paragraphs[announce + 1]).toBe("Gouvernance solide et plan d’actions réaliste.");
    expect(paragraphs[announce + 2]).toBe("Indicateurs de suivi à préciser.");
  });

  it("drops the motivation block when there is no motivation", () => {
    const letter = input("REJECTED");
    const all = body({ ...letter, decision: { ...letter.decision, motivation: "  \n \n" } });
    expect(all).not.toContain("éléments suivants");
  });

  it("puts a no-break space before French high punctuation in its own wording", () => {
    for (const outcome of ["LAUREATE", "WAITLISTED", "REJECTED"] as const) {
      const text = buildLetterText(input(outcome));
      for (const part of [text.subject, text.salutation, text.closing, ...text.paragraphs]) {
        expect(part).not.toMatch(/ [:;?!»]|« /);
      }
    }
  });

  it("refuses a laureate letter without an awarded amount", () => {
    const letter = input("LAUREATE");
    expect(() => buildLetterText({ ...letter, decision: { ...letter.decision, awardedCents: null } })).toThrow(LetterInputError);
  });
});

describe("buildLetterText in English", () => {
  const en = (outcome: LetterOutcome) => input(outcome, { locale: "en" });

  it("writes a laureate letter with the amount in English format", () => {
    const text = buildLetterText(en("LAUREATE"));
    expect(text.subject).toBe(
      "Call for projects “Soutien à la dynamique des grappes d’entreprises” (GRAPPES-2026) – decision on your application",
    );
    expect(text.salutation).toBe("Dear Sir or Madam,");
    expect(text.closing).toBe("Yours faithfully,");
    const all = body(en("LAUREATE"));
    expect(all).toContain("A grant of €150,000 (one hundred and fifty thousand euros) is awarded");
    expect(all).toContain(`submitted on 28${NBSP}April${NBSP}2010`);
    expect(all).toContain("Gouvernance solide");
  });

  it("writes the waitlisted and rejected wording", () => {
    expect(body(en("WAITLISTED"))).toContain("placed on the reserve list, in position 3.");
    expect(body(en("REJECTED"))).toContain("your project has not been selected");
    expect(body(en("REJECTED"))).toContain("within two months");
  });
});

describe("buildLetterFrame", () => {
  it("dates the letter from Paris, with the French ordinal for the first of the month", () => {
    expect(buildLetterFrame(input("LAUREATE")).placeAndDate).toBe(`Paris, le 30${NBSP}avril${NBSP}2010`);
    const first = input("LAUREATE", { issuedAt: new Date("2010-05-01T08:00:00Z") });
    expect(buildLetterFrame(first).placeAndDate).toBe(`Paris, le 1er${NBSP}mai${NBSP}2010`);
    expect(buildLetterFrame({ ...first, locale: "en" }).placeAndDate).toBe(`Paris, 1${NBSP}May${NBSP}2010`);
  });

  it("addresses the organisation with the town in capitals and prints the references", () => {
    const frame = buildLetterFrame(input("LAUREATE"));
    expect(frame.addressee).toEqual(["Grappe Bois et Habitat du Jura", "4 place du Marché", "39000 LONS-LE-SAUNIER"]);
    expect(frame.references).toEqual([
      `Référence${NBSP}: GRAPPES-2026-D-000012`,
      `Dossier n°${NBSP}GRAPPES-2026-000123`,
      `SIRET${NBSP}: 732${NBSP}829${NBSP}320${NBSP}00074`,
    ]);
    expect(frame.verification).toBe(`Vérifiez ce courrier${NBSP}: code K7QF-29XM`);
    expect(frame.pageLabel(2, 3)).toBe("Page 2 sur 3");
    expect(buildLetterFrame(input("LAUREATE", { locale: "en" })).pageLabel(2, 3)).toBe("Page 2 of 3");
  });
});

describe("buildLetterFrame contact and typesetting", () => {
  it("prints the call's contact under the references and sets typed names in French typography", () => {
    const frame = buildLetterFrame(
      input("REJECTED", {
        contact: "Service des grappes : grappes@anct.gouv.fr",
        organization: { legalName: "Grappe « Bois d'Œuvre »", addressLine: "1 rue Neuve", postalCode: "39000", city: "Dole", siret: "73282932000074" },
      }),
    );
    expect(frame.references.at(-1)).toBe(`Affaire suivie par${NBSP}: Service des grappes${NBSP}: grappes@anct.gouv.fr`);
    expect(frame.addressee[0]).toBe(`Grappe «${NBSP}Bois d’Œuvre${NBSP}»`);
    expect(buildLetterFrame(input("REJECTED")).references.join("\n")).not.toContain("Affaire suivie");
  });
});

describe("splitMotivation", () => {
  it("splits on blank lines, keeps typed line breaks and tidies spaces", () => {
    expect(splitMotivation("  Premier  point.\r\n\r\n\r\nSecond :\n- a\n-  b  \n")).toEqual(["Premier point.", "Second :\n- a\n- b"]);
  });
});

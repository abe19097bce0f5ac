import { describe, expect, it } from "vitest";
import { defaultLetterTemplate, fillMergeFields, LETTER_KINDS, MERGE_FIELDS, unknownMergeFields } from "~/domain/letter-templates";
import { buildLetterText, letterMergeValues } from "~/domain/letter-text";
import { sampleLetterInput } from "../support/letter-input";

const NBSP = "\u00a0";

describe("letter templates", () => {
  it("names each unknown merge field once, in order, and accepts every known one", () => {
    expect(unknownMergeFields("Cher {organisation}, {montnat} et {date} puis {montnat} { projet }")).toEqual(["montnat", "date"]);
    expect(unknownMergeFields(MERGE_FIELDS.map((name) => `{${name}}`).join(" "))).toEqual([]);
  });

  it("gives every kind of letter a default wording in French and English that uses known fields only", () => {
    for (const kind of LETTER_KINDS)
      for (const locale of ["fr", "en"] as const) {
        const template = defaultLetterTemplate(kind, locale);
        expect(unknownMergeFields(`${template.subject} ${template.body} ${template.closing}`)).toEqual([]);
      }
  });

  it("fills the fields in one pass, leaving braces typed inside a value alone", () => {
    const values = letterMergeValues(sampleLetterInput("LAUREATE", { decision: { ...sampleLetterInput("LAUREATE").decision, motivation: "Voir {montant}." } }));
    expect(fillMergeFields("{motivation} – {montant}", values)).toBe(`Voir {montant}. – 150${NBSP}000${NBSP}€`);
  });

  it("writes a letter from a call's own template: amounts in figures and words, contact, signatory, typed typography", () => {
    const letter = sampleLetterInput("LAUREATE", {
      contact: "Service des grappes",
      template: {
        subject: "Votre projet « {projet} »",
        body: "Montant : {montant} soit {montant_lettres}.\nDossier n° {numero} ; comité du {date_comite}!\n\n{motivation}\n\nContact : {contact}",
        closing: "{signataire}, {fonction_signataire}",
      },
    });
    const text = buildLetterText(letter);
    expect(text.subject).toBe(`Votre projet «${NBSP}Mutualiser la R&D entre PME de la filière${NBSP}»`);
    expect(text.paragraphs).toEqual([
      `Montant${NBSP}: 150${NBSP}000${NBSP}€ soit cent cinquante mille euros.\nDossier n°${NBSP}GRAPPES-2026-000123\u202f; comité du 20${NBSP}avril${NBSP}2010\u202f!`,
      "Gouvernance solide et plan d’actions réaliste.",
      "Indicateurs de suivi à préciser.",
      `Contact${NBSP}: Service des grappes`,
    ]);
    expect(text.closing).toBe("NOM DU SIGNATAIRE, Pour le ministre et par délégation, Le délégué interministériel");
  });

  it("writes an ineligible file's letter with its reasons", () => {
    const text = buildLetterText(sampleLetterInput("REJECTED", { decision: { ...sampleLetterInput("REJECTED").decision, outcome: "INELIGIBLE", motivation: "Structure hors région." } }));
    const all = text.paragraphs.join("\n");
    expect(all).toContain("ne remplit pas les conditions");
    const reasons = text.paragraphs.indexOf(`Les motifs de cette décision sont les suivants${NBSP}:`);
    expect(text.paragraphs[reasons + 1]).toBe("Structure hors région.");
  });
});

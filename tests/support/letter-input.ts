import type { DecisionLetterInput, LetterOutcome } from "~/domain/letter-text";

/** A complete letter as the decision service would pass it; tests override what they look at. */
export function sampleLetterInput(outcome: LetterOutcome, overrides: Partial<DecisionLetterInput> = {}): DecisionLetterInput {
  return {
    locale: "fr",
    reference: "GRAPPES-2026-D-000012",
    issuedAt: new Date("2010-04-30T08:00:00Z"),
    agency: {
      name: "Délégation interministérielle à l’aménagement du territoire et à l’attractivité régionale",
      signatoryName: "NOM DU SIGNATAIRE",
      signatoryTitle: "Pour le ministre et par délégation,\nLe délégué interministériel",
    },
    call: { title: "Soutien à la dynamique des grappes d’entreprises", code: "GRAPPES-2026" },
    organization: {
      legalName: "Grappe des industries de l’œnologie – Côte-d’Or",
      addressLine: "12 rue des Tanneurs",
      postalCode: "21000",
      city: "Dijon",
      siret: "73282932000074",
    },
    application: {
      projectTitle: "Mutualiser la R&D entre PME de la filière",
      receiptNumber: "GRAPPES-2026-000123",
      submittedAt: new Date("2010-04-28T14:00:00Z"),
      requestedCents: 18_000_000,
    },
    decision: {
      outcome,
      awardedCents: outcome === "LAUREATE" ? 15_000_000 : null,
      motivation: "Gouvernance solide et plan d’actions réaliste.\n\nIndicateurs de suivi à préciser.",
      committeeDate: new Date("2010-04-20T10:00:00Z"),
      rank: outcome === "WAITLISTED" ? 3 : null,
    },
    verificationCode: "K7QF-29XM",
    ...overrides,
  };
}

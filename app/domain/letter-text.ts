import { formatDate } from "~/domain/dates";
import { formatEuros } from "~/domain/money";
import { formatSiret } from "~/domain/siret";
import { frenchTypography } from "~/domain/typography";
import { amountInWords } from "~/domain/amount-words";
import { defaultLetterTemplate, fillMergeFields, type LetterKind, type LetterTemplate, type MergeField } from "~/domain/letter-templates";

/** The committee's decisions, each told by its own letter; an ineligible file's letter is a {@link LetterKind} too. */
export type LetterOutcome = "LAUREATE" | "WAITLISTED" | "REJECTED";
export type LetterLocale = "fr" | "en";

export interface DecisionLetterInput {
  locale: LetterLocale;
  reference: string;
  issuedAt: Date;
  agency: { name: string; signatoryName: string; signatoryTitle: string };
  /** Who answers questions about the call (a service, an address, a telephone number); printed under the references. */
  contact?: string;
  call: { title: string; code: string };
  organization: { legalName: string; addressLine: string; postalCode: string; city: string; siret: string };
  application: { projectTitle: string; receiptNumber: string; submittedAt: Date; requestedCents: number | null };
  decision: { outcome: LetterKind; awardedCents: number | null; motivation: string; committeeDate: Date; rank: number | null };
  /** A preview before issuing: marked as such on every page, without a verification code. */
  draft?: boolean;
  /** The call's wording for this kind of letter; today's wording when the call has none. */
  template?: LetterTemplate;
  /** Short code printed on the letter so anyone can check it against the agency's record. */
  verificationCode: string;
  /** The public page where reference and code are checked. */
  verificationUrl?: string;
}

export interface LetterText {
  /** What follows "Objet :" */
  subject: string;
  salutation: string;
  /** Body paragraphs in reading order; a "\n" inside one is a line break the author typed. */
  paragraphs: string[];
  closing: string;
}

/** Everything printed around the body: letterhead, addressee, references, signature, footer, metadata. */
export interface LetterFrame {
  language: string;
  /** The State's mark, printed as the official block: one word per line. */
  masthead: string[];
  motto: string[];
  agencyName: string;
  references: string[];
  addressee: string[];
  placeAndDate: string;
  subjectLabel: string;
  signatoryTitle: string;
  signatoryName: string;
  footerReference: string;
  verification: string;
  /** Encoded in the QR code printed in the letterhead, when the letter has its own verification page. */
  verificationUrl?: string;
  qrCaption: string;
  /** Printed across every page of a preview. */
  watermark?: string;
  pageLabel: (page: number, total: number) => string;
  documentTitle: string;
  documentSubject: string;
}

const NBSP = "\u00a0";

export class LetterInputError extends Error {}

/** A line must never break inside a date or between "n°" and its number. */
function glue(text: string): string {
  return text.replace(/ /g, NBSP);
}

function date(value: Date, locale: LetterLocale): string {
  const formatted = formatDate(value, locale);
  // French writes the first day of a month as an ordinal: "1er mai 2010".
  return glue(locale === "fr" ? formatted.replace(/^1 /, "1er ") : formatted);
}

function money(cents: number, locale: LetterLocale): string {
  return formatEuros(cents, locale);
}

/** Blank lines separate paragraphs; single line breaks are kept because staff use them for lists. */
export function splitMotivation(motivation: string): string[] {
  return motivation
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((paragraph) =>
      paragraph
        .split("\n")
        .map((line) => line.replace(/\s+/g, " ").trim())
        .filter(Boolean)
        .join("\n"),
    )
    .filter(Boolean);
}

function awardedAmount(input: DecisionLetterInput): number {
  const { awardedCents } = input.decision;
  if (awardedCents === null || awardedCents <= 0) {
    throw new LetterInputError("A laureate letter needs the awarded amount.");
  }
  return awardedCents;
}

/** What each merge field of a template reads for this letter. */
export function letterMergeValues(input: DecisionLetterInput): Record<MergeField, string> {
  const { locale: l, call, organization, application, decision } = input;
  const fr = l !== "en";
  const awarded = decision.outcome === "LAUREATE" ? awardedAmount(input) : decision.awardedCents;
  const requested = application.requestedCents;
  return {
    organisation: organization.legalName,
    projet: application.projectTitle.trim(),
    numero: application.receiptNumber,
    appel: call.title.trim(),
    code_appel: call.code,
    reference: input.reference,
    date_depot: date(application.submittedAt, l),
    date_comite: date(decision.committeeDate, l),
    montant: awarded ? money(awarded, l) : "",
    montant_lettres: awarded ? amountInWords(awarded, l) : "",
    montant_demande: requested === null ? "" : money(requested, l),
    demande: requested === null ? "" : fr ? ` et sollicité une subvention de ${money(requested, l)}` : ` and requested a grant of ${money(requested, l)}`,
    rang: decision.rank === null ? "" : String(decision.rank),
    position: decision.rank === null ? "" : fr ? `, en position n°${NBSP}${decision.rank}` : `, in position ${decision.rank}`,
    // Kept as typed, paragraphs and all; the body is split into paragraphs once the fields are filled.
    motivation: splitMotivation(decision.motivation).join("\n\n"),
    signataire: input.agency.signatoryName,
    fonction_signataire: input.agency.signatoryTitle.replace(/\s*\n\s*/g, " "),
    contact: input.contact?.trim() ?? "",
  };
}

/**
 * Paragraphs of a filled body. A paragraph that announces a list (it ends with a colon) is dropped
 * when nothing follows it, as when a letter has no motivation.
 */
function bodyParagraphs(body: string, values: Record<MergeField, string>): string[] {
  const blocks = body.replace(/\r\n?/g, "\n").split(/\n[ \t]*\n/);
  const out: string[] = [];
  // Only plain spaces are tidied: the no-break spaces of dates and amounts must stay.
  const split = (text: string) =>
    text
      .split(/\n[ \t]*\n/)
      .map((paragraph) =>
        paragraph
          .split("\n")
          .map((line) => line.replace(/[ \t]+/g, " ").trim())
          .filter(Boolean)
          .join("\n"),
      )
      .filter(Boolean);
  blocks.forEach((block, index) => {
    const filled = split(fillMergeFields(block, values));
    const next = blocks[index + 1];
    if (filled.length === 1 && /:\s*$/.test(filled[0] ?? "") && next !== undefined && !split(fillMergeFields(next, values)).length) return;
    out.push(...filled);
  });
  return out;
}

/**
 * The wording of the letter body, shared by the PDF and by anything that needs to show or check
 * it: the call's template for this kind of letter (or today's wording), its fields filled, set in
 * French typography for a French letter.
 */
export function buildLetterText(input: DecisionLetterInput): LetterText {
  const locale = input.locale === "en" ? "en" : "fr";
  const template = input.template ?? defaultLetterTemplate(input.decision.outcome, locale);
  const values = letterMergeValues(input);
  const typeset = locale === "fr" ? frenchTypography : (text: string) => text;
  return {
    subject: typeset(fillMergeFields(template.subject, values).replace(/\s+/g, " ").trim()),
    salutation: locale === "fr" ? "Madame, Monsieur," : "Dear Sir or Madam,",
    paragraphs: bodyParagraphs(template.body, values).map(typeset),
    closing: typeset(fillMergeFields(template.closing, values).replace(/\s+/g, " ").trim()),
  };
}

export function buildLetterFrame(input: DecisionLetterInput): LetterFrame {
  const { locale, reference } = input;
  const fr = locale !== "en";
  // Names and addresses come as people typed them; French letters set them like the rest of the text.
  const typeset = fr ? frenchTypography : (text: string) => text;
  const organization = { ...input.organization, legalName: typeset(input.organization.legalName) };
  const agency = { ...input.agency, name: typeset(input.agency.name), signatoryTitle: typeset(input.agency.signatoryTitle) };
  const colon = fr ? `${NBSP}:` : ":";
  return {
    language: fr ? "fr-FR" : "en-GB",
    masthead: ["RÉPUBLIQUE", "FRANÇAISE"],
    motto: ["Liberté", "Égalité", "Fraternité"],
    agencyName: agency.name,
    references: [
      `${fr ? "Référence" : "Reference"}${colon} ${reference}`,
      `${fr ? "Dossier n°" : "Application no."}${NBSP}${input.application.receiptNumber}`,
      `SIRET${colon} ${glue(formatSiret(organization.siret))}`,
      ...(input.contact?.trim() ? [`${fr ? "Affaire suivie par" : "Contact"}${colon} ${typeset(input.contact.trim())}`] : []),
    ],
    addressee: [
      organization.legalName,
      organization.addressLine,
      // Postal convention: the town in capitals after the postcode.
      `${organization.postalCode} ${organization.city.toLocaleUpperCase("fr-FR")}`,
    ],
    placeAndDate: fr ? `Paris, le ${date(input.issuedAt, "fr")}` : `Paris, ${date(input.issuedAt, "en")}`,
    subjectLabel: `${fr ? "Objet" : "Subject"}${colon}`,
    signatoryTitle: agency.signatoryTitle,
    signatoryName: agency.signatoryName,
    footerReference: `${fr ? "Référence" : "Reference"}${NBSP}${reference}`,
    verification: input.draft
      ? fr
        ? "Aperçu avant émission : ce document n’est pas un courrier."
        : "Preview before issue: this document is not a letter."
      : input.verificationUrl
        ? fr
          ? `Vérifiez ce courrier sur ${input.verificationUrl}`
          : `Verify this letter at ${input.verificationUrl}`
        : fr
          ? `Vérifiez ce courrier${NBSP}: code ${input.verificationCode}`
          : `Verify this letter: code ${input.verificationCode}`,
    verificationUrl: input.draft ? undefined : input.verificationUrl,
    qrCaption: fr ? "Vérifier ce courrier" : "Verify this letter",
    watermark: input.draft ? (fr ? "APERÇU – SANS VALEUR" : "PREVIEW – NOT VALID") : undefined,
    pageLabel: (page, total) => (fr ? `Page ${page} sur ${total}` : `Page ${page} of ${total}`),
    documentTitle: fr ? `Courrier de décision ${reference}` : `Decision letter ${reference}`,
    documentSubject: `${input.call.title} – ${organization.legalName} – ${input.application.projectTitle}`,
  };
}

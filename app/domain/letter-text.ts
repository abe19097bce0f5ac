import { formatDate } from "~/domain/dates";
import { formatEuros } from "~/domain/money";
import { formatSiret } from "~/domain/siret";
import { frenchTypography } from "~/domain/typography";

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
  decision: { outcome: LetterOutcome; awardedCents: number | null; motivation: string; committeeDate: Date; rank: number | null };
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

function quote(text: string, locale: LetterLocale): string {
  return locale === "fr" ? `«${NBSP}${text.trim()}${NBSP}»` : `“${text.trim()}”`;
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

function frenchText(input: DecisionLetterInput): LetterText {
  const { call, organization, application, decision } = input;
  const l = "fr" as const;
  const requested = application.requestedCents === null ? "" : ` et sollicité une subvention de ${money(application.requestedCents, l)}`;
  const committee = `Au vu de l’avis rendu par le comité de sélection lors de sa séance du ${date(decision.committeeDate, l)}`;
  const paragraphs = [
    `Par un dossier déposé le ${date(application.submittedAt, l)} et enregistré sous le n°${NBSP}${application.receiptNumber}, ` +
      `${organization.legalName} a présenté le projet ${quote(application.projectTitle, l)} en réponse à l’appel à projets ` +
      `${quote(call.title, l)}${requested}.`,
  ];
  const motivation = splitMotivation(decision.motivation);
  const motivationBlock = motivation.length ? [`Le comité a fondé son avis sur les éléments suivants${NBSP}:`, ...motivation] : [];
  const appeal =
    `Cette décision peut faire l’objet d’un recours gracieux adressé au signataire du présent courrier, ou d’un recours ` +
    `contentieux devant le tribunal administratif compétent, dans un délai de deux mois à compter de sa notification.`;

  switch (decision.outcome) {
    case "LAUREATE":
      paragraphs.push(
        `${committee}, j’ai le plaisir de vous informer que votre projet figure parmi les lauréats de l’appel. ` +
          `Une subvention d’un montant de ${money(awardedAmount(input), l)} vous est accordée pour sa réalisation.`,
        ...motivationBlock,
        `Cette aide fera l’objet d’une convention, qui vous sera adressée prochainement pour signature. Elle fixera ` +
          `le programme d’actions subventionné, son calendrier, les modalités de versement et les justificatifs attendus. ` +
          `Le premier versement interviendra après la signature de la convention par les deux parties.`,
      );
      break;
    case "WAITLISTED":
      paragraphs.push(
        `${committee}, votre projet n’a pu être retenu parmi les lauréats, les crédits disponibles étant entièrement engagés. ` +
          `Jugé de qualité, il est toutefois inscrit sur la liste complémentaire` +
          (decision.rank === null ? "." : `, en position n°${NBSP}${decision.rank}.`),
        `Si des crédits se libèrent, en particulier à la suite du désistement d’un lauréat, les projets de cette liste ` +
          `pourront être financés dans l’ordre de leur classement. Un nouveau courrier vous serait alors adressé.`,
        ...motivationBlock,
        appeal,
      );
      break;
    case "REJECTED":
      paragraphs.push(
        `${committee}, j’ai le regret de vous informer que votre projet n’a pas été retenu.`,
        ...motivationBlock,
        appeal,
        `Je vous remercie de l’intérêt que vous avez porté à cet appel à projets et vous encourage à présenter ` +
          `de nouveaux projets lors des prochains appels.`,
      );
      break;
  }
  paragraphs.push("La référence de ce courrier est à rappeler dans toute correspondance.");

  return {
    subject: `Appel à projets ${quote(call.title, l)} (${call.code}) – décision relative à votre candidature`,
    salutation: "Madame, Monsieur,",
    paragraphs,
    closing:
      decision.outcome === "LAUREATE"
        ? "Je vous adresse mes félicitations et vous prie d’agréer, Madame, Monsieur, l’expression de ma considération distinguée."
        : "Je vous prie d’agréer, Madame, Monsieur, l’expression de ma considération distinguée.",
  };
}

function englishText(input: DecisionLetterInput): LetterText {
  const { call, organization, application, decision } = input;
  const l = "en" as const;
  const requested = application.requestedCents === null ? "" : ` and requested a grant of ${money(application.requestedCents, l)}`;
  const committee = `Following the opinion delivered by the selection committee at its meeting on ${date(decision.committeeDate, l)}`;
  const paragraphs = [
    `In an application submitted on ${date(application.submittedAt, l)} and registered under no.${NBSP}${application.receiptNumber}, ` +
      `${organization.legalName} presented the project ${quote(application.projectTitle, l)} in response to the call for projects ` +
      `${quote(call.title, l)}${requested}.`,
  ];
  const motivation = splitMotivation(decision.motivation);
  const motivationBlock = motivation.length ? ["The committee based its opinion on the following points:", ...motivation] : [];
  const appeal =
    `This decision may be challenged by an administrative appeal addressed to the signatory of this letter, or by an appeal ` +
    `before the competent administrative court, within two months of its notification.`;

  switch (decision.outcome) {
    case "LAUREATE":
      paragraphs.push(
        `${committee}, I am pleased to inform you that your project has been selected as one of the laureates of the call, ` +
          `and I offer you my congratulations. A grant of ${money(awardedAmount(input), l)} is awarded to you to carry it out.`,
        ...motivationBlock,
        `The grant will be governed by an agreement, which will be sent to you shortly for signature. It will set out ` +
          `the funded programme of work, its timetable, the payment arrangements and the supporting documents required. ` +
          `The first payment will be made once both parties have signed the agreement.`,
      );
      break;
    case "WAITLISTED":
      paragraphs.push(
        `${committee}, your project could not be selected among the laureates, as the available funds are fully committed. ` +
          `It was nevertheless judged of good quality and has been placed on the reserve list` +
          (decision.rank === null ? "." : `, in position ${decision.rank}.`),
        `Should funds become available, in particular if a laureate withdraws, projects on this list may be funded ` +
          `in the order of their ranking. A further letter would then be sent to you.`,
        ...motivationBlock,
        appeal,
      );
      break;
    case "REJECTED":
      paragraphs.push(
        `${committee}, I regret to inform you that your project has not been selected.`,
        ...motivationBlock,
        appeal,
        `Thank you for your interest in this call for projects; we encourage you to submit new projects to future calls.`,
      );
      break;
  }
  paragraphs.push("Please quote the reference of this letter in any correspondence.");

  return {
    subject: `Call for projects ${quote(call.title, l)} (${call.code}) – decision on your application`,
    salutation: "Dear Sir or Madam,",
    paragraphs,
    closing: "Yours faithfully,",
  };
}

/** The wording of the letter body, shared by the PDF and by anything that needs to show or check it. */
export function buildLetterText(input: DecisionLetterInput): LetterText {
  if (input.locale === "en") return englishText(input);
  const text = frenchText(input);
  return {
    subject: frenchTypography(text.subject),
    salutation: text.salutation,
    paragraphs: text.paragraphs.map(frenchTypography),
    closing: text.closing,
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
    verification: input.verificationUrl
      ? fr
        ? `Vérifiez ce courrier sur ${input.verificationUrl}`
        : `Verify this letter at ${input.verificationUrl}`
      : fr
        ? `Vérifiez ce courrier${NBSP}: code ${input.verificationCode}`
        : `Verify this letter: code ${input.verificationCode}`,
    verificationUrl: input.verificationUrl,
    qrCaption: fr ? "Vérifier ce courrier" : "Verify this letter",
    pageLabel: (page, total) => (fr ? `Page ${page} sur ${total}` : `Page ${page} of ${total}`),
    documentTitle: fr ? `Courrier de décision ${reference}` : `Decision letter ${reference}`,
    documentSubject: `${input.call.title} – ${organization.legalName} – ${input.application.projectTitle}`,
  };
}

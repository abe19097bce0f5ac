/**
 * The wording of decision letters as staff edit it: per call, per kind of letter and per language,
 * a subject, a body (paragraphs separated by a blank line) and a closing formula, with merge
 * fields in braces that each letter fills from its file.
 */

export const LETTER_KINDS = ["LAUREATE", "WAITLISTED", "REJECTED", "INELIGIBLE"] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];
export const LETTER_LOCALES = ["fr", "en"] as const;

export interface LetterTemplate {
  subject: string;
  body: string;
  closing: string;
}

/** Every merge field a template may use; the letter fills each from the file. */
export const MERGE_FIELDS = [
  "organisation",
  "projet",
  "numero",
  "appel",
  "code_appel",
  "reference",
  "date_depot",
  "date_comite",
  "montant",
  "montant_lettres",
  "montant_demande",
  "demande",
  "rang",
  "position",
  "motivation",
  "signataire",
  "fonction_signataire",
  "contact",
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

const FIELD_PATTERN = /\{([^{}\n]*)\}/g;

/** The merge fields a text names that do not exist, in order of appearance, each once. */
export function unknownMergeFields(text: string): string[] {
  const known = new Set<string>(MERGE_FIELDS);
  const unknown = new Set<string>();
  for (const [, name = ""] of text.matchAll(FIELD_PATTERN)) if (!known.has(name.trim())) unknown.add(name.trim());
  return [...unknown];
}

/** Replaces each field by its value in one pass, so braces inside a value (a motivation) stay as typed. */
export function fillMergeFields(text: string, values: Record<MergeField, string>): string {
  return text.replace(FIELD_PATTERN, (whole, name: string) => values[name.trim() as MergeField] ?? whole);
}

const FR_FILE =
  "Par un dossier déposé le {date_depot} et enregistré sous le n° {numero}, {organisation} a présenté le projet « {projet} » " +
  "en réponse à l’appel à projets « {appel} »{demande}.";
const FR_COMMITTEE = "Au vu de l’avis rendu par le comité de sélection lors de sa séance du {date_comite}";
const FR_MOTIVATION = "Le comité a fondé son avis sur les éléments suivants :\n\n{motivation}";
const FR_APPEAL =
  "Cette décision peut faire l’objet d’un recours gracieux adressé au signataire du présent courrier, ou d’un recours " +
  "contentieux devant le tribunal administratif compétent, dans un délai de deux mois à compter de sa notification.";
const FR_THANKS =
  "Je vous remercie de l’intérêt que vous avez porté à cet appel à projets et vous encourage à présenter de nouveaux projets " +
  "lors des prochains appels.";
const FR_REFERENCE = "La référence de ce courrier est à rappeler dans toute correspondance.";
const FR_SUBJECT = "Appel à projets « {appel} » ({code_appel}) – décision relative à votre candidature";
const FR_CLOSING = "Je vous prie d’agréer, Madame, Monsieur, l’expression de ma considération distinguée.";

const EN_FILE =
  "In an application submitted on {date_depot} and registered under no.\u00a0{numero}, {organisation} presented the project " +
  "“{projet}” in response to the call for projects “{appel}”{demande}.";
const EN_COMMITTEE = "Following the opinion delivered by the selection committee at its meeting on {date_comite}";
const EN_MOTIVATION = "The committee based its opinion on the following points:\n\n{motivation}";
const EN_APPEAL =
  "This decision may be challenged by an administrative appeal addressed to the signatory of this letter, or by an appeal " +
  "before the competent administrative court, within two months of its notification.";
const EN_THANKS = "Thank you for your interest in this call for projects; we encourage you to submit new projects to future calls.";
const EN_REFERENCE = "Please quote the reference of this letter in any correspondence.";
const EN_SUBJECT = "Call for projects “{appel}” ({code_appel}) – decision on your application";

const paragraphs = (...parts: string[]) => parts.join("\n\n");

const DEFAULTS: Record<"fr" | "en", Record<LetterKind, LetterTemplate>> = {
  fr: {
    LAUREATE: {
      subject: FR_SUBJECT,
      body: paragraphs(
        FR_FILE,
        `${FR_COMMITTEE}, j’ai le plaisir de vous informer que votre projet figure parmi les lauréats de l’appel. ` +
          "Une subvention d’un montant de {montant} ({montant_lettres}) vous est accordée pour sa réalisation.",
        FR_MOTIVATION,
        "Cette aide fera l’objet d’une convention, qui vous sera adressée prochainement pour signature. Elle fixera le programme " +
          "d’actions subventionné, son calendrier, les modalités de versement et les justificatifs attendus. Le premier versement " +
          "interviendra après la signature de la convention par les deux parties.",
        FR_REFERENCE,
      ),
      closing: "Je vous adresse mes félicitations et vous prie d’agréer, Madame, Monsieur, l’expression de ma considération distinguée.",
    },
    WAITLISTED: {
      subject: FR_SUBJECT,
      body: paragraphs(
        FR_FILE,
        `${FR_COMMITTEE}, votre projet n’a pu être retenu parmi les lauréats, les crédits disponibles étant entièrement engagés. ` +
          "Jugé de qualité, il est toutefois inscrit sur la liste complémentaire{position}.",
        "Si des crédits se libèrent, en particulier à la suite du désistement d’un lauréat, les projets de cette liste pourront " +
          "être financés dans l’ordre de leur classement. Un nouveau courrier vous serait alors adressé.",
        FR_MOTIVATION,
        FR_APPEAL,
        FR_REFERENCE,
      ),
      closing: FR_CLOSING,
    },
    REJECTED: {
      subject: FR_SUBJECT,
      body: paragraphs(
        FR_FILE,
        `${FR_COMMITTEE}, j’ai le regret de vous informer que votre projet n’a pas été retenu.`,
        FR_MOTIVATION,
        FR_APPEAL,
        FR_THANKS,
        FR_REFERENCE,
      ),
      closing: FR_CLOSING,
    },
    INELIGIBLE: {
      subject: FR_SUBJECT,
      body: paragraphs(
        FR_FILE,
        "Après examen de sa recevabilité, j’ai le regret de vous informer que votre dossier ne remplit pas les conditions " +
          "fixées par le règlement de l’appel et ne peut donc pas être présenté au comité de sélection.",
        "Les motifs de cette décision sont les suivants :\n\n{motivation}",
        FR_APPEAL,
        FR_THANKS,
        FR_REFERENCE,
      ),
      closing: FR_CLOSING,
    },
  },
  en: {
    LAUREATE: {
      subject: EN_SUBJECT,
      body: paragraphs(
        EN_FILE,
        `${EN_COMMITTEE}, I am pleased to inform you that your project has been selected as one of the laureates of the call, ` +
          "and I offer you my congratulations. A grant of {montant} ({montant_lettres}) is awarded to you to carry it out.",
        EN_MOTIVATION,
        "The grant will be governed by an agreement, which will be sent to you shortly for signature. It will set out the funded " +
          "programme of work, its timetable, the payment arrangements and the supporting documents required. The first payment " +
          "will be made once both parties have signed the agreement.",
        EN_REFERENCE,
      ),
      closing: "Yours faithfully,",
    },
    WAITLISTED: {
      subject: EN_SUBJECT,
      body: paragraphs(
        EN_FILE,
        `${EN_COMMITTEE}, your project could not be selected among the laureates, as the available funds are fully committed. ` +
          "It was nevertheless judged of good quality and has been placed on the reserve list{position}.",
        "Should funds become available, in particular if a laureate withdraws, projects on this list may be funded in the order " +
          "of their ranking. A further letter would then be sent to you.",
        EN_MOTIVATION,
        EN_APPEAL,
        EN_REFERENCE,
      ),
      closing: "Yours faithfully,",
    },
    REJECTED: {
      subject: EN_SUBJECT,
      body: paragraphs(
        EN_FILE,
        `${EN_COMMITTEE}, I regret to inform you that your project has not been selected.`,
        EN_MOTIVATION,
        EN_APPEAL,
        EN_THANKS,
        EN_REFERENCE,
      ),
      closing: "Yours faithfully,",
    },
    INELIGIBLE: {
      subject: EN_SUBJECT,
      body: paragraphs(
        EN_FILE,
        "Having examined its admissibility, I regret to inform you that your application does not meet the conditions set by " +
          "the rules of the call and therefore cannot be put before the selection committee.",
        "The reasons for this decision are the following:\n\n{motivation}",
        EN_APPEAL,
        EN_THANKS,
        EN_REFERENCE,
      ),
      closing: "Yours faithfully,",
    },
  },
};

/** Today's wording, used until staff change a call's template. */
export function defaultLetterTemplate(kind: LetterKind, locale: "fr" | "en"): LetterTemplate {
  return DEFAULTS[locale][kind];
}

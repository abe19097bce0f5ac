import type { LetterOutcome } from "~/domain/letter-text";
import { button, html, htmlLayout, paragraph, safeUrl, textLayout, type EmailLocale, type RenderedEmail } from "./layout";

export interface DecisionLetterPayload {
  recipientName: string;
  organizationName: string;
  callTitle: string;
  projectTitle: string;
  outcome: LetterOutcome;
  letterReference: string;
  applicationUrl: string;
}

interface Copy {
  subject: string;
  preheader: string;
  greeting: string;
  context: string;
  outcome: string;
  attached: string;
  download: string;
  action: string;
}

// The email only announces the outcome; amounts, reasons and appeal rights are in the signed letter.
const OUTCOME: Record<EmailLocale, Record<LetterOutcome, string>> = {
  fr: {
    LAUREATE: "Nous avons le plaisir de vous annoncer que ce projet figure parmi les lauréats.",
    WAITLISTED: "Ce projet est inscrit sur la liste complémentaire\u00a0: il pourra être financé si des crédits se libèrent.",
    REJECTED: "Nous avons le regret de vous informer que ce projet n’a pas été retenu.",
  },
  en: {
    LAUREATE: "We are pleased to announce that this project is one of the laureates.",
    WAITLISTED: "This project has been placed on the reserve list: it may be funded if funds become available.",
    REJECTED: "We regret to inform you that this project has not been selected.",
  },
};

function copy(locale: EmailLocale, p: DecisionLetterPayload): Copy {
  const laureate = p.outcome === "LAUREATE";
  if (locale === "en") {
    return {
      subject: `Decision on your application to the call for projects “${p.callTitle}”`,
      preheader: `The decision letter about the project “${p.projectTitle}” is attached to this message.`,
      greeting: `Dear ${p.recipientName},`,
      context: `The selection committee of the call for projects “${p.callTitle}” has met, and a decision has been taken on the project “${p.projectTitle}” submitted by ${p.organizationName}.`,
      outcome: OUTCOME.en[p.outcome],
      attached:
        `The decision letter (reference ${p.letterReference}) is attached to this message as a PDF file. ` +
        (laureate
          ? "It states the amount of the grant awarded, the reasons for the decision and the next steps."
          : "It states the reasons for the decision and how it may be appealed."),
      download: "You can also download it at any time from the page of your application:",
      action: "View my application",
    };
  }
  return {
    subject: `Décision sur votre candidature à l’appel à projets «\u00a0${p.callTitle}\u00a0»`,
    preheader: `Le courrier de décision concernant le projet «\u00a0${p.projectTitle}\u00a0» est joint à ce message.`,
    greeting: `Bonjour ${p.recipientName},`,
    context: `Le comité de sélection de l’appel à projets «\u00a0${p.callTitle}\u00a0» s’est réuni et une décision a été prise sur le projet «\u00a0${p.projectTitle}\u00a0» présenté par ${p.organizationName}.`,
    outcome: OUTCOME.fr[p.outcome],
    attached:
      `Le courrier de décision (référence ${p.letterReference}) est joint à ce message au format PDF. ` +
      (laureate
        ? "Il précise le montant de la subvention accordée, les motifs de la décision et les prochaines étapes."
        : "Il précise les motifs de la décision et les voies de recours."),
    download: "Vous pouvez aussi le télécharger à tout moment depuis la page de votre dossier\u00a0:",
    action: "Consulter mon dossier",
  };
}

/** Sent with the signed decision letter attached as a PDF. */
export function decisionLetter(locale: EmailLocale, payload: DecisionLetterPayload): RenderedEmail {
  const c = copy(locale, payload);
  const url = safeUrl(payload.applicationUrl);
  return {
    subject: c.subject,
    text: textLayout(locale, [c.greeting, c.context, c.outcome, c.attached, `${c.download}\n${url}`]),
    html: htmlLayout({
      locale,
      title: c.subject,
      preheader: c.preheader,
      body: html`${paragraph(c.greeting)}${paragraph(c.context)}${paragraph(html`<strong>${c.outcome}</strong>`)}${paragraph(
        c.attached,
      )}${paragraph(c.download)}${button(url, c.action)}`,
    }),
  };
}

import { formatDateTime } from "~/domain/dates";
import {
  button,
  details,
  html,
  htmlLayout,
  paragraph,
  safeUrl,
  textDetails,
  textLayout,
  type EmailLocale,
  type RenderedEmail,
} from "./layout";

export interface ApplicationSubmittedPayload {
  recipientName: string;
  organizationName: string;
  callTitle: string;
  projectTitle: string;
  receiptNumber: string;
  /** ISO 8601: the payload is stored as JSON in the outbox. */
  submittedAt: string;
  applicationUrl: string;
}

interface Copy {
  subject: string;
  preheader: string;
  greeting: string;
  intro: string;
  caption: string;
  rows: [string, string][];
  keepNumber: string;
  nextSteps: string;
  follow: string;
  action: string;
}

function copy(locale: EmailLocale, p: ApplicationSubmittedPayload): Copy {
  const submittedAt = formatDateTime(new Date(p.submittedAt), locale);
  if (locale === "en") {
    return {
      subject: `Acknowledgement of receipt – application ${p.receiptNumber}`,
      preheader: `Your application to the call for projects “${p.callTitle}” has been registered.`,
      greeting: `Dear ${p.recipientName},`,
      intro: `We acknowledge receipt of the application submitted on behalf of ${p.organizationName} to the call for projects “${p.callTitle}”.`,
      caption: "Your application",
      rows: [
        ["Application number", p.receiptNumber],
        ["Project", p.projectTitle],
        ["Organisation", p.organizationName],
        ["Call for projects", p.callTitle],
        ["Submitted on", submittedAt],
      ],
      keepNumber: "This number identifies your application: please quote it whenever you contact the call team.",
      nextSteps:
        "Your application will first be checked against the eligibility conditions of the call, then assessed by experts. " +
        "You will be notified of the decision by letter.",
      follow: "You can follow the progress of your application at any time from your account:",
      action: "Follow my application",
    };
  }
  return {
    subject: `Accusé de réception – dossier n°\u00a0${p.receiptNumber}`,
    preheader: `Votre candidature à l’appel à projets «\u00a0${p.callTitle}\u00a0» est bien enregistrée.`,
    greeting: `Bonjour ${p.recipientName},`,
    intro: `Nous accusons réception du dossier de candidature déposé au nom de ${p.organizationName} dans le cadre de l’appel à projets «\u00a0${p.callTitle}\u00a0».`,
    caption: "Votre dossier",
    rows: [
      ["Numéro de dossier", p.receiptNumber],
      ["Projet", p.projectTitle],
      ["Structure", p.organizationName],
      ["Appel à projets", p.callTitle],
      ["Déposé le", submittedAt],
    ],
    keepNumber: "Ce numéro identifie votre dossier\u00a0: rappelez-le dans tous vos échanges avec l’équipe de l’appel.",
    nextSteps:
      "Votre dossier va d’abord être examiné au regard des conditions de recevabilité de l’appel, puis évalué par des experts. " +
      "La décision vous sera notifiée par courrier.",
    follow: "Vous pouvez suivre l’avancement de votre dossier à tout moment depuis votre espace\u00a0:",
    action: "Suivre mon dossier",
  };
}

/** The receipt sent when a file is submitted: it proves the date and gives the file number. */
export function applicationSubmitted(locale: EmailLocale, payload: ApplicationSubmittedPayload): RenderedEmail {
  const c = copy(locale, payload);
  const url = safeUrl(payload.applicationUrl);
  return {
    subject: c.subject,
    text: textLayout(locale, [c.greeting, c.intro, textDetails(locale, c.rows), c.keepNumber, c.nextSteps, `${c.follow}\n${url}`]),
    html: htmlLayout({
      locale,
      title: c.subject,
      preheader: c.preheader,
      body: html`${paragraph(c.greeting)}${paragraph(c.intro)}${details(c.caption, c.rows)}${paragraph(c.keepNumber)}${paragraph(
        c.nextSteps,
      )}${paragraph(c.follow)}${button(url, c.action)}`,
    }),
  };
}

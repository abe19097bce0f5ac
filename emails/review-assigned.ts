import { formatDate } from "~/domain/dates";
import { button, html, htmlLayout, paragraph, safeUrl, textLayout, type EmailLocale, type RenderedEmail } from "./layout";

export interface ReviewAssignedPayload {
  recipientName: string;
  callTitle: string;
  projectTitle: string;
  organizationName: string;
  /** ISO 8601, or null when the call sets no review deadline. */
  dueAt: string | null;
  reviewUrl: string;
}

function copy(locale: EmailLocale, p: ReviewAssignedPayload) {
  const due = p.dueAt ? formatDate(new Date(p.dueAt), locale) : null;
  if (locale === "en") {
    return {
      subject: `A new application to review: “${p.projectTitle}”`,
      preheader: `The agency asks you to review an application to the call for projects “${p.callTitle}”.`,
      greeting: `Dear ${p.recipientName},`,
      assignment: `The agency asks you to review the application “${p.projectTitle}” submitted by ${p.organizationName} to the call for projects “${p.callTitle}”.`,
      deadline: due ? `Please send your review by ${due}.` : "Please send your review as soon as you can.",
      conflict:
        "If you have any link with this organisation (employment, advice, family, shareholding), tell the agency before opening the file: it will be given to another expert.",
      action: "Review the application",
    };
  }
  return {
    subject: `Un dossier à évaluer\u00a0: «\u00a0${p.projectTitle}\u00a0»`,
    preheader: `L’agence vous confie l’évaluation d’un dossier de l’appel à projets «\u00a0${p.callTitle}\u00a0».`,
    greeting: `Bonjour ${p.recipientName},`,
    assignment: `L’agence vous confie l’évaluation du dossier «\u00a0${p.projectTitle}\u00a0» déposé par ${p.organizationName} au titre de l’appel à projets «\u00a0${p.callTitle}\u00a0».`,
    deadline: due ? `Merci de transmettre votre évaluation au plus tard le ${due}.` : "Merci de transmettre votre évaluation dès que possible.",
    conflict:
      "Si vous avez un lien avec cette structure (emploi, conseil, famille, participation), signalez-le à l’agence avant d’ouvrir le dossier\u00a0: il sera confié à un autre expert.",
    action: "Évaluer le dossier",
  };
}

/** Sent to an expert when staff assign a file to them. */
export function reviewAssigned(locale: EmailLocale, payload: ReviewAssignedPayload): RenderedEmail {
  const c = copy(locale, payload);
  const url = safeUrl(payload.reviewUrl);
  return {
    subject: c.subject,
    text: textLayout(locale, [c.greeting, c.assignment, c.deadline, c.conflict, url]),
    html: htmlLayout({
      locale,
      title: c.subject,
      preheader: c.preheader,
      body: html`${paragraph(c.greeting)}${paragraph(c.assignment)}${paragraph(html`<strong>${c.deadline}</strong>`)}${paragraph(
        c.conflict,
      )}${button(url, c.action)}`,
    }),
  };
}

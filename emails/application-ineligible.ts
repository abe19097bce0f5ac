import { button, html, htmlLayout, paragraph, safeUrl, textLayout, type EmailLocale, type RenderedEmail } from "./layout";

export interface ApplicationIneligiblePayload {
  recipientName: string;
  organizationName: string;
  callTitle: string;
  projectTitle: string;
  receiptNumber: string;
  reason: string;
  applicationUrl: string;
}

function copy(locale: EmailLocale, p: ApplicationIneligiblePayload) {
  if (locale === "en") {
    return {
      subject: `Your application ${p.receiptNumber} is not eligible`,
      preheader: `The application “${p.projectTitle}” cannot be assessed by the selection committee.`,
      greeting: `Dear ${p.recipientName},`,
      context: `The agency has checked the application ${p.receiptNumber}, “${p.projectTitle}”, submitted by ${p.organizationName} to the call for projects “${p.callTitle}”.`,
      outcome: "It does not meet the eligibility conditions of the call and will therefore not be assessed by the experts.",
      reasonLabel: "Reason given by the agency:",
      contact: "If you think this is a mistake, reply to the agency with the missing elements. The page of your application shows its status:",
      action: "View my application",
    };
  }
  return {
    subject: `Votre dossier ${p.receiptNumber} n’est pas recevable`,
    preheader: `Le dossier «\u00a0${p.projectTitle}\u00a0» ne pourra pas être examiné par le comité de sélection.`,
    greeting: `Bonjour ${p.recipientName},`,
    context: `L’agence a examiné le dossier ${p.receiptNumber}, «\u00a0${p.projectTitle}\u00a0», déposé par ${p.organizationName} au titre de l’appel à projets «\u00a0${p.callTitle}\u00a0».`,
    outcome: "Il ne remplit pas les conditions de recevabilité de l’appel et ne sera donc pas soumis aux experts.",
    reasonLabel: "Motif indiqué par l’agence\u00a0:",
    contact: "Si vous pensez qu’il s’agit d’une erreur, répondez à l’agence en joignant les éléments manquants. La page de votre dossier indique son état\u00a0:",
    action: "Consulter mon dossier",
  };
}

/** Sent when staff find a submitted file ineligible, with the reason they recorded. */
export function applicationIneligible(locale: EmailLocale, payload: ApplicationIneligiblePayload): RenderedEmail {
  const c = copy(locale, payload);
  const url = safeUrl(payload.applicationUrl);
  return {
    subject: c.subject,
    text: textLayout(locale, [c.greeting, c.context, c.outcome, `${c.reasonLabel}\n${payload.reason}`, `${c.contact}\n${url}`]),
    html: htmlLayout({
      locale,
      title: c.subject,
      preheader: c.preheader,
      body: html`${paragraph(c.greeting)}${paragraph(c.context)}${paragraph(html`<strong>${c.outcome}</strong>`)}${paragraph(
        c.reasonLabel,
      )}${paragraph(payload.reason)}${paragraph(c.contact)}${button(url, c.action)}`,
    }),
  };
}

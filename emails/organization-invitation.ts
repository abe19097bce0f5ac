import { linkEmail, type EmailLocale, type LinkEmailCopy, type RenderedEmail } from "./layout";

export interface OrganizationInvitationPayload {
  inviterName: string;
  organizationName: string;
  invitationUrl: string;
  validForDays: number;
}

function copy(locale: EmailLocale, p: OrganizationInvitationPayload): LinkEmailCopy {
  if (locale === "en") {
    return {
      subject: `${p.inviterName} invites you to join ${p.organizationName} on Lauréat`,
      preheader: "Prepare and follow the organisation’s applications together.",
      greeting: "Hello,",
      body: `${p.inviterName} invites you to join ${p.organizationName} on Lauréat, to prepare and follow its applications to calls for projects. Follow this link, then sign in or create your account with any address:`,
      validity: `The invitation works once, for ${p.validForDays} days.`,
      ignore: "If you do not know this organisation, ignore this message: nothing happens without you.",
      action: "Join the organisation",
    };
  }
  return {
    subject: `${p.inviterName} vous invite à rejoindre ${p.organizationName} sur Lauréat`,
    preheader: "Préparez et suivez ensemble les dossiers de la structure.",
    greeting: "Bonjour,",
    body: `${p.inviterName} vous invite à rejoindre ${p.organizationName} sur Lauréat, pour préparer et suivre ses dossiers de candidature aux appels à projets. Suivez ce lien, puis connectez-vous ou créez votre compte, avec l’adresse de votre choix\u00a0:`,
    validity: `L’invitation ne sert qu’une fois, pendant ${p.validForDays}\u00a0jours.`,
    ignore: "Si vous ne connaissez pas cette structure, ignorez ce message\u00a0: rien ne se fera sans vous.",
    action: "Rejoindre la structure",
  };
}

/** Sent by an owner to a colleague, who may not have an account yet. */
export function organizationInvitation(locale: EmailLocale, payload: OrganizationInvitationPayload): RenderedEmail {
  return linkEmail(locale, copy(locale, payload), payload.invitationUrl);
}

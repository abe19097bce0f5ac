import { linkEmail, type EmailLocale, type LinkEmailCopy, type RenderedEmail } from "./layout";

export interface EmailChangePayload {
  recipientName: string;
  confirmationUrl: string;
  validForHours: number;
}

function copy(locale: EmailLocale, p: EmailChangePayload): LinkEmailCopy {
  if (locale === "en") {
    return {
      subject: "Confirm the new email address of your Lauréat account",
      preheader: "The change applies only once you follow the link.",
      greeting: `Dear ${p.recipientName},`,
      body: "You asked for this address to become the one of your Lauréat account. To apply the change, confirm that the address is yours:",
      validity: `The link works once, for ${p.validForHours} hours. Until then, your account keeps its current address.`,
      ignore: "If you did not ask for it, ignore this message: nothing changes without your confirmation.",
      action: "Confirm the new address",
    };
  }
  return {
    subject: "Confirmez la nouvelle adresse de votre compte Lauréat",
    preheader: "Le changement ne s’applique qu’une fois le lien suivi.",
    greeting: `Bonjour ${p.recipientName},`,
    body: "Vous avez demandé que cette adresse devienne celle de votre compte Lauréat. Pour appliquer le changement, confirmez que cette adresse est la vôtre\u00a0:",
    validity: `Le lien ne sert qu’une fois, pendant ${p.validForHours}\u00a0heures. D’ici là, votre compte garde son adresse actuelle.`,
    ignore: "Si vous n’avez rien demandé, ignorez ce message\u00a0: rien ne change sans votre confirmation.",
    action: "Confirmer la nouvelle adresse",
  };
}

/** Sent to the new address of an email change: following the link is what applies the change. */
export function emailChange(locale: EmailLocale, payload: EmailChangePayload): RenderedEmail {
  return linkEmail(locale, copy(locale, payload), payload.confirmationUrl);
}

import { linkEmail, type EmailLocale, type LinkEmailCopy, type RenderedEmail } from "./layout";

export interface AccountConfirmationPayload {
  recipientName: string;
  confirmationUrl: string;
  validForHours: number;
}

function copy(locale: EmailLocale, p: AccountConfirmationPayload): LinkEmailCopy {
  if (locale === "en") {
    return {
      subject: "Confirm your email address to open your Lauréat account",
      preheader: "One click and your account is open.",
      greeting: `Dear ${p.recipientName},`,
      body: "An applicant account was requested with this email address. To open it, confirm that the address is yours:",
      validity: `The link works once, for ${p.validForHours} hours.`,
      ignore: "If you did not ask for an account, ignore this message: nothing will be opened without your confirmation.",
      action: "Confirm my address",
    };
  }
  return {
    subject: "Confirmez votre adresse pour ouvrir votre compte Lauréat",
    preheader: "Un clic et votre compte est ouvert.",
    greeting: `Bonjour ${p.recipientName},`,
    body: "Un compte porteur de projet a été demandé avec cette adresse électronique. Pour l’ouvrir, confirmez que cette adresse est la vôtre\u00a0:",
    validity: `Le lien ne sert qu’une fois, pendant ${p.validForHours}\u00a0heures.`,
    ignore: "Si vous n’avez pas demandé de compte, ignorez ce message\u00a0: rien ne sera ouvert sans votre confirmation.",
    action: "Confirmer mon adresse",
  };
}

/** Sent when someone asks for an applicant account with a new (or not yet confirmed) address. */
export function accountConfirmation(locale: EmailLocale, payload: AccountConfirmationPayload): RenderedEmail {
  return linkEmail(locale, copy(locale, payload), payload.confirmationUrl);
}

import { linkEmail, type EmailLocale, type LinkEmailCopy, type RenderedEmail } from "./layout";

export interface PasswordResetPayload {
  recipientName: string;
  resetUrl: string;
  validForMinutes: number;
}

function copy(locale: EmailLocale, p: PasswordResetPayload): LinkEmailCopy {
  if (locale === "en") {
    return {
      subject: "Choose a new password for your Lauréat account",
      preheader: `The link works once, for ${p.validForMinutes} minutes.`,
      greeting: `Dear ${p.recipientName},`,
      body: "A new password was requested for your account. To choose it, follow this link:",
      validity: `The link works once, for ${p.validForMinutes} minutes. Once the password is changed, every open session of the account ends.`,
      ignore: "If you did not ask for it, ignore this message: your password stays as it is.",
      action: "Choose a new password",
    };
  }
  return {
    subject: "Choisissez un nouveau mot de passe pour votre compte Lauréat",
    preheader: `Le lien ne sert qu’une fois, pendant ${p.validForMinutes}\u00a0minutes.`,
    greeting: `Bonjour ${p.recipientName},`,
    body: "Un nouveau mot de passe a été demandé pour votre compte. Pour le choisir, suivez ce lien\u00a0:",
    validity: `Le lien ne sert qu’une fois, pendant ${p.validForMinutes}\u00a0minutes. Une fois le mot de passe changé, toutes les sessions ouvertes du compte sont fermées.`,
    ignore: "Si vous n’avez rien demandé, ignorez ce message\u00a0: votre mot de passe reste inchangé.",
    action: "Choisir un nouveau mot de passe",
  };
}

/** Sent on « Mot de passe oublié » to a confirmed account, and to no other address. */
export function passwordReset(locale: EmailLocale, payload: PasswordResetPayload): RenderedEmail {
  return linkEmail(locale, copy(locale, payload), payload.resetUrl);
}

import { button, html, htmlLayout, paragraph, safeUrl, textLayout, type EmailLocale, type RenderedEmail } from "./layout";

export interface AccountExistsPayload {
  recipientName: string;
  loginUrl: string;
}

function copy(locale: EmailLocale, p: AccountExistsPayload) {
  if (locale === "en") {
    return {
      subject: "Someone tried to open a Lauréat account with your address",
      preheader: "Your account already exists: no second one was opened.",
      greeting: `Dear ${p.recipientName},`,
      body: "Someone asked for a new account with your email address. You already have an account, so nothing was opened or changed.",
      ifYou: "If it was you, simply sign in:",
      ifNot: "If it was not you, you have nothing to do: your account and its password are unchanged.",
      action: "Sign in",
    };
  }
  return {
    subject: "Une inscription à Lauréat a été tentée avec votre adresse",
    preheader: "Votre compte existe déjà\u00a0: aucun autre n’a été ouvert.",
    greeting: `Bonjour ${p.recipientName},`,
    body: "Quelqu’un a demandé un nouveau compte avec votre adresse électronique. Vous avez déjà un compte\u00a0: rien n’a été ouvert ni modifié.",
    ifYou: "Si c’était vous, connectez-vous simplement\u00a0:",
    ifNot: "Si ce n’était pas vous, vous n’avez rien à faire\u00a0: votre compte et son mot de passe sont inchangés.",
    action: "Me connecter",
  };
}

/** Sent instead of a confirmation when the address already has an account: the sign-up page itself never says so. */
export function accountExists(locale: EmailLocale, payload: AccountExistsPayload): RenderedEmail {
  const c = copy(locale, payload);
  const url = safeUrl(payload.loginUrl);
  return {
    subject: c.subject,
    text: textLayout(locale, [c.greeting, c.body, c.ifYou, url, c.ifNot]),
    html: htmlLayout({
      locale,
      title: c.subject,
      preheader: c.preheader,
      body: html`${[paragraph(c.greeting), paragraph(c.body), paragraph(c.ifYou), button(url, c.action), paragraph(c.ifNot)]}`,
    }),
  };
}

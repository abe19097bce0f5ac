import { button, html, htmlLayout, paragraph, safeUrl, textLayout, type EmailLocale, type RenderedEmail } from "./layout";

/** What happened to the account: a change its owner should know about, made by them or not. */
export type AccountNoticeKind = "passwordChanged" | "emailChangeRequested" | "emailChanged";

export interface AccountNoticePayload {
  recipientName: string;
  kind: AccountNoticeKind;
  /** The address asked for or now in use, for the email notices. */
  newEmail?: string;
  accountUrl: string;
  forgotPasswordUrl: string;
}

interface NoticeCopy {
  subject: string;
  body: string;
}

function notice(locale: EmailLocale, p: AccountNoticePayload): NoticeCopy {
  const to = p.newEmail ?? "";
  if (locale === "en") {
    if (p.kind === "passwordChanged") {
      return { subject: "The password of your Lauréat account was changed", body: "The password of your account was just changed from its account page. Every other open session of the account was ended." };
    }
    if (p.kind === "emailChangeRequested") {
      return {
        subject: "A new address was requested for your Lauréat account",
        body: `A change of your account’s email address to ${to} was requested. It applies only once the link sent to that address is followed; until then this address stays the account’s.`,
      };
    }
    return { subject: "The address of your Lauréat account was changed", body: `Your account now uses the address ${to}. Emails from Lauréat go there from now on.` };
  }
  if (p.kind === "passwordChanged") {
    return {
      subject: "Le mot de passe de votre compte Lauréat a été changé",
      body: "Le mot de passe de votre compte vient d’être changé depuis sa page «\u00a0Mon compte\u00a0». Toutes les autres sessions ouvertes du compte ont été fermées.",
    };
  }
  if (p.kind === "emailChangeRequested") {
    return {
      subject: "Une nouvelle adresse a été demandée pour votre compte Lauréat",
      body: `Le remplacement de l’adresse électronique de votre compte par ${to} a été demandé. Il ne s’appliquera qu’une fois suivi le lien envoyé à cette adresse\u00a0; d’ici là, votre compte garde la présente adresse.`,
    };
  }
  return { subject: "L’adresse de votre compte Lauréat a été changée", body: `Votre compte utilise désormais l’adresse ${to}. Les courriels de Lauréat y seront envoyés.` };
}

function frame(locale: EmailLocale, p: AccountNoticePayload) {
  if (locale === "en") {
    return {
      greeting: `Dear ${p.recipientName},`,
      ifYou: "If it was you, you have nothing to do. Your account page:",
      ifNot: `If it was not you, choose a new password at once (${p.forgotPasswordUrl}): it ends every session of the account.`,
      action: "My account",
    };
  }
  return {
    greeting: `Bonjour ${p.recipientName},`,
    ifYou: "Si c’était vous, vous n’avez rien à faire. La page de votre compte\u00a0:",
    ifNot: `Si ce n’était pas vous, choisissez aussitôt un nouveau mot de passe (${p.forgotPasswordUrl})\u00a0: toutes les sessions du compte seront fermées.`,
    action: "Mon compte",
  };
}

/** A security notice to the account's address, sent whenever its password or address changes. */
export function accountNotice(locale: EmailLocale, payload: AccountNoticePayload): RenderedEmail {
  const n = notice(locale, payload);
  const c = frame(locale, payload);
  const url = safeUrl(payload.accountUrl);
  return {
    subject: n.subject,
    text: textLayout(locale, [c.greeting, n.body, c.ifYou, url, c.ifNot]),
    html: htmlLayout({
      locale,
      title: n.subject,
      preheader: n.body,
      body: html`${[paragraph(c.greeting), paragraph(n.body), paragraph(c.ifYou), button(url, c.action), paragraph(c.ifNot)]}`,
    }),
  };
}

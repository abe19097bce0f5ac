import { button, html, htmlLayout, paragraph, safeUrl, textLayout, type EmailLocale, type RenderedEmail } from "./layout";

/** What changed in an organisation's membership, told to the person it concerns. */
export type OrganizationNoticeKind = "joinRequested" | "joinAccepted" | "joinRefused" | "memberJoined" | "memberRemoved";

export interface OrganizationNoticePayload {
  recipientName: string;
  kind: OrganizationNoticeKind;
  organizationName: string;
  /** The other person in the story: who asks to join, or who joined. */
  personName?: string;
  personEmail?: string;
  url: string;
}

interface Copy {
  subject: string;
  body: string;
  action: string;
}

function copy(locale: EmailLocale, p: OrganizationNoticePayload): Copy {
  const who = p.personName ? `${p.personName} (${p.personEmail ?? ""})` : "";
  const org = p.organizationName;
  if (locale === "en") {
    switch (p.kind) {
      case "joinRequested":
        return { subject: `${p.personName ?? ""} asks to join ${org}`, body: `${who} found ${org} already registered on Lauréat and asks to join it. As an owner, accept or refuse the request on the organisation’s page.`, action: "Answer the request" };
      case "joinAccepted":
        return { subject: `You are now a member of ${org}`, body: `An owner accepted your request: you are a member of ${org} and can prepare its applications.`, action: "My space" };
      case "joinRefused":
        return { subject: `Your request to join ${org} was refused`, body: `An owner of ${org} refused your request to join it. You may contact the organisation directly.`, action: "My space" };
      case "memberJoined":
        return { subject: `${p.personName ?? ""} joined ${org}`, body: `${who} accepted your invitation and is now a member of ${org}.`, action: "The organisation’s members" };
      case "memberRemoved":
        return { subject: `You are no longer a member of ${org}`, body: `An owner removed you from ${org}: you no longer see its applications. You can now register or join another organisation.`, action: "My space" };
    }
  }
  switch (p.kind) {
    case "joinRequested":
      return { subject: `${p.personName ?? ""} demande à rejoindre ${org}`, body: `${who} a trouvé ${org} déjà enregistrée sur Lauréat et demande à la rejoindre. En tant que responsable, acceptez ou refusez la demande sur la page de la structure.`, action: "Répondre à la demande" };
    case "joinAccepted":
      return { subject: `Vous êtes membre de ${org}`, body: `Un responsable a accepté votre demande\u00a0: vous êtes membre de ${org} et pouvez préparer ses dossiers.`, action: "Mon espace" };
    case "joinRefused":
      return { subject: `Votre demande pour rejoindre ${org} est refusée`, body: `Un responsable de ${org} a refusé votre demande. Vous pouvez prendre contact directement avec la structure.`, action: "Mon espace" };
    case "memberJoined":
      return { subject: `${p.personName ?? ""} a rejoint ${org}`, body: `${who} a accepté votre invitation et est désormais membre de ${org}.`, action: "Les membres de la structure" };
    case "memberRemoved":
      return { subject: `Vous n’êtes plus membre de ${org}`, body: `Un responsable vous a retiré de ${org}\u00a0: vous ne voyez plus ses dossiers. Vous pouvez désormais enregistrer ou rejoindre une autre structure.`, action: "Mon espace" };
  }
}

/** A change of membership, told to whoever it concerns: owners, the person asking, the person removed. */
export function organizationNotice(locale: EmailLocale, payload: OrganizationNoticePayload): RenderedEmail {
  const c = copy(locale, payload);
  const greeting = locale === "en" ? `Dear ${payload.recipientName},` : `Bonjour ${payload.recipientName},`;
  const url = safeUrl(payload.url);
  return {
    subject: c.subject,
    text: textLayout(locale, [greeting, c.body, url]),
    html: htmlLayout({
      locale,
      title: c.subject,
      preheader: c.body,
      body: html`${[paragraph(greeting), paragraph(c.body), button(url, c.action)]}`,
    }),
  };
}

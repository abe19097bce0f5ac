import { describe, expect, it } from "vitest";
import { emailTemplates, escapeHtml, renderEmail, type EmailPayloads } from "../../emails/index";

const submitted: EmailPayloads["application-submitted"] = {
  recipientName: "Responsable de la grappe",
  organizationName: "Grappe Bois et Habitat du Jura",
  callTitle: "Soutien à la dynamique des grappes d’entreprises",
  projectTitle: "Plateforme commune d’essais",
  receiptNumber: "GRAPPES-2026-000123",
  submittedAt: "2010-04-30T21:12:00.000Z",
  applicationUrl: "https://laureat.example/espace/dossiers/abc123",
};

const decided: EmailPayloads["decision-letter"] = {
  recipientName: "Responsable de la grappe",
  organizationName: "Grappe Bois et Habitat du Jura",
  callTitle: "Soutien à la dynamique des grappes d’entreprises",
  projectTitle: "Plateforme commune d’essais",
  outcome: "LAUREATE",
  letterReference: "GRAPPES-2026-D-000012",
  applicationUrl: "https://laureat.example/espace/dossiers/abc123",
};

const flat = (text: string) => text.replace(/\u00a0/g, " ");

describe("application-submitted", () => {
  it("acknowledges receipt in French with the file number and the Paris submission time", () => {
    const email = renderEmail("application-submitted", "fr", submitted);
    expect(flat(email.subject)).toBe("Accusé de réception – dossier n° GRAPPES-2026-000123");
    const text = flat(email.text);
    expect(text).toContain("Bonjour Responsable de la grappe,");
    expect(text).toContain("Nous accusons réception du dossier de candidature déposé au nom de Grappe Bois et Habitat du Jura");
    expect(text).toContain("« Soutien à la dynamique des grappes d’entreprises »");
    expect(text).toContain("Numéro de dossier : GRAPPES-2026-000123");
    expect(text).toContain("Déposé le : 30 avril 2010 à 23:12");
    expect(text).toContain("https://laureat.example/espace/dossiers/abc123");
    expect(email.html).toContain('<html lang="fr">');
    expect(email.html).toContain('<th scope="row"');
    expect(email.html).toContain('href="https://laureat.example/espace/dossiers/abc123"');
    expect(email.html).toContain("Suivre mon dossier");
  });

  it("acknowledges receipt in English", () => {
    const email = renderEmail("application-submitted", "en", submitted);
    expect(email.subject).toBe("Acknowledgement of receipt – application GRAPPES-2026-000123");
    expect(email.text).toContain("Dear Responsable de la grappe,");
    expect(email.text).toContain("call for projects “Soutien à la dynamique des grappes d’entreprises”");
    expect(email.text).toContain("Submitted on: 30 April 2010 at 23:12");
    expect(email.html).toContain('<html lang="en">');
    expect(email.html).toContain("Follow my application");
  });
});

describe("decision-letter", () => {
  it.each([
    ["LAUREATE", "figure parmi les lauréats", "montant de la subvention accordée"],
    ["WAITLISTED", "inscrit sur la liste complémentaire", "voies de recours"],
    ["REJECTED", "n’a pas été retenu", "voies de recours"],
  ] as const)("announces a %s decision in French and points to the attached letter", (outcome, announce, content) => {
    const email = renderEmail("decision-letter", "fr", { ...decided, outcome });
    expect(flat(email.subject)).toBe("Décision sur votre candidature à l’appel à projets « Soutien à la dynamique des grappes d’entreprises »");
    const text = flat(email.text);
    expect(text).toContain(announce);
    expect(text).toContain(content);
    expect(text).toContain("Le courrier de décision (référence GRAPPES-2026-D-000012) est joint à ce message au format PDF.");
    expect(text).toContain("télécharger à tout moment depuis la page de votre dossier");
    expect(text).toContain("https://laureat.example/espace/dossiers/abc123");
    expect(text).not.toMatch(/\bnote\b|\bpoints?\b/i);
    expect(email.html).toContain('<html lang="fr">');
  });

  it.each([
    ["LAUREATE", "is one of the laureates"],
    ["WAITLISTED", "placed on the reserve list"],
    ["REJECTED", "has not been selected"],
  ] as const)("announces a %s decision in English", (outcome, announce) => {
    const email = renderEmail("decision-letter", "en", { ...decided, outcome });
    expect(email.subject).toBe("Decision on your application to the call for projects “Soutien à la dynamique des grappes d’entreprises”");
    expect(email.text).toContain(announce);
    expect(email.text).toContain("The decision letter (reference GRAPPES-2026-D-000012) is attached to this message as a PDF file.");
    expect(email.text).not.toMatch(/\bscore|\bpoints?\b/i);
    expect(email.html).toContain('<html lang="en">');
  });
});

describe("escaping", () => {
  const hostile = `<script>alert("x")</script> & Fils`;

  it.each([
    ["application-submitted", { ...submitted, organizationName: hostile, projectTitle: hostile }],
    ["decision-letter", { ...decided, organizationName: hostile, projectTitle: hostile }],
  ] as const)("escapes every interpolated value in the %s HTML", (template, payload) => {
    for (const locale of ["fr", "en"] as const) {
      const email = renderEmail(template, locale, payload);
      expect(email.html).not.toContain("<script");
      expect(email.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Fils");
      // The text part is not HTML: it shows the name as typed.
      expect(email.text).toContain(hostile);
    }
  });

  it("escapes the characters that matter in text and attributes", () => {
    expect(escapeHtml(`<a href="x">l'œil & co</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;l&#39;œil &amp; co&lt;/a&gt;");
  });

  it("escapes the link and refuses anything but an http(s) one", () => {
    const email = renderEmail("application-submitted", "fr", { ...submitted, applicationUrl: "https://laureat.example/d?a=1&b=2" });
    expect(email.html).toContain('href="https://laureat.example/d?a=1&amp;b=2"');
    expect(() => renderEmail("decision-letter", "fr", { ...decided, applicationUrl: "javascript:alert(1)" })).toThrow();
  });
});

describe("application-ineligible", () => {
  const ineligible = {
    recipientName: "Délégation générale",
    organizationName: "Grappe <b>Bois</b> Vosges",
    callTitle: "Soutien à la dynamique des grappes d'entreprises",
    projectTitle: "Séchoir mutualisé",
    receiptNumber: "GRAPPES-2026-000007",
    reason: "Statuts manquants.",
    applicationUrl: "https://laureat.example/espace/dossiers/abc",
  };

  it.each([
    ["fr", "n’est pas recevable"],
    ["en", "is not eligible"],
  ] as const)("gives the reason recorded by staff (%s)", (locale, phrase) => {
    const email = renderEmail("application-ineligible", locale, ineligible);
    expect(email.subject).toContain("GRAPPES-2026-000007");
    expect(email.subject).toContain(phrase);
    expect(email.text).toContain("Statuts manquants.");
    expect(email.html).toContain("Grappe &lt;b&gt;Bois&lt;/b&gt; Vosges");
  });
});

describe("review-assigned", () => {
  it.each([
    ["fr", "30 avril 2010", "lien avec cette structure"],
    ["en", "30 April 2010", "link with this organisation"],
  ] as const)("gives the deadline and the conflict rule (%s)", (locale, date, conflict) => {
    const email = renderEmail("review-assigned", locale, {
      recipientName: "Expert n° 1",
      callTitle: "Soutien à la dynamique des grappes d'entreprises",
      projectTitle: "Séchoir mutualisé",
      organizationName: "Grappe Bois Vosges",
      dueAt: "2010-04-30T21:59:59.000Z",
      reviewUrl: "https://laureat.example/expertise/a1",
    });
    expect(email.text).toContain(date);
    expect(email.text.toLowerCase()).toContain(conflict.toLowerCase());
    expect(email.html).toContain('href="https://laureat.example/expertise/a1"');
  });
});

describe("account emails", () => {
  it.each([
    ["fr", "Confirmer mon adresse", "48\u00a0heures"],
    ["en", "Confirm my address", "48 hours"],
  ] as const)("gives the confirmation link once, with its validity (%s)", (locale, action, validity) => {
    const email = renderEmail("account-confirmation", locale, {
      recipientName: "Délégation <générale>",
      confirmationUrl: "https://laureat.example/inscription/confirmer?jeton=abc",
      validForHours: 48,
    });
    expect(email.html).toContain('href="https://laureat.example/inscription/confirmer?jeton=abc"');
    expect(email.html).toContain(action);
    expect(email.html).toContain("Délégation &lt;générale&gt;");
    expect(email.text).toContain(validity);
  });

  it("tells the owner of an existing account that nothing changed, and how to sign in", () => {
    const email = renderEmail("account-exists", "fr", { recipientName: "Porteur", loginUrl: "https://laureat.example/connexion" });
    expect(email.text).toContain("rien n’a été ouvert ni modifié");
    expect(email.html).toContain('href="https://laureat.example/connexion"');
  });
});

describe("account change emails", () => {
  it.each([
    ["fr", "Confirmer la nouvelle adresse", "24\u00a0heures"],
    ["en", "Confirm the new address", "24 hours"],
  ] as const)("sends the new address its confirmation link, with its validity (%s)", (locale, action, validity) => {
    const email = renderEmail("email-change", locale, {
      recipientName: "Alix <Marchand>",
      confirmationUrl: "https://laureat.example/compte/courriel?jeton=abc",
      validForHours: 24,
    });
    expect(email.html).toContain('href="https://laureat.example/compte/courriel?jeton=abc"');
    expect(email.html).toContain(action);
    expect(email.html).toContain("Alix &lt;Marchand&gt;");
    expect(email.text).toContain(validity);
  });

  it.each([
    ["passwordChanged", "mot de passe", undefined],
    ["emailChangeRequested", "nouvelle adresse", "nouvelle@example.org"],
    ["emailChanged", "adresse", "nouvelle@example.org"],
  ] as const)("tells the account's address about a %s, and how to react if it was not them", (kind, subject, newEmail) => {
    const email = renderEmail("account-notice", "fr", {
      recipientName: "Alix",
      kind,
      newEmail,
      accountUrl: "https://laureat.example/compte",
      forgotPasswordUrl: "https://laureat.example/mot-de-passe/oublie",
    });
    expect(email.subject).toContain(subject);
    if (newEmail) expect(email.text).toContain(newEmail);
    expect(email.text).toContain("https://laureat.example/mot-de-passe/oublie");
    expect(email.html).toContain('href="https://laureat.example/compte"');
  });
});

describe("organisation emails", () => {
  it.each([
    ["fr", "Rejoindre la structure", "14\u00a0jours"],
    ["en", "Join the organisation", "14 days"],
  ] as const)("invites a colleague with a link that works once, for a while (%s)", (locale, action, validity) => {
    const email = renderEmail("organization-invitation", locale, {
      inviterName: "Camille <Martin>",
      organizationName: "Grappe Bois Vosges",
      invitationUrl: "https://laureat.example/invitation?jeton=abc",
      validForDays: 14,
    });
    expect(email.subject).toContain("Grappe Bois Vosges");
    expect(email.html).toContain('href="https://laureat.example/invitation?jeton=abc"');
    expect(email.html).toContain(action);
    expect(email.html).toContain("Camille &lt;Martin&gt;");
    expect(email.text).toContain(validity);
  });

  it.each([
    ["joinRequested", "demande à rejoindre"],
    ["joinAccepted", "Vous êtes membre"],
    ["joinRefused", "est refusée"],
    ["memberJoined", "a rejoint"],
    ["memberRemoved", "n’êtes plus membre"],
  ] as const)("tells the person concerned about %s", (kind, subject) => {
    const email = renderEmail("organization-notice", "fr", {
      recipientName: "Alix",
      kind,
      organizationName: "Grappe Bois Vosges",
      personName: "Camille Martin",
      personEmail: "camille@example.org",
      url: "https://laureat.example/espace/organisation",
    });
    expect(email.subject).toContain(subject);
    expect(email.html).toContain('href="https://laureat.example/espace/organisation"');
    expect(renderEmail("organization-notice", "en", { recipientName: "Alix", kind, organizationName: "Grappe", url: "https://laureat.example/espace" }).html).toContain('lang="en"');
  });
});

describe("emailTemplates", () => {
  it("lists one template per message", () => {
    expect(Object.keys(emailTemplates).sort()).toEqual([
      "account-confirmation",
      "account-exists",
      "account-notice",
      "application-ineligible",
      "application-submitted",
      "decision-letter",
      "email-change",
      "organization-invitation",
      "organization-notice",
      "password-reset",
      "review-assigned",
    ]);
  });
});

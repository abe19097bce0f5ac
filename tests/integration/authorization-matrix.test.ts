import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { hashPassword } from "~/auth/password.server";
import { hashToken } from "~/services/accounts.server";
import { completeSiret } from "~/domain/siret";
import {
  ACTORS,
  SECRET_READERS,
  buildWorld,
  closeCall,
  decideLaureate,
  issueLetter,
  scoreFields,
  sendReview,
  snapshotDatabase,
  userIdOf,
  type Actor,
  type Secret,
  type SignedInActor,
  type World,
} from "../support/authorization-world";
import { confirmationTokenFor, createUser, passwordResetTokenFor, pdfFile } from "../support/factories";
import { callLoader, postForm } from "../support/remix";
import * as exportRoute from "~/routes/gestion.appels.$callId.export";
import { STANDARD_FORM } from "~/domain/form-definition";
import { definitionToEditor } from "~/schemas/form-editor";

/** The form editor's inputs for the standard form, as a browser posts them. */
function standardFormFields(): Record<string, string> {
  const entries: Record<string, string> = {};
  const walk = (value: unknown, prefix: string) => {
    if (Array.isArray(value)) value.forEach((item, index) => walk(item, `${prefix}[${index}]`));
    else if (value && typeof value === "object") for (const [key, item] of Object.entries(value)) walk(item, prefix ? `${prefix}.${key}` : key);
    else if (value !== undefined) entries[prefix] = String(value);
  };
  walk(definitionToEditor(STANDARD_FORM, {}), "");
  return entries;
}

/**
 * Every route of app/routes, each of its loaders and action intents, tried as each kind of
 * person, against the expected outcome written below. A route or intent added without its row
 * fails here, so the question "who may do this?" is answered when the route is written.
 */

/** What the person notices. Redirects are compared on their path only: query strings come and go. */
/** `sentAway`: redirected without being served, which writes nothing, like a refusal. */
/** `served`: an action that answers with a page of its own (a preview) instead of a redirect. */
type Outcome = "ok" | "served" | "login" | "forbidden" | { redirect: string; sentAway?: true };
type Row = Record<Actor, Outcome>;
type Fields = Record<string, string | File>;

interface Intent {
  expect: Row;
  fields: (world: World, actor: Actor) => Fields | Promise<Fields>;
  /** Brings the world to the state where the allowed people can carry the intent out. */
  prepare?: (world: World) => Promise<void>;
  /** Overrides the route's parameters for this intent. */
  params?: (world: World, actor: Actor) => Record<string, string>;
  /** The allowed request must change stored data (a refused one never may). */
  writes?: boolean;
}

interface RouteRow {
  params?: (world: World, actor: Actor) => Record<string, string>;
  loader?: Row;
  /** Keyed by the `intent` field; `post` for an action without one. */
  actions?: Record<string, Intent>;
}

const row = (outcomes: Partial<Row>, otherwise: Outcome): Row =>
  Object.fromEntries(ACTORS.map((actor) => [actor, outcomes[actor] ?? otherwise])) as Row;
const everyone = (outcome: Outcome) => row({}, outcome);
/** Signed-in only; the listed people get through, other signed-in people get 403. */
const only = (...allowed: SignedInActor[]) =>
  row({ anonymous: "login", ...Object.fromEntries(allowed.map((actor) => [actor, "ok"])) }, "forbidden");
/** Pages for signed-out people: signed-in ones are sent to their own home. */
const signedOutOnly = (anonymous: Outcome = "ok"): Row => ({
  anonymous,
  applicantA: { redirect: "/espace", sentAway: true },
  applicantB: { redirect: "/espace", sentAway: true },
  assignedExpert: { redirect: "/expertise", sentAway: true },
  unassignedExpert: { redirect: "/expertise", sentAway: true },
  conflictedExpert: { redirect: "/expertise", sentAway: true },
  staff: { redirect: "/gestion", sentAway: true },
});

/** Every signed-in person gets through; anonymous visitors are sent to the login page. */
const signedIn = (outcome: Outcome) => row({ anonymous: "login" }, outcome);

/** Pages that ask for the current password: every account of the world gets this one. */
const KNOWN_PASSWORD = "mot de passe connu du test";
async function withKnownPasswords(w: World) {
  await prisma.user.updateMany({ where: { id: { in: Object.values(w.users) } }, data: { passwordHash: await hashPassword(KNOWN_PASSWORD) } });
}

/** A fresh link moving the account to another address, as the account page would have emailed it. */
async function emailChangeTokenFor(userId: string, newEmail: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await prisma.accountToken.create({
    data: { userId, purpose: "EMAIL_CHANGE", tokenHash: hashToken(token), pendingEmail: newEmail, expiresAt: new Date(Date.now() + 3600_000) },
  });
  return token;
}

/** The organisation an owner of the world belongs to. */
async function organizationOf(ownerId: string) {
  const { organization } = await prisma.membership.findUniqueOrThrow({ where: { userId: ownerId }, select: { organization: true } });
  return organization;
}

/** The applicant acts on their own organisation; anyone else is tried against A's. */
const ownerOf = (w: World, actor: Actor) => (actor === "applicantB" ? w.users.applicantB : w.users.applicantA);

async function newMemberOf(ownerId: string): Promise<string> {
  const { id: organizationId } = await organizationOf(ownerId);
  const member = await createUser("APPLICANT");
  return (await prisma.membership.create({ data: { userId: member.id, organizationId } })).id;
}

/** A pending invitation into the owner's organisation, as its page would have sent it. */
async function invitationInto(ownerId: string, email: string, token = randomBytes(32).toString("base64url")) {
  const { id: organizationId } = await organizationOf(ownerId);
  return prisma.organizationInvitation.create({
    data: { organizationId, email, tokenHash: hashToken(token), invitedById: ownerId, expiresAt: new Date(Date.now() + 3600_000) },
  });
}

const fileA = (w: World) => ({ id: w.fileA });
const reviewFields = (intent: string) => (w: World) => ({
  intent,
  recommendation: "FUND",
  overallComment: "Avis",
  ...scoreFields(w.call.criteria, "3"),
});
/** Each expert opens the assignment they would hold on A's file; the conflicted one holds a declined one. */
const assignmentOf = (w: World, actor: Actor) => ({
  assignmentId: actor === "conflictedExpert" ? w.conflictedAssignmentId : w.assignmentId,
});

/** A complete settings form for a call of the world. */
const callSettingsFields = (w: World) => ({
  title: `Appel ${w.tag}`,
  summary: "Résumé",
  rules: "## Règlement",
  opensOn: "2027-01-15",
  closesOn: "2027-04-30",
  budget: "1 000 000",
  minGrant: "50 000",
  maxGrant: "500 000",
  reviewersPerFile: "2",
  contactEmail: "contact@agence.gouv.fr",
});

/** A grid of two criteria for the world's fresh call. */
const gridSettingsFields = (w: World) => ({
  intent: "save",
  scoreScale: "5",
  halfPoints: "no",
  tieBreak: "EARLIER_SUBMISSION",
  "criteria[0].label": `Critère ${w.tag}`,
  "criteria[0].weight": "60",
  "criteria[1].label": "Gouvernance",
  "criteria[1].weight": "40",
});

const MATRIX: Record<string, RouteRow> = {
  "[.well-known].security[.]txt": { loader: everyone("ok") },
  _index: { loader: everyone("ok") },
  accessibilite: { loader: everyone("ok") },
  "appels.$slug": { params: (w) => ({ slug: w.call.slug }), loader: everyone("ok") },
  connexion: {
    loader: signedOutOnly(),
    actions: {
      post: {
        expect: signedOutOnly({ redirect: "/espace" }),
        prepare: async (w) => {
          await prisma.user.update({ where: { id: w.users.applicantA }, data: { passwordHash: await hashPassword("mot de passe de test") } });
        },
        fields: async (w) => ({
          email: (await prisma.user.findUniqueOrThrow({ where: { id: w.users.applicantA } })).email,
          password: "mot de passe de test",
        }),
      },
    },
  },
  cookies: { loader: everyone("ok") },
  compte: {
    loader: signedIn("ok"),
    actions: {
      profile: { expect: signedIn("ok"), fields: () => ({ intent: "profile", name: "Nom Changé", locale: "en" }), writes: true },
      password: {
        expect: signedIn("ok"),
        prepare: withKnownPasswords,
        fields: () => ({ intent: "password", currentPassword: KNOWN_PASSWORD, password: "une nouvelle phrase de passe", confirmPassword: "une nouvelle phrase de passe" }),
        writes: true,
      },
      email: {
        expect: signedIn("ok"),
        prepare: withKnownPasswords,
        fields: (w, actor) => ({ intent: "email", email: `nouvelle-${actor.toLowerCase()}-${w.tag}@example.org`, currentPassword: KNOWN_PASSWORD }),
        writes: true,
      },
      endSession: {
        expect: signedIn("ok"),
        // Each person closes a session of their own, opened on another browser.
        fields: async (w, actor) => {
          const userId = userIdOf(w, actor) ?? w.users.applicantA;
          const other = await prisma.session.create({ data: { userId, expiresAt: new Date(Date.now() + 3600_000) } });
          return { intent: "endSession", sessionId: other.id };
        },
        writes: true,
      },
      endAllSessions: { expect: signedIn({ redirect: "/" }), fields: () => ({ intent: "endAllSessions" }), writes: true },
    },
  },
  "compte_.courriel": {
    loader: everyone("ok"),
    actions: {
      post: {
        // The emailed link is the proof, whoever follows it; the anonymous visitor goes first and uses it.
        expect: row({ anonymous: { redirect: "/connexion" }, applicantA: { redirect: "/compte" } }, { redirect: "/" }),
        fields: async (w, actor) => ({ token: await emailChangeTokenFor(w.users.applicantA, `${actor.toLowerCase()}-${w.tag}@example.org`) }),
        writes: true,
      },
    },
  },
  deconnexion: { loader: everyone({ redirect: "/" }), actions: { post: { expect: everyone("ok"), fields: () => ({}) } } },
  "donnees-personnelles": { loader: everyone("ok") },
  "dossiers.$id.courrier": { params: fileA, loader: only("applicantA", "staff") },
  "dossiers.$id.pieces.$attachmentId": {
    params: (w) => ({ id: w.fileA, attachmentId: w.attachmentA }),
    loader: only("applicantA", "assignedExpert", "staff"),
  },
  "espace._index": { loader: only("applicantA", "applicantB") },
  "espace.appels.$callId.candidater": {
    params: (w) => ({ callId: w.freshCallId }),
    loader: everyone({ redirect: "/espace" }),
    actions: { post: { expect: only("applicantA", "applicantB"), fields: () => ({}), writes: true } },
  },
  "espace.dossiers.$id": {
    params: fileA,
    loader: only("applicantA"),
    actions: {
      save: {
        expect: only("applicantA"),
        params: (w) => ({ id: w.draftA }),
        fields: () => ({ intent: "save", projectTitle: "Titre repris" }),
        writes: true,
      },
      submit: {
        expect: only("applicantA"),
        params: (w) => ({ id: w.draftA }),
        fields: async () => ({
          intent: "submit",
          projectTitle: "Titre complet",
          summary: "Résumé complet",
          requestedAmount: "100 000",
          projectPdf: await pdfFile(),
        }),
        writes: true,
      },
      withdraw: {
        expect: only("applicantA"),
        params: (w) => ({ id: w.draftA }),
        fields: () => ({ intent: "withdraw", confirmWithdraw: "yes" }),
        writes: true,
      },
    },
  },
  "espace.structure": {
    loader: row({ anonymous: "login", applicantA: { redirect: "/espace" }, applicantB: { redirect: "/espace" } }, "forbidden"),
    actions: {
      create: {
        // Both applicants already belong to an organisation: nobody here may create or join one.
        expect: only(),
        fields: () => ({
          intent: "create",
          legalName: "Grappe Nouvelle",
          siret: completeSiret("7328293200007"),
          legalForm: "Association loi 1901",
          addressLine: "1 rue Haute",
          postalCode: "88000",
          city: "Épinal",
          region: "Grand Est",
          sector: "Bois",
          membersCount: "12",
        }),
      },
      acceptInvitation: {
        expect: only(),
        fields: async (w) => ({ intent: "acceptInvitation", invitationId: (await invitationInto(w.users.applicantA, `${w.tag}@example.org`)).id }),
      },
      requestJoin: {
        expect: only(),
        fields: async (w) => ({ intent: "requestJoin", siret: (await organizationOf(w.users.applicantA)).siret }),
      },
    },
  },
  "espace.organisation": {
    loader: only("applicantA", "applicantB"),
    actions: {
      update: {
        expect: only("applicantA", "applicantB"),
        fields: async (w, actor) => {
          const { id: _id, createdAt: _c, updatedAt: _u, ...details } = await organizationOf(ownerOf(w, actor));
          return { ...details, intent: "update", city: "Remiremont", membersCount: String(details.membersCount) };
        },
        writes: true,
      },
      invite: {
        expect: only("applicantA", "applicantB"),
        fields: (w, actor) => ({ intent: "invite", email: `invitation-${actor.toLowerCase()}-${w.tag}@example.org` }),
        writes: true,
      },
      revokeInvitation: {
        expect: only("applicantA", "applicantB"),
        fields: async (w, actor) => ({ intent: "revokeInvitation", invitationId: (await invitationInto(ownerOf(w, actor), `${actor}-${w.tag}@example.org`)).id }),
        writes: true,
      },
      setRole: {
        expect: only("applicantA", "applicantB"),
        fields: async (w, actor) => ({ intent: "setRole", membershipId: await newMemberOf(ownerOf(w, actor)), role: "OWNER" }),
        writes: true,
      },
      remove: {
        expect: only("applicantA", "applicantB"),
        fields: async (w, actor) => ({ intent: "remove", membershipId: await newMemberOf(ownerOf(w, actor)) }),
        writes: true,
      },
      leave: {
        expect: { ...only(), applicantA: { redirect: "/espace/structure" }, applicantB: { redirect: "/espace/structure" } },
        // Each organisation gets a second owner, so that its first may leave.
        prepare: async (w) => {
          for (const owner of [w.users.applicantA, w.users.applicantB]) {
            await prisma.membership.update({ where: { id: await newMemberOf(owner) }, data: { role: "OWNER" } });
          }
        },
        fields: () => ({ intent: "leave" }),
        writes: true,
      },
      answerRequest: {
        expect: only("applicantA", "applicantB"),
        fields: async (w, actor) => {
          const { id: organizationId } = await organizationOf(ownerOf(w, actor));
          const asking = await createUser("APPLICANT");
          const request = await prisma.joinRequest.create({ data: { organizationId, userId: asking.id } });
          return { intent: "answerRequest", requestId: request.id, answer: "accept" };
        },
        writes: true,
      },
    },
  },
  "expertise.$assignmentId": {
    params: assignmentOf,
    loader: only("assignedExpert"),
    actions: {
      save: { expect: only("assignedExpert"), fields: reviewFields("save"), writes: true },
      submit: { expect: only("assignedExpert"), fields: reviewFields("submit"), writes: true },
      conflict: { expect: only("assignedExpert"), fields: () => ({ intent: "conflict", reason: "Ancien salarié" }), writes: true },
    },
  },
  "expertise._index": { loader: only("assignedExpert", "unassignedExpert", "conflictedExpert") },
  "gestion._index": { loader: only("staff") },
  "gestion.appels.$callId._index": { params: (w) => ({ callId: w.call.id }), loader: only("staff") },
  "gestion.appels.$callId.classement": { params: (w) => ({ callId: w.call.id }), loader: only("staff") },
  "gestion.appels.$callId.formulaire": {
    params: (w) => ({ callId: w.freshCallId }),
    loader: only("staff"),
    actions: {
      preview: { expect: row({ anonymous: "login", staff: "served" }, "forbidden"), fields: () => ({ ...standardFormFields(), intent: "preview" }) },
      save: { expect: only("staff"), fields: () => ({ ...standardFormFields(), intent: "save" }), writes: true },
    },
  },
  "gestion.appels.$callId.parametres": {
    params: (w) => ({ callId: w.call.id }),
    loader: only("staff"),
    actions: {
      save: {
        expect: only("staff"),
        params: (w) => ({ callId: w.freshCallId }),
        fields: async (w) => ({
          ...callSettingsFields(w),
          intent: "save",
          code: (await prisma.call.findUniqueOrThrow({ where: { id: w.freshCallId }, select: { code: true } })).code,
        }),
        writes: true,
      },
      step: { expect: only("staff"), prepare: closeCall, fields: () => ({ intent: "step", step: "startReview" }), writes: true },
    },
  },
  "gestion.appels.$callId.courriers": {
    params: (w) => ({ callId: w.call.id }),
    loader: only("staff"),
    actions: {
      save: {
        expect: only("staff"),
        fields: (w) => ({ intent: "save", kind: "REJECTED", locale: "fr", subject: `Objet ${w.tag} {projet}`, body: "Corps {motivation}", closing: "Salutations" }),
        writes: true,
      },
      signatory: {
        expect: only("staff"),
        fields: (w) => ({ intent: "signatory", agencyName: "Agence des territoires", signatoryName: `Signataire ${w.tag}`, signatoryTitle: "La directrice" }),
        writes: true,
      },
      reset: {
        expect: only("staff"),
        prepare: async (w) => {
          await prisma.letterTemplate.upsert({
            where: { callId_kind_locale: { callId: w.call.id, kind: "WAITLISTED", locale: "en" } },
            create: { callId: w.call.id, kind: "WAITLISTED", locale: "en", subject: "S", body: "B", closing: "C" },
            update: {},
          });
        },
        fields: () => ({ intent: "reset", kind: "WAITLISTED", locale: "en" }),
        writes: true,
      },
    },
  },
  "gestion.appels.$callId.courriers_.apercu.$applicationId": { params: (w) => ({ callId: w.call.id, applicationId: w.fileA }), loader: only("staff") },
  "gestion.appels.$callId.grille": {
    params: (w) => ({ callId: w.freshCallId }),
    loader: only("staff"),
    actions: {
      save: { expect: only("staff"), fields: (w) => gridSettingsFields(w), writes: true },
      reopen: {
        expect: only("staff"),
        params: (w) => ({ callId: w.call.id }),
        prepare: sendReview,
        fields: () => ({ intent: "reopen", reason: "Coquille dans un intitulé" }),
        writes: true,
      },
    },
  },
  "gestion.appels.$callId.export": { params: (w) => ({ callId: w.call.id }), loader: only("staff") },
  "gestion.appels.importer": {
    loader: only("staff"),
    actions: {
      post: {
        expect: only("staff"),
        fields: async (w) => {
          await prisma.call.update({ where: { id: w.call.id }, data: { contactEmail: "contact@agence.gouv.fr" } });
          const exported = await callLoader(exportRoute.loader, { userId: w.users.staff, params: { callId: w.call.id } });
          const file = new File([await exported.text()], "appel.json", { type: "application/json" });
          return { code: `IMPORT-${w.tag.toUpperCase()}`, definition: file };
        },
        writes: true,
      },
    },
  },
  "gestion.appels.nouveau": {
    loader: only("staff"),
    actions: { post: { expect: only("staff"), fields: (w) => ({ ...callSettingsFields(w), code: `AAP-${w.tag.toUpperCase()}` }), writes: true } },
  },
  "gestion.courriels._index": { loader: only("staff") },
  "gestion.courriels.$id": {
    params: (w) => ({ id: w.emailId }),
    loader: only("staff"),
    actions: {
      resend: {
        expect: only("staff"),
        prepare: async (w) => {
          // As the outbox leaves it after its last failed attempt.
          await prisma.emailMessage.update({ where: { id: w.emailId }, data: { status: "FAILED", lastError: "550 mailbox unavailable" } });
        },
        fields: () => ({ intent: "resend" }),
        writes: true,
      },
    },
  },
  "gestion.dossiers.$id": {
    params: fileA,
    loader: only("staff"),
    actions: {
      eligibility: {
        expect: only("staff"),
        params: (w) => ({ id: w.fileB }),
        fields: () => ({ intent: "eligibility", eligible: "yes", note: "" }),
        writes: true,
      },
      assign: { expect: only("staff"), fields: (w) => ({ intent: "assign", reviewerId: w.users.unassignedExpert }), writes: true },
      decide: {
        expect: only("staff"),
        prepare: async (w) => {
          await sendReview(w);
          await closeCall(w);
        },
        fields: () => ({ intent: "decide", decisionVersion: "0", outcome: "REJECTED", motivation: "Budget insuffisant.", committeeDate: "2026-11-20" }),
        writes: true,
      },
      issueLetter: {
        expect: only("staff"),
        prepare: async (w) => {
          await sendReview(w);
          await decideLaureate(w);
        },
        fields: () => ({ intent: "issueLetter" }),
        writes: true,
      },
    },
  },
  healthz: { loader: everyone("ok") },
  invitation: {
    loader: everyone("ok"),
    actions: {
      post: {
        // Joining is for an applicant without an organisation: none here.
        expect: only(),
        fields: async (w) => {
          const token = randomBytes(32).toString("base64url");
          await invitationInto(w.users.applicantA, `lien-${w.tag}@example.org`, token);
          return { token };
        },
      },
    },
  },
  "mot-de-passe.oublie": {
    loader: signedOutOnly(),
    actions: {
      post: {
        expect: signedOutOnly({ redirect: "/connexion" }),
        fields: async (w) => ({ email: (await prisma.user.findUniqueOrThrow({ where: { id: w.users.applicantA } })).email }),
        writes: true,
      },
    },
  },
  "mot-de-passe.nouveau": {
    loader: signedOutOnly(),
    actions: {
      post: {
        expect: signedOutOnly({ redirect: "/connexion" }),
        fields: async (w) => ({
          token: await passwordResetTokenFor(w.users.applicantA),
          password: "une nouvelle phrase de passe",
          confirmPassword: "une nouvelle phrase de passe",
        }),
        writes: true,
      },
    },
  },
  "inscription_.confirmer": {
    loader: signedOutOnly(),
    actions: {
      post: {
        expect: signedOutOnly({ redirect: "/espace/structure" }),
        prepare: async (w) => {
          await prisma.user.update({ where: { id: w.users.applicantA }, data: { emailVerifiedAt: null } });
        },
        fields: async (w) => ({ token: await confirmationTokenFor(w.users.applicantA) }),
        writes: true,
      },
    },
  },
  inscription: {
    loader: signedOutOnly(),
    actions: {
      post: {
        expect: signedOutOnly({ redirect: "/connexion" }),
        fields: (w, actor) => ({
          name: "Nouvelle Personne",
          email: `inscription-${actor.toLowerCase()}-${w.tag}@example.org`,
          password: "une phrase de passe solide",
          confirmPassword: "une phrase de passe solide",
        }),
        writes: true,
      },
    },
  },
  langue: { loader: everyone({ redirect: "/" }), actions: { post: { expect: everyone("ok"), fields: () => ({ locale: "en", redirectTo: "/" }) } } },
  "mentions-legales": { loader: everyone("ok") },
  "plan-du-site": { loader: everyone("ok") },
  verification: {
    loader: everyone("ok"),
    actions: {
      post: {
        expect: everyone("served"),
        fields: () => ({ code: "000000000000", letterPdf: new File(["%PDF-1.7"], "courrier.pdf", { type: "application/pdf" }) }),
      },
    },
  },
  "v.$code": { params: () => ({ code: "000000000000" }), loader: everyone({ redirect: "/verification" }) },
};

// ---------------------------------------------------------------- the routes on disk

const ROUTES_DIR = path.resolve(import.meta.dirname, "../../app/routes");

/** Route id (the file name Remix routes on) → module file; folder routes hold a route.tsx. */
function routeFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(ROUTES_DIR)) {
    const full = path.join(ROUTES_DIR, entry);
    if (statSync(full).isDirectory()) {
      const inner = ["route.tsx", "route.ts"].map((name) => path.join(full, name)).find((file) => statSync(file, { throwIfNoEntry: false }));
      if (inner) files.set(entry, inner);
    } else if (/\.(tsx|ts)$/.test(entry)) {
      files.set(entry.replace(/\.(tsx|ts)$/, ""), full);
    }
  }
  return files;
}

/** The values the action tells apart in its `intent` field: compared in code or posted by the page's buttons. */
function intentsIn(source: string): string[] {
  const found = new Set<string>();
  const patterns = [/intent"?\)?\s*===\s*"([^"]+)"/g, /name="intent"\s+value="([^"]+)"/g, /value="([^"]+)"\s+name="intent"/g];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) found.add(match[1]!);
  return found.size > 0 ? [...found].sort() : ["post"];
}

type Handler = Parameters<typeof callLoader>[0];
interface RouteModule {
  loader?: Handler;
  action?: Handler;
}

const files = routeFiles();
const modules = new Map<string, RouteModule>();
async function moduleOf(routeId: string): Promise<RouteModule> {
  const file = files.get(routeId);
  if (!file) throw new Error(`no module for ${routeId}`);
  if (!modules.has(routeId)) modules.set(routeId, (await import(/* @vite-ignore */ file)) as RouteModule);
  return modules.get(routeId)!;
}

// ---------------------------------------------------------------- checking one outcome

function redirectPath(response: Response): string | null {
  const location = response.headers.get("Location");
  if (response.status < 300 || response.status >= 400 || !location) return null;
  return new URL(location, "http://localhost").pathname;
}

function describeResponse(response: Response) {
  const to = redirectPath(response);
  return to === null ? `${response.status}` : `${response.status} → ${to}`;
}

function matches(response: Response, outcome: Outcome, kind: "loader" | "action"): boolean {
  const to = redirectPath(response);
  if (outcome === "login") return to === "/connexion";
  if (outcome === "forbidden") return response.status === 403;
  if (typeof outcome === "object") return to === outcome.redirect;
  if (kind === "loader" || outcome === "served") return response.status >= 200 && response.status < 300;
  return to !== null && to !== "/connexion";
}

const isRefusal = (outcome: Outcome) => outcome === "login" || outcome === "forbidden" || (typeof outcome === "object" && outcome.sentAway === true);

/** Texts in the body the actor must never receive. Binary downloads are the file itself and are left out. */
async function leakedSecrets(response: Response, world: World, actor: Actor): Promise<string[]> {
  const type = response.headers.get("Content-Type") ?? "";
  if (type.includes("pdf") || response.body === null) return [];
  const text = await response.clone().text();
  return (Object.keys(SECRET_READERS) as Secret[])
    .filter((secret) => !(SECRET_READERS[secret] as readonly Actor[]).includes(actor))
    .flatMap((secret) => world.secrets[secret].filter((value) => text.includes(value)).map((value) => `${secret}: « ${value} »`));
}

// ---------------------------------------------------------------- the tests

describe("authorization matrix", () => {
  it("has one row for every route, loader and action intent in app/routes, and none for a route that is gone", async () => {
    const problems: string[] = [];
    for (const [routeId, file] of files) {
      const module = await moduleOf(routeId);
      const entry = MATRIX[routeId];
      if (!entry) {
        problems.push(`route ${routeId} has no row in the matrix`);
        continue;
      }
      if (module.loader && !entry.loader) problems.push(`route ${routeId}: its loader has no row`);
      if (!module.loader && entry.loader) problems.push(`route ${routeId}: row for a loader it does not have`);
      const intents = module.action ? intentsIn(readFileSync(file, "utf8")) : [];
      const rows = Object.keys(entry.actions ?? {});
      for (const intent of intents) if (!rows.includes(intent)) problems.push(`route ${routeId}: action intent "${intent}" has no row`);
      for (const intent of rows) if (!intents.includes(intent)) problems.push(`route ${routeId}: row for action intent "${intent}" it does not handle`);
    }
    for (const routeId of Object.keys(MATRIX)) if (!files.has(routeId)) problems.push(`row for route ${routeId}, which no longer exists`);
    expect(problems).toEqual([]);
  });

  describe("loaders", () => {
    // One world for every page: A's file went all the way to its sent letter, so every page has
    // something to show (and to leak).
    let world: World;
    beforeAll(async () => {
      world = await buildWorld();
      await sendReview(world);
      await decideLaureate(world);
      await issueLetter(world);
    });

    const withLoader = Object.entries(MATRIX).filter(([, entry]) => entry.loader);
    it.each(withLoader)("%s", async (routeId, entry) => {
      const { loader } = await moduleOf(routeId);
      if (!loader) throw new Error(`${routeId} has no loader`);
      const failures: string[] = [];
      for (const actor of ACTORS) {
        const expected = entry.loader![actor];
        const response = await callLoader(loader, { userId: userIdOf(world, actor), params: entry.params?.(world, actor) ?? {} });
        if (!matches(response, expected, "loader")) {
          failures.push(`${actor}: expected ${JSON.stringify(expected)}, got ${describeResponse(response)}`);
        }
        for (const leak of await leakedSecrets(response, world, actor)) failures.push(`${actor} receives ${leak}`);
      }
      expect(failures).toEqual([]);
    });
  });

  describe("actions", () => {
    const intents = Object.entries(MATRIX).flatMap(([routeId, entry]) =>
      Object.entries(entry.actions ?? {}).map(([intent, spec]) => [`${routeId} ${intent}`, routeId, entry, spec] as const),
    );
    it.each(intents)("%s", async (_name, routeId, entry, spec) => {
      const { action } = await moduleOf(routeId);
      if (!action) throw new Error(`${routeId} has no action`);
      const world = await buildWorld();
      await spec.prepare?.(world);
      // Refusals first: each must find the world exactly as the allowed request would.
      const actors = [...ACTORS].sort((a, b) => Number(isRefusal(spec.expect[b])) - Number(isRefusal(spec.expect[a])));
      const failures: string[] = [];
      for (const actor of actors) {
        const expected = spec.expect[actor];
        const params = (spec.params ?? entry.params)?.(world, actor) ?? {};
        const fields = await spec.fields(world, actor);
        const before = await snapshotDatabase();
        const response = await postForm(action, fields, { userId: userIdOf(world, actor), params });
        const changed = (await snapshotDatabase()) !== before;
        if (!matches(response, expected, "action")) {
          failures.push(`${actor}: expected ${JSON.stringify(expected)}, got ${describeResponse(response)}`);
        }
        if (isRefusal(expected) && changed) failures.push(`${actor}: refused, yet stored data changed`);
        if (!isRefusal(expected) && spec.writes && !changed) failures.push(`${actor}: allowed, yet nothing was stored`);
        for (const leak of await leakedSecrets(response, world, actor)) failures.push(`${actor} receives ${leak}`);
      }
      expect(failures).toEqual([]);
    });
  });
});

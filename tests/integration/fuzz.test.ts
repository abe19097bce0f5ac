/// <reference types="vite/client" />
import { readdir } from "node:fs/promises";
import type { ActionFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { hashPassword } from "~/auth/password.server";
import { queueEmail } from "~/mail/outbox.server";
import { confirmationTokenFor, passwordResetTokenFor, createApplicant, createApplication, createCall, createUser, pdfBytes, pdfFile } from "../support/factories";
import { postForm } from "../support/remix";
import { endOfParisDayAfter } from "~/domain/dates";
import { parseFormDefinition } from "~/domain/form-definition";
import { definitionToEditor } from "~/schemas/form-editor";
import { multipartBody, multipartType, postBody, type RawPart } from "../support/bodies";
import { HOSTILE_FILENAMES, hostileValues, seededRandom, type Random } from "../support/hostile-input";

/**
 * Every action of every route receives malformed input, one hostile field at a time with the
 * others valid, as the person allowed to post there: the answer is never a server error, and
 * input that is refused leaves the database and the upload folder exactly as they were.
 */
type Action = (args: ActionFunctionArgs) => Promise<unknown>;
interface RouteModule {
  action?: Action;
}

/** Who posts, where, and the form they would send when all is well. */
interface Target {
  userId?: string;
  params: Record<string, string>;
  fields: Record<string, string>;
  files?: Record<string, File>;
}

interface IntentScenario {
  setup: () => Promise<Target>;
  /** Tables a refusal may still write to by design (failed logins are counted and audited). */
  writesOnRefusal?: RegExp;
  /** An accepted post leaves the record able to take the form again (a draft saved stays a draft): the next case reuses it. */
  repeatable?: true;
}

const SEED = 20261128;

/** The editor's form as a browser posts it: nested values flattened to Conform's names. */
function editorEntries(value: unknown, prefix = ""): [string, string][] {
  if (Array.isArray(value)) return value.flatMap((item, index) => editorEntries(item, `${prefix}[${index}]`));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([key, item]) => editorEntries(item, prefix ? `${prefix}.${key}` : key));
  return value === undefined ? [] : [[prefix, String(value)]];
}
const LOGIN_PASSWORD = "mot de passe du fuzz";
let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

async function staffFile(status: "SUBMITTED" | "ELIGIBLE") {
  // Closed yesterday: the committee decides only on a closed call.
  const call = await createCall({ closesAt: endOfParisDayAfter(new Date(), -1) });
  const { user, organization } = await createApplicant();
  const application = await createApplication(call.id, organization.id, user.id, status);
  const staff = await createUser("STAFF");
  return { call, application, staff };
}

/** A file taken through eligibility, assignment and one submitted review, by the actions themselves. */
async function reviewedFile() {
  const { call, application, staff } = await staffFile("SUBMITTED");
  const reviewer = await createUser("REVIEWER");
  const staffRoute = await import("~/routes/gestion.dossiers.$id");
  const reviewRoute = await import("~/routes/expertise.$assignmentId");
  const asStaff = { userId: staff.id, params: { id: application.id } };
  await postForm(staffRoute.action, { intent: "eligibility", eligible: "yes" }, asStaff);
  await postForm(staffRoute.action, { intent: "assign", reviewerId: reviewer.id }, asStaff);
  const assignment = await prisma.assignment.findFirstOrThrow({ where: { applicationId: application.id } });
  await postForm(reviewRoute.action, { intent: "submit", recommendation: "FUND", ...validScores(call.criteria) }, {
    userId: reviewer.id,
    params: { assignmentId: assignment.id },
  });
  return { call, application, staff };
}

function validScores(criteria: { id: string }[]) {
  return Object.fromEntries(criteria.flatMap((c) => [[`score_${c.id}`, "4"], [`comment_${c.id}`, "Argumenté"]]));
}

const CALL_SETTINGS = {
  title: "Soutien aux grappes",
  summary: "Actions collectives.",
  rules: "## Qui peut candidater ?",
  opensOn: "2027-01-15",
  closesOn: "2027-04-30",
  budget: "1 000 000",
  minGrant: "50 000",
  maxGrant: "500 000",
  reviewersPerFile: "2",
  contactEmail: "contact@agence.gouv.fr",
};

const GRID = {
  scoreScale: "5",
  halfPoints: "yes",
  overallThreshold: "2,5",
  tieBreak: "COMMITTEE",
  "criteria[0].label": "Stratégie",
  "criteria[0].weight": "60",
  "criteria[0].threshold": "2",
  "criteria[1].label": "Gouvernance",
  "criteria[1].weight": "40",
};

/** A GET as a signed-in person, for a loader a scenario reads from. */
async function staffRequest(userId: string) {
  const { sessionCookieFor } = await import("~/auth/session.server");
  return new Request("http://localhost/", { headers: { Cookie: await sessionCookieFor(userId) } });
}

const DECISION = { intent: "decide", decisionVersion: "0", outcome: "LAUREATE", awardedAmount: "120 000", motivation: "Programme solide.", committeeDate: "2026-11-20" };

async function draftTarget(intent: "save" | "submit"): Promise<Target> {
  const call = await createCall();
  const { user, organization } = await createApplicant();
  const application = await createApplication(call.id, organization.id, user.id);
  return {
    userId: user.id,
    params: { id: application.id },
    fields: { intent, projectTitle: "Filière bois", summary: "Mutualiser les achats.", requestedAmount: "150 000" },
    files: { projectPdf: await pdfFile() },
  };
}

async function reviewTarget(intent: "save" | "submit" | "conflict"): Promise<Target> {
  const { call, application, staff } = await staffFile("SUBMITTED");
  const reviewer = await createUser("REVIEWER");
  const staffRoute = await import("~/routes/gestion.dossiers.$id");
  await postForm(staffRoute.action, { intent: "eligibility", eligible: "yes" }, { userId: staff.id, params: { id: application.id } });
  await postForm(staffRoute.action, { intent: "assign", reviewerId: reviewer.id }, { userId: staff.id, params: { id: application.id } });
  const assignment = await prisma.assignment.findFirstOrThrow({ where: { applicationId: application.id } });
  const fields: Record<string, string> =
    intent === "conflict"
      ? { intent, reason: "J'ai conseillé cette grappe l'an dernier." }
      : { intent, recommendation: "FUND", overallComment: "Très bon dossier", ...validScores(call.criteria) };
  return { userId: reviewer.id, params: { assignmentId: assignment.id }, fields };
}

/** An owner and a member of the same organisation, for the owner to manage. */
async function ownerWithMember() {
  const { user, organization } = await createApplicant();
  const member = await createUser("APPLICANT");
  const membership = await prisma.membership.create({ data: { userId: member.id, organizationId: organization.id } });
  return { user, membershipId: membership.id };
}

/** An account whose password the form can give as the current one. */
async function accountWithPassword() {
  return prisma.user.create({
    data: { email: `compte-${unique()}@example.org`, name: "Personne Fuzz", passwordHash: await hashPassword(LOGIN_PASSWORD), emailVerifiedAt: new Date(), role: "APPLICANT" },
  });
}

/**
 * One entry per route with an action, one per intent it accepts. A route added without an entry
 * fails the test below: its action must be fuzzed too.
 */
const SCENARIOS: Record<string, Record<string, IntentScenario>> = {
  connexion: {
    login: {
      setup: async () => {
        const email = `fuzz-${unique()}@example.org`;
        await prisma.user.create({ data: { email, name: "Personne Fuzz", passwordHash: await hashPassword(LOGIN_PASSWORD), emailVerifiedAt: new Date(), role: "APPLICANT" } });
        return { params: {}, fields: { email, password: LOGIN_PASSWORD, redirectTo: "/espace" } };
      },
      writesOnRefusal: /audit|login|attempt|throttle|limit/i,
    },
  },
  inscription: {
    signup: {
      setup: async () => {
        const password = "une phrase de passe assez longue";
        return { params: {}, fields: { name: "Camille Martin", email: `inscription-${unique()}@example.org`, password, confirmPassword: password } };
      },
      writesOnRefusal: /audit|email|attempt|throttle|limit/i,
    },
  },
  "mot-de-passe.oublie": {
    ask: {
      setup: async () => ({ params: {}, fields: { email: (await createUser("APPLICANT")).email } }),
    },
  },
  "mot-de-passe.nouveau": {
    reset: {
      setup: async () => {
        const password = "une nouvelle phrase de passe";
        return { params: {}, fields: { token: await passwordResetTokenFor((await createUser("APPLICANT")).id), password, confirmPassword: password } };
      },
    },
  },
  "inscription_.confirmer": {
    confirm: {
      setup: async () => {
        const user = await prisma.user.create({
          data: { email: `confirmation-${unique()}@example.org`, name: "Personne Fuzz", passwordHash: await hashPassword(LOGIN_PASSWORD) },
        });
        return { params: {}, fields: { token: await confirmationTokenFor(user.id) } };
      },
    },
  },
  compte: {
    profile: { setup: async () => ({ userId: (await createUser("APPLICANT")).id, params: {}, fields: { intent: "profile", name: "Camille Martin", locale: "en" } }), repeatable: true },
    password: {
      setup: async () => ({
        userId: (await accountWithPassword()).id,
        params: {},
        fields: { intent: "password", currentPassword: LOGIN_PASSWORD, password: "une toute nouvelle phrase de passe", confirmPassword: "une toute nouvelle phrase de passe" },
      }),
      writesOnRefusal: /throttle/i,
    },
    email: {
      setup: async () => ({
        userId: (await accountWithPassword()).id,
        params: {},
        fields: { intent: "email", email: `nouvelle-${unique()}@example.org`, currentPassword: LOGIN_PASSWORD },
      }),
      writesOnRefusal: /throttle/i,
    },
    endSession: {
      setup: async () => {
        const user = await createUser("APPLICANT");
        const other = await prisma.session.create({ data: { userId: user.id, expiresAt: new Date(Date.now() + 3600_000) } });
        return { userId: user.id, params: {}, fields: { intent: "endSession", sessionId: other.id } };
      },
    },
    endAllSessions: { setup: async () => ({ userId: (await createUser("APPLICANT")).id, params: {}, fields: { intent: "endAllSessions" } }) },
  },
  "compte_.courriel": {
    confirm: {
      setup: async () => {
        const user = await accountWithPassword();
        const accountRoute = await import("~/routes/compte");
        const email = `changement-${unique()}@example.org`;
        await postForm(accountRoute.action, { intent: "email", email, currentPassword: LOGIN_PASSWORD }, { userId: user.id });
        const mail = await prisma.emailMessage.findFirstOrThrow({ where: { toAddress: email, template: "email-change" } });
        const token = new URL((mail.payload as { confirmationUrl: string }).confirmationUrl).searchParams.get("jeton")!;
        return { params: {}, fields: { token } };
      },
    },
  },
  "gestion.appels.$callId.grille": {
    save: {
      setup: async () => {
        const call = await createCall({ status: "DRAFT" });
        return { userId: (await createUser("STAFF")).id, params: { callId: call.id }, fields: { ...GRID, intent: "save" } };
      },
      repeatable: true,
    },
    reopen: {
      setup: async () => {
        const { call, application, staff } = await staffFile("SUBMITTED");
        const reviewer = await createUser("REVIEWER");
        const assignment = await prisma.assignment.create({ data: { applicationId: application.id, reviewerId: reviewer.id, assignedById: staff.id, status: "SUBMITTED" } });
        await prisma.review.create({ data: { assignmentId: assignment.id, applicationId: application.id, reviewerId: reviewer.id, status: "SUBMITTED", submittedAt: new Date() } });
        return { userId: staff.id, params: { callId: call.id }, fields: { intent: "reopen", reason: "Coquille dans un intitulé" } };
      },
    },
  },
  "gestion.appels.$callId.courriers": {
    save: {
      setup: async () => ({
        userId: (await createUser("STAFF")).id,
        params: { callId: (await createCall()).id },
        fields: { intent: "save", kind: "LAUREATE", locale: "fr", subject: "Décision sur votre dossier", body: "Madame, Monsieur, le dossier de {organisation} est retenu.", closing: "Veuillez agréer nos salutations." },
      }),
      repeatable: true,
    },
    reset: {
      setup: async () => ({ userId: (await createUser("STAFF")).id, params: { callId: (await createCall()).id }, fields: { intent: "reset", kind: "REJECTED", locale: "en" } }),
      repeatable: true,
    },
    signatory: {
      setup: async () => ({
        userId: (await createUser("STAFF")).id,
        params: { callId: (await createCall()).id },
        fields: { intent: "signatory", agencyName: "Agence régionale de l’innovation", signatoryName: "La directrice générale", signatoryTitle: "Directrice générale" },
      }),
      repeatable: true,
    },
  },
  "gestion.appels.$callId.formulaire": {
    preview: {
      setup: async () => {
        const definition = parseFormDefinition({
          sections: [{ key: "projet", title: "Le projet", fields: [{ key: "projectTitle", type: "shortText", label: "Titre du projet", required: true, maxLength: 100 }] }],
        });
        const fields = Object.fromEntries(editorEntries(definitionToEditor(definition, {})));
        return { userId: (await createUser("STAFF")).id, params: { callId: (await createCall({ status: "DRAFT" })).id }, fields: { ...fields, intent: "preview" } };
      },
      repeatable: true,
    },
  },
  verification: {
    check: {
      setup: async () => ({
        params: {},
        fields: { reference: "GRAPPES-2026-D-000001", code: "ABCDEF123456" },
        files: { letterPdf: await pdfFile("courrier.pdf") },
      }),
      repeatable: true,
    },
  },
  "gestion.appels.importer": {
    import: {
      setup: async () => {
        const source = await createCall();
        await prisma.call.update({ where: { id: source.id }, data: { contactEmail: "contact@agence.gouv.fr" } });
        const staff = await createUser("STAFF");
        const exportRoute = await import("~/routes/gestion.appels.$callId.export");
        const exported = await (await exportRoute.loader({ request: await staffRequest(staff.id), params: { callId: source.id }, context: {} })).text();
        return {
          userId: staff.id,
          params: {},
          fields: { code: `IMPORT-${unique().toUpperCase()}` },
          files: { definition: new File([exported], "appel.json", { type: "application/json" }) },
        };
      },
    },
  },
  "gestion.appels.nouveau": {
    create: { setup: async () => ({ userId: (await createUser("STAFF")).id, params: {}, fields: { ...CALL_SETTINGS, code: `FUZZ-${unique().toUpperCase()}` } }) },
  },
  "gestion.appels.$callId.parametres": {
    save: {
      setup: async () => {
        const call = await createCall({ status: "DRAFT" });
        return { userId: (await createUser("STAFF")).id, params: { callId: call.id }, fields: { ...CALL_SETTINGS, intent: "save", code: call.code } };
      },
      repeatable: true,
    },
    step: {
      setup: async () => {
        const call = await createCall({ closesAt: new Date(Date.now() - 1000) });
        return { userId: (await createUser("STAFF")).id, params: { callId: call.id }, fields: { intent: "step", step: "startReview" } };
      },
    },
  },
  deconnexion: {
    logout: { setup: async () => ({ userId: (await createUser("APPLICANT")).id, params: {}, fields: {} }) },
  },
  langue: {
    switch: {
      setup: async () => ({ userId: (await createUser("APPLICANT")).id, params: {}, fields: { locale: "en", redirectTo: "/espace" } }),
      repeatable: true,
    },
  },
  "espace.structure": {
    create: {
      setup: async () => ({
        userId: (await createUser("APPLICANT")).id,
        params: {},
        fields: {
          legalName: `Grappe ${unique()}`,
          siret: "",
          legalForm: "Association loi 1901",
          addressLine: "12 rue des Sapins",
          postalCode: "39000",
          city: "Lons-le-Saunier",
          region: "Bourgogne-Franche-Comté",
          sector: "Bois",
          membersCount: "42",
        },
      }),
    },
    acceptInvitation: {
      setup: async () => {
        const { user: owner, organization } = await createApplicant();
        const invitee = await createUser("APPLICANT");
        const invitation = await prisma.organizationInvitation.create({
          data: { organizationId: organization.id, email: invitee.email, tokenHash: unique(), invitedById: owner.id, expiresAt: new Date(Date.now() + 3600_000) },
        });
        return { userId: invitee.id, params: {}, fields: { intent: "acceptInvitation", invitationId: invitation.id } };
      },
    },
    requestJoin: {
      setup: async () => {
        const { organization } = await createApplicant();
        return { userId: (await createUser("APPLICANT")).id, params: {}, fields: { intent: "requestJoin", siret: organization.siret } };
      },
    },
  },
  "espace.organisation": {
    update: {
      setup: async () => {
        const { user, organization } = await createApplicant();
        const { id: _id, createdAt: _c, updatedAt: _u, ...details } = organization;
        return { userId: user.id, params: {}, fields: { ...details, intent: "update", membersCount: "43" } };
      },
      repeatable: true,
    },
    invite: {
      setup: async () => ({ userId: (await createApplicant()).user.id, params: {}, fields: { intent: "invite", email: `collegue-${unique()}@example.org` } }),
    },
    revokeInvitation: {
      setup: async () => {
        const { user, organization } = await createApplicant();
        const invitation = await prisma.organizationInvitation.create({
          data: { organizationId: organization.id, email: `invite-${unique()}@example.org`, tokenHash: unique(), invitedById: user.id, expiresAt: new Date(Date.now() + 3600_000) },
        });
        return { userId: user.id, params: {}, fields: { intent: "revokeInvitation", invitationId: invitation.id } };
      },
    },
    setRole: {
      setup: async () => {
        const { user, membershipId } = await ownerWithMember();
        return { userId: user.id, params: {}, fields: { intent: "setRole", membershipId, role: "OWNER" } };
      },
    },
    remove: {
      setup: async () => {
        const { user, membershipId } = await ownerWithMember();
        return { userId: user.id, params: {}, fields: { intent: "remove", membershipId } };
      },
    },
    leave: {
      setup: async () => {
        const { organization } = await createApplicant();
        const member = await createUser("APPLICANT");
        await prisma.membership.create({ data: { userId: member.id, organizationId: organization.id } });
        return { userId: member.id, params: {}, fields: { intent: "leave" } };
      },
    },
    answerRequest: {
      setup: async () => {
        const { user, organization } = await createApplicant();
        const asking = await createUser("APPLICANT");
        const request = await prisma.joinRequest.create({ data: { organizationId: organization.id, userId: asking.id } });
        return { userId: user.id, params: {}, fields: { intent: "answerRequest", requestId: request.id, answer: "accept" } };
      },
    },
  },
  invitation: {
    accept: {
      setup: async () => {
        const { user: owner } = await createApplicant();
        const teamRoute = await import("~/routes/espace.organisation");
        const email = `invitee-${unique()}@example.org`;
        await postForm(teamRoute.action, { intent: "invite", email }, { userId: owner.id });
        const mail = await prisma.emailMessage.findFirstOrThrow({ where: { toAddress: email, template: "organization-invitation" } });
        const token = new URL((mail.payload as { invitationUrl: string }).invitationUrl).searchParams.get("jeton")!;
        return { userId: (await createUser("APPLICANT")).id, params: {}, fields: { token } };
      },
    },
  },
  "espace.appels.$callId.candidater": {
    start: {
      setup: async () => {
        const call = await createCall();
        const { user } = await createApplicant();
        return { userId: user.id, params: { callId: call.id }, fields: {} };
      },
    },
  },
  "espace.dossiers.$id": {
    save: { setup: () => draftTarget("save"), repeatable: true },
    // Submitting saves the draft first; an incomplete file is then refused and the draft kept.
    submit: { setup: () => draftTarget("submit"), writesOnRefusal: /^(Application|Attachment|AuditEvent|AuditChainHead|uploads)$/ },
    withdraw: {
      setup: async () => {
        const target = await draftTarget("save");
        return { ...target, fields: { intent: "withdraw", confirmWithdraw: "yes" }, files: undefined };
      },
    },
  },
  "expertise.$assignmentId": {
    save: { setup: () => reviewTarget("save"), repeatable: true },
    submit: { setup: () => reviewTarget("submit") },
    conflict: { setup: () => reviewTarget("conflict") },
  },
  "gestion.dossiers.$id": {
    eligibility: {
      setup: async () => {
        const { application, staff } = await staffFile("SUBMITTED");
        return { userId: staff.id, params: { id: application.id }, fields: { intent: "eligibility", eligible: "no", note: "Hors du champ de l'appel." } };
      },
    },
    assign: {
      setup: async () => {
        const { application, staff } = await staffFile("ELIGIBLE");
        const reviewer = await createUser("REVIEWER");
        return { userId: staff.id, params: { id: application.id }, fields: { intent: "assign", reviewerId: reviewer.id, dueAt: "2030-01-31" } };
      },
    },
    decide: {
      setup: async () => {
        const { application, staff } = await reviewedFile();
        return { userId: staff.id, params: { id: application.id }, fields: { ...DECISION } };
      },
    },
    issueLetter: {
      setup: async () => {
        const { application, staff } = await reviewedFile();
        const staffRoute = await import("~/routes/gestion.dossiers.$id");
        await postForm(staffRoute.action, DECISION, { userId: staff.id, params: { id: application.id } });
        return { userId: staff.id, params: { id: application.id }, fields: { intent: "issueLetter" } };
      },
    },
  },
  "gestion.courriels.$id": {
    resend: {
      setup: async () => {
        const staff = await createUser("STAFF");
        const to = `destinataire-${unique()}@example.org`;
        await prisma.$transaction((tx) =>
          queueEmail(tx, {
            to,
            locale: "fr",
            template: "application-submitted",
            payload: {
              recipientName: "Délégation générale",
              organizationName: "Grappe Bois Vosges",
              callTitle: "Soutien à la dynamique des grappes d'entreprises",
              projectTitle: "Séchoir mutualisé",
              receiptNumber: "GRAPPES-2026-000042",
              submittedAt: "2026-11-20T10:00:00.000Z",
              applicationUrl: "http://localhost:3000/espace/dossiers/x",
            },
          }),
        );
        const message = await prisma.emailMessage.findFirstOrThrow({ where: { toAddress: to } });
        await prisma.emailMessage.update({ where: { id: message.id }, data: { status: "FAILED", attempts: 5, lastError: "SMTP indisponible" } });
        return { userId: staff.id, params: { id: message.id }, fields: { intent: "resend" } };
      },
    },
  },
};

/** The SIRET of a new organisation must be unused: each valid one is fresh. */
let siretSeed = 7_000_000;
async function freshSiret() {
  const { completeSiret } = await import("~/domain/siret");
  return completeSiret(`8${String(siretSeed++).padStart(12, "0")}`);
}

const routeModules = import.meta.glob<RouteModule>("../../app/routes/*.tsx", { eager: true });
const routesWithActions = Object.entries(routeModules)
  .filter(([, module]) => typeof module.action === "function")
  .map(([file, module]) => ({ name: file.replace(/^.*\/(.+)\.tsx$/, "$1"), action: module.action! }));

/** Everything the database holds, table by table, as one fingerprint each. */
async function snapshot(): Promise<Record<string, string>> {
  const tables = await prisma.$queryRawUnsafe<{ name: string }[]>(
    "SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY 1",
  );
  const query = tables
    // An order-free sum of row hashes: as telling as hashing the sorted rows, without the sort.
    .map(({ name }) => `SELECT '${name}' AS name, count(*) || ':' || coalesce(sum(hashtextextended(t::text, 0)), 0) AS hash FROM "${name}" t`)
    .join(" UNION ALL ");
  const rows = await prisma.$queryRawUnsafe<{ name: string; hash: string }[]>(query);
  const files = await readdir(process.env.STORAGE_DIR!).catch(() => [] as string[]);
  return { ...Object.fromEntries(rows.map((r) => [r.name, r.hash])), uploads: files.sort().join(",") };
}

/** Sessions are touched by every signed-in request; they are not what a form writes. */
const ALWAYS_WRITTEN = /^session$/i;

function changedTables(before: Record<string, string>, after: Record<string, string>, allowed?: RegExp) {
  return Object.keys({ ...before, ...after }).filter(
    (name) => before[name] !== after[name] && !ALWAYS_WRITTEN.test(name) && !(allowed && allowed.test(name)),
  );
}

type Field = [name: string, value: string | File];

interface Body {
  /** Either fields to encode as a browser would, or a raw body with its content type. */
  fields?: Field[];
  raw?: { body: Uint8Array<ArrayBuffer> | string; contentType: string | null };
  multipart?: boolean;
}

/** A case is built from the valid form of the current record, which is replaced after each accepted post. */
interface FuzzCase {
  label: string;
  build: (valid: Field[]) => Body;
}

function encode(fields: Field[], multipart: boolean): { body: BodyInit; contentType: string | null } {
  if (multipart || fields.some(([, value]) => typeof value !== "string")) {
    const form = new FormData();
    for (const [name, value] of fields) form.append(name, value);
    return { body: form, contentType: null };
  }
  const params = new URLSearchParams();
  for (const [name, value] of fields) params.append(name, value as string);
  return { body: params.toString(), contentType: "application/x-www-form-urlencoded;charset=UTF-8" };
}

function fieldsOf(target: Target): Field[] {
  return [...Object.entries(target.fields), ...Object.entries(target.files ?? {})];
}

function replace(fields: Field[], name: string, value: string | File): Field[] {
  return fields.map(([n, v]) => [n, n === name ? value : v]);
}

async function hostileFiles(): Promise<{ label: string; file: File }[]> {
  const pdf = new Uint8Array(await pdfBytes());
  const named = HOSTILE_FILENAMES.map((name) => ({ label: `file named ${JSON.stringify(name.slice(0, 40))}`, file: new File([pdf], name, { type: "application/pdf" }) }));
  return [
    ...named,
    { label: "empty file", file: new File([], "vide.pdf", { type: "application/pdf" }) },
    { label: "not a PDF", file: new File(["<html><script>alert(1)</script>"], "page.pdf", { type: "application/pdf" }) },
    { label: "PDF header only", file: new File(["%PDF-1.7\n"], "tronque.pdf", { type: "application/pdf" }) },
    { label: "PDF claimed as image", file: new File([pdf], "photo.jpg", { type: "image/jpeg" }) },
  ];
}

/** Bodies no browser sends: cut, mislabelled, or built to exhaust the parser. */
function brokenBodies(): FuzzCase[] {
  const encoder = new TextEncoder();
  const invalidUtf8 = new Uint8Array([0x66, 0xff, 0xfe, 0xed, 0xa0, 0x80, 0xc3]);
  const textPartsOf = (fields: Field[]): RawPart[] =>
    fields.filter(([, v]) => typeof v === "string").map(([name, value]) => ({ name, value: value as string }));
  const raw = (label: string, body: (textParts: RawPart[]) => Uint8Array<ArrayBuffer> | string, contentType: string | null = multipartType()): FuzzCase => ({
    label,
    build: (valid) => ({ raw: { body: body(textPartsOf(valid)), contentType } }),
  });
  const whole = (parts: RawPart[]) => multipartBody(parts);
  return [
    raw("multipart cut in the middle", (parts) => whole(parts).slice(0, Math.floor(whole(parts).length / 2))),
    raw("multipart without its closing delimiter", (parts) => whole(parts).slice(0, whole(parts).length - 30)),
    raw("multipart with another boundary", whole, multipartType("autre-frontiere")),
    raw("multipart without boundary", whole, "multipart/form-data"),
    raw("multipart with an empty body", () => ""),
    raw("multipart garbage", () => "\u0000\u0001garbage\r\n\r\n--"),
    raw("part without a name", (parts) => whole([...parts, { name: "", value: "x" }])),
    raw("header with a line break in the name", (parts) => whole([...parts, { name: 'a"\r\nContent-Type: text/html\r\nX: "', value: "x" }])),
    raw("invalid UTF-8 in every text field", (parts) => whole(parts.map((part) => ({ ...part, value: part.name === "intent" ? part.value : invalidUtf8 })))),
    raw("500 fields", (parts) => whole([...parts, ...Array.from({ length: 500 }, (_, i) => ({ name: `f${i}`, value: "x" }))])),
    raw("a 1,000-character field name", (parts) => whole([...parts, { name: "n".repeat(1000), value: "x" }])),
    raw("a 20 KB part header", (parts) => whole([...parts, { name: "x", value: "x", contentType: `text/plain; ${"p=1; ".repeat(4000)}` }])),
    raw("urlencoded with broken escapes", () => "intent=%&projectTitle=%zz%%&email=%C3%28", "application/x-www-form-urlencoded"),
    raw("urlencoded invalid UTF-8", () => new Uint8Array([...encoder.encode("intent=save&summary="), ...invalidUtf8]), "application/x-www-form-urlencoded"),
    raw("JSON body", (parts) => JSON.stringify(Object.fromEntries(parts.map((p) => [p.name, p.value]))), "application/json"),
    raw("text/plain body", () => "intent=save", "text/plain"),
    raw("no content type", () => "intent=save", null),
  ];
}

/** Always sent: the inputs that once crashed the server. The rest is a seeded sample of the pool. */
const ALWAYS = ["\u0000", "\ud800", "x".repeat(200_000), "30000000", "9999-99-99", "2026-02-31"];
const SAMPLE_SIZE = 6;

function sampleHostile(random: Random): string[] {
  const pool = hostileValues(random).filter((value) => !ALWAYS.includes(value));
  return [...ALWAYS, ...random.sample(pool, SAMPLE_SIZE)];
}

/** All the cases for one intent, in a fixed order drawn from the seed. */
async function casesFor(target: Target, random: Random): Promise<FuzzCase[]> {
  const multipart = target.files !== undefined;
  const pickEncoding = () => multipart || random.next() < 0.3;
  const cases: FuzzCase[] = [];
  const add = (label: string, fields: (valid: Field[]) => Field[], encoding = pickEncoding()) =>
    cases.push({ label, build: (valid) => ({ fields: fields(valid), multipart: encoding }) });
  for (const [name, value] of fieldsOf(target)) {
    if (typeof value === "string") {
      for (const hostile of sampleHostile(random)) add(`${name} = ${JSON.stringify(hostile.slice(0, 40))}`, (valid) => replace(valid, name, hostile));
      add(`${name} sent as a file`, (valid) => replace(valid, name, new File(["x"], "x.txt")), true);
    } else {
      for (const { label, file } of await hostileFiles()) add(`${name}: ${label}`, (valid) => replace(valid, name, file), true);
      add(`${name} sent as text`, (valid) => replace(valid, name, "dossier.pdf"), true);
    }
    add(`${name} missing`, (valid) => valid.filter(([n]) => n !== name));
    add(`${name} twice`, (valid) => [...valid, ...valid.filter(([n]) => n === name)]);
    add(`${name} twice, second hostile`, (valid) => [...valid, [name, "\u0000<script>"]]);
  }
  for (const extra of ["__proto__", "constructor", "intent[]", "a[0].b[1]", "toString"]) add(`extra field ${extra}`, (valid) => [...valid, [extra, "x"]]);
  add("every field empty", (valid) => valid.map(([n, v]) => [n, typeof v === "string" ? "" : v]));
  add("no field at all", () => []);
  for (const broken of brokenBodies()) cases.push(broken);
  return cases;
}

async function post(action: Action, target: Target, request: Body): Promise<Response> {
  const { body, contentType } = request.raw ?? encode(request.fields ?? [], request.multipart ?? false);
  return postBody(action, body, contentType, { userId: target.userId, params: target.params });
}

/**
 * Runs against the PostgreSQL server (`npm run test:postgres`, part of `npm test`): that is the
 * database that refuses what PGlite forgives (a NUL byte in text), and the suite's longest test
 * then runs once. `FUZZ=1 npx vitest run` runs it on the embedded database as well.
 */
describe.runIf(process.env.TEST_DATABASE_URL || process.env.FUZZ)("fuzz: malformed input to every action", () => {
  it("has a scenario for every route that accepts a POST", () => {
    expect(routesWithActions.map((r) => r.name).sort()).toEqual(Object.keys(SCENARIOS).sort());
  });

  for (const route of routesWithActions) {
    for (const [intent, scenario] of Object.entries(SCENARIOS[route.name] ?? {})) {
      it(`${route.name} (${intent}): accepts the valid form, never answers 5xx, refuses without writing`, { timeout: 120_000 }, async () => {
        const random = seededRandom(SEED + [...`${route.name}:${intent}`].reduce((sum, c) => sum * 31 + c.charCodeAt(0), 0));
        const setup = async () => {
          const target = await scenario.setup();
          if (route.name === "espace.structure" && intent === "create") target.fields.siret = await freshSiret();
          return target;
        };
        let target = await setup();

        const baseline = await post(route.action, target, { fields: fieldsOf(target), multipart: target.files !== undefined });
        expect(baseline.status, `the valid ${intent} form is accepted`).toBeLessThan(400);

        const problems: string[] = [];
        target = await setup();
        let before = await snapshot();
        for (const fuzzCase of await casesFor(target, random)) {
          let response: Response;
          try {
            response = await post(route.action, target, fuzzCase.build(fieldsOf(target)));
          } catch (error) {
            problems.push(`${fuzzCase.label}: threw ${String(error).slice(0, 200)}`);
            target = await setup();
            before = await snapshot();
            continue;
          }
          if (response.status >= 500) problems.push(`${fuzzCase.label}: ${response.status}`);
          if (response.status >= 400) {
            const after = await snapshot();
            const changed = changedTables(before, after, scenario.writesOnRefusal);
            if (changed.length > 0) problems.push(`${fuzzCase.label}: refused with ${response.status} but wrote ${changed.join(", ")}`);
            before = after;
          } else {
            // Accepted: unless the form can be sent again, the record moved on and the next case starts from a fresh one.
            if (!scenario.repeatable) target = await setup();
            before = await snapshot();
          }
        }
        expect(problems).toEqual([]);
      });
    }
  }
});

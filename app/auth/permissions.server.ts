import { redirect } from "@remix-run/node";
import type { Role } from "~/generated/prisma/enums";
import { getViewer, homeFor } from "~/auth/session.server";

/**
 * The one rights check. Every loader and action asks `can` (through `requireAllowed`),
 * even below a route that already asked. Records are plain data gathered by the caller,
 * so the rules stay pure and are unit-tested directly. Conflicts of interest are enforced
 * here: a conflicted reviewer never sees the file, whatever the assignment says.
 */
export interface Viewer {
  id: string;
  role: Role;
  organizationIds: string[];
}

export interface ApplicationAccess {
  organizationId: string;
  status: string;
  /** Reviewers with a live (not declined) assignment on the file. */
  reviewerIds: string[];
  conflictedReviewerIds: string[];
}

/** An organisation as its page needs it judged: who owns it. */
export interface OrganizationAccess {
  organizationId: string;
  ownerIds: string[];
}

export interface AssignmentAccess {
  reviewerId: string;
  status: string;
  conflicted: boolean;
}

interface Records {
  "call.browse": null;
  "letter.verify": null;
  "health.check": null;
  "site.info": null;
  "account.access": null;
  "account.manage": null;
  "account.emailChange": null;
  "applicant.area": null;
  "reviewer.area": null;
  "staff.area": null;
  "organization.create": null;
  "organization.join": null;
  "organization.view": OrganizationAccess;
  "organization.manage": OrganizationAccess;
  "organization.leave": OrganizationAccess;
  "invitation.open": null;
  "application.start": null;
  "application.view": ApplicationAccess;
  "application.edit": ApplicationAccess;
  "application.withdraw": ApplicationAccess;
  "application.manage": ApplicationAccess;
  "assignment.review": AssignmentAccess;
  "letter.download": ApplicationAccess & { notified: boolean };
  "mailbox.read": null;
  "mailbox.resend": null;
  "call.manage": null;
  "call.form.edit": null;
}
export type Action = keyof Records;

const isStaff = (v: Viewer) => v.role === "STAFF";
const isMember = (v: Viewer, organizationId: string) => v.organizationIds.includes(organizationId);
const reviewsFile = (v: Viewer, app: ApplicationAccess) =>
  v.role === "REVIEWER" && app.reviewerIds.includes(v.id) && !app.conflictedReviewerIds.includes(v.id);

/** What anyone may do, signed in or not. */
const PUBLIC_ACTIONS: ReadonlySet<Action> = new Set(["call.browse", "letter.verify", "health.check", "site.info", "account.access", "account.emailChange", "invitation.open"]);

const rules: { [A in Action]: (viewer: Viewer, record: Records[A]) => boolean } = {
  "call.browse": () => true,
  "letter.verify": () => true,
  "health.check": () => true,
  "site.info": () => true,
  // Signing in or up is for people who are not signed in; `requireSignedOut` sends the others home.
  "account.access": () => false,
  // Every signed-in person manages their own account, whatever their role.
  "account.manage": () => true,
  // The link sent to a new address is the proof: it works signed in or not.
  "account.emailChange": () => true,
  "applicant.area": (v) => v.role === "APPLICANT",
  "reviewer.area": (v) => v.role === "REVIEWER",
  "staff.area": isStaff,
  "organization.create": (v) => v.role === "APPLICANT" && v.organizationIds.length === 0,
  // An invitation or an accepted request brings a person without an organisation in: one organisation per applicant.
  "organization.join": (v) => v.role === "APPLICANT" && v.organizationIds.length === 0,
  "organization.view": (v, org) => v.role === "APPLICANT" && isMember(v, org.organizationId),
  // Owners edit the details, invite, answer requests to join, remove members and change roles.
  "organization.manage": (v, org) => v.role === "APPLICANT" && isMember(v, org.organizationId) && org.ownerIds.includes(v.id),
  "organization.leave": (v, org) => v.role === "APPLICANT" && isMember(v, org.organizationId),
  // An invitation link shows whom it comes from to anyone holding it; joining is `organization.join`.
  "invitation.open": () => true,
  "application.start": (v) => v.role === "APPLICANT" && v.organizationIds.length > 0,
  "application.view": (v, app) => isStaff(v) || isMember(v, app.organizationId) || reviewsFile(v, app),
  "application.edit": (v, app) => v.role === "APPLICANT" && isMember(v, app.organizationId) && app.status === "DRAFT",
  "application.withdraw": (v, app) =>
    v.role === "APPLICANT" && isMember(v, app.organizationId) && ["DRAFT", "SUBMITTED"].includes(app.status),
  "application.manage": isStaff,
  "assignment.review": (v, a) => v.role === "REVIEWER" && a.reviewerId === v.id && !a.conflicted && a.status !== "DECLINED",
  "letter.download": (v, app) => isStaff(v) || (isMember(v, app.organizationId) && app.notified),
  "mailbox.read": isStaff,
  "mailbox.resend": isStaff,
  "call.manage": isStaff,
  "call.form.edit": isStaff,
};

export function can<A extends Action>(viewer: Viewer | null, action: A, record: Records[A]): boolean {
  if (viewer === null) return PUBLIC_ACTIONS.has(action);
  return rules[action](viewer, record);
}

export function forbidden(): Response {
  return new Response("Forbidden", { status: 403, statusText: "Forbidden" });
}

/** Anonymous people are sent to the login page and come back afterwards. */
/** For pages open to everyone: still asks `can`, so the rule is written in one place. */
export async function allowPublic(request: Request, action: "call.browse" | "letter.verify" | "health.check" | "site.info"): Promise<Viewer | null> {
  const viewer = await getViewer(request);
  assertAllowed(viewer, action, null);
  return viewer;
}

/** Pages to sign in or up: open to anyone not signed in; a signed-in person goes to their home page instead. */
export async function requireSignedOut(request: Request): Promise<void> {
  const viewer = await getViewer(request);
  if (viewer && !can(viewer, "account.access", null)) throw redirect(homeFor(viewer.role));
}

export async function requireViewer(request: Request): Promise<Viewer> {
  const viewer = await getViewer(request);
  if (!viewer) {
    const url = new URL(request.url);
    throw redirect(`/connexion?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return viewer;
}

export async function requireAllowed<A extends Action>(
  request: Request,
  action: A,
  record: Records[A],
): Promise<Viewer> {
  const viewer = await requireViewer(request);
  assertAllowed(viewer, action, record);
  return viewer;
}

export function assertAllowed<A extends Action>(viewer: Viewer | null, action: A, record: Records[A]): void {
  if (!can(viewer, action, record)) throw forbidden();
}

import { randomBytes } from "node:crypto";
import { createCookieSessionStorage, redirect } from "@remix-run/node";
import { prisma } from "~/db.server";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { recordAudit } from "~/audit.server";
import type { Viewer } from "~/auth/permissions.server";
import { appSecret, appUrl } from "~/config.server";
import { memoizeForRequest } from "~/http/request-context.server";

const SESSION_DAYS = 30;

const storage = createCookieSessionStorage({
  cookie: {
    name: "__session",
    httpOnly: true,
    path: "/",
    sameSite: "lax",
    secure: appUrl().startsWith("https:"),
    secrets: [appSecret()],
    maxAge: SESSION_DAYS * 24 * 3600,
  },
});

async function readSessionId(request: Request): Promise<string | undefined> {
  const cookie = await storage.getSession(request.headers.get("Cookie"));
  const id = cookie.get("sessionId");
  return typeof id === "string" ? id : undefined;
}

interface CurrentUser extends Viewer {
  name: string;
  email: string;
  locale: string;
}

/** The root loader and the page's loader of one request share a single session lookup. */
export function getCurrentUser(request: Request): Promise<CurrentUser | null> {
  return memoizeForRequest("currentUser", () => loadCurrentUser(request));
}

async function loadCurrentUser(request: Request): Promise<CurrentUser | null> {
  const sessionId = await readSessionId(request);
  if (!sessionId) return null;
  const session = await prisma.session.findUnique({
    where: { id: sessionId },
    select: {
      expiresAt: true,
      user: {
        select: { id: true, name: true, email: true, role: true, locale: true, memberships: { select: { organizationId: true } } },
      },
    },
  });
  if (!session || session.expiresAt < new Date()) return null;
  const { memberships, ...user } = session.user;
  return { ...user, organizationIds: memberships.map((m) => m.organizationId) };
}

export async function getViewer(request: Request): Promise<Viewer | null> {
  const user = await getCurrentUser(request);
  return user && { id: user.id, role: user.role, organizationIds: user.organizationIds };
}

// Compared against when the email is unknown, so both paths cost one argon2 verification.
let decoyHash: Promise<string> | undefined;

// Failed attempts per address within the window before the address is refused for a while.
const MAX_FAILURES = 5;
const FAILURE_WINDOW_MS = 15 * 60_000;

export type AuthenticationResult =
  | { ok: true; user: { id: string; role: string } }
  | { ok: false; reason: "badCredentials" | "tooManyAttempts" };

/**
 * Checks a password, and slows guessing down: failures are recorded as audit events, and an
 * address with too many recent failures is refused until the window has passed. Kept in the
 * database so that every app process sees the same count.
 */
export async function authenticate(email: string, password: string): Promise<AuthenticationResult> {
  const address = email.trim().toLowerCase();
  const recentFailures = await prisma.auditEvent.count({
    where: { action: "auth.login_failed", entityId: address, createdAt: { gte: new Date(Date.now() - FAILURE_WINDOW_MS) } },
  });
  if (recentFailures >= MAX_FAILURES) return { ok: false, reason: "tooManyAttempts" };
  const user = await prisma.user.findUnique({ where: { email: address }, select: { id: true, passwordHash: true, role: true } });
  if (!user) decoyHash ??= hashPassword(randomBytes(16).toString("hex"));
  const valid = await verifyPassword(user ? user.passwordHash : await decoyHash!, password);
  await prisma.$transaction((tx) =>
    recordAudit(tx, {
      actorId: valid && user ? user.id : null,
      action: valid ? "auth.login" : "auth.login_failed",
      entityType: "Login",
      entityId: address,
    }),
  );
  return valid && user ? { ok: true, user: { id: user.id, role: user.role } } : { ok: false, reason: "badCredentials" };
}

export async function createUserSession(userId: string, redirectTo: string): Promise<Response> {
  const session = await prisma.session.create({
    data: { userId, expiresAt: new Date(Date.now() + SESSION_DAYS * 24 * 3600 * 1000) },
    select: { id: true },
  });
  const cookie = await storage.getSession();
  cookie.set("sessionId", session.id);
  return redirect(redirectTo, { headers: { "Set-Cookie": await storage.commitSession(cookie) } });
}

export async function destroyUserSession(request: Request): Promise<Response> {
  const sessionId = await readSessionId(request);
  if (sessionId) await prisma.session.deleteMany({ where: { id: sessionId } });
  const cookie = await storage.getSession(request.headers.get("Cookie"));
  return redirect("/", { headers: { "Set-Cookie": await storage.destroySession(cookie) } });
}

/** Used by tests to act as a user without going through the login form. */
export async function sessionCookieFor(userId: string): Promise<string> {
  const session = await prisma.session.create({
    data: { userId, expiresAt: new Date(Date.now() + 3600 * 1000) },
    select: { id: true },
  });
  const cookie = await storage.getSession();
  cookie.set("sessionId", session.id);
  const header = await storage.commitSession(cookie);
  return header.split(";")[0] ?? "";
}

/** Where a person lands after logging in, by role. */
export function homeFor(role: string): string {
  if (role === "STAFF") return "/gestion";
  if (role === "REVIEWER") return "/expertise";
  return "/espace";
}

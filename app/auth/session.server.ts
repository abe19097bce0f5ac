import { createHmac, randomBytes } from "node:crypto";
import { createCookie, createCookieSessionStorage, redirect } from "@remix-run/node";
import { prisma } from "~/db.server";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { recordAudit } from "~/audit.server";
import type { Viewer } from "~/auth/permissions.server";
import { appSecret, appUrl, sessionLimits } from "~/config.server";
import { releaseLoginAttempt, reserveLoginAttempt, type LoginAttempt } from "~/auth/login-throttle.server";
import { memoizeForRequest } from "~/http/request-context.server";

const storage = createCookieSessionStorage({
  cookie: {
    name: "__session",
    httpOnly: true,
    path: "/",
    sameSite: "lax",
    secure: appUrl().startsWith("https:"),
    secrets: [appSecret()],
  },
});

/** Activity is written at most this often: reading a page should not cost a write each time. */
const LAST_SEEN_PRECISION_MS = 60_000;

/** The id of the session the request belongs to, signed in or not (the account page marks it and keeps it). */
export async function readSessionId(request: Request): Promise<string | undefined> {
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
      lastSeenAt: true,
      user: {
        select: { id: true, name: true, email: true, role: true, locale: true, memberships: { select: { organizationId: true } } },
      },
    },
  });
  if (!session) return null;
  const now = Date.now();
  if (session.expiresAt.getTime() <= now || now - session.lastSeenAt.getTime() > sessionLimits().idleMs) {
    await prisma.session.deleteMany({ where: { id: sessionId } });
    return null;
  }
  if (now - session.lastSeenAt.getTime() > LAST_SEEN_PRECISION_MS) {
    await prisma.session.updateMany({ where: { id: sessionId }, data: { lastSeenAt: new Date(now) } });
  }
  const { memberships, ...user } = session.user;
  return { ...user, organizationIds: memberships.map((m) => m.organizationId) };
}

export async function getViewer(request: Request): Promise<Viewer | null> {
  const user = await getCurrentUser(request);
  return user && { id: user.id, role: user.role, organizationIds: user.organizationIds };
}

// Compared against when the email is unknown, so both paths cost one argon2 verification.
let decoyHash: Promise<string> | undefined;

export type AuthenticationResult =
  | { ok: true; user: { id: string; role: string } }
  | { ok: false; reason: "badCredentials" | "emailNotConfirmed" }
  | { ok: false; reason: "tooManyAttempts"; retryAt: Date };

/**
 * Checks a password under the login throttle (per account, per client address and per pair),
 * so a burst of guesses gets no more tries than a slow one. Each try that is let through is
 * recorded in the audit trail; the ones held back write nothing, so guessing cannot fill the
 * database.
 */
export async function authenticate(attempt: LoginAttempt, password: string): Promise<AuthenticationResult> {
  const email = attempt.email.trim().toLowerCase();
  const turn = await reserveLoginAttempt({ ...attempt, email });
  if (!turn.allowed) return { ok: false, reason: "tooManyAttempts", retryAt: turn.retryAt };
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, role: true, emailVerifiedAt: true },
  });
  if (!user) decoyHash ??= hashPassword(randomBytes(16).toString("hex"));
  const valid = (await verifyPassword(user ? user.passwordHash : await decoyHash!, password)) && user !== null;
  await prisma.$transaction((tx) =>
    recordAudit(tx, {
      actorId: valid ? user.id : null,
      action: valid ? "auth.login" : "auth.login_failed",
      entityType: "Login",
      entityId: email,
    }),
  );
  if (!valid) return { ok: false, reason: "badCredentials" };
  await releaseLoginAttempt({ ...attempt, email });
  if (!user.emailVerifiedAt) return { ok: false, reason: "emailNotConfirmed" };
  return { ok: true, user: { id: user.id, role: user.role } };
}

/**
 * A browser where someone signed in keeps a signed note of it (a keyed hash of the address,
 * never the address itself), so that strangers hammering that account elsewhere do not slow
 * its owner down.
 */
const knownDeviceCookie = createCookie("__device", {
  httpOnly: true,
  path: "/",
  sameSite: "lax",
  secure: appUrl().startsWith("https:"),
  secrets: [appSecret()],
  maxAge: 365 * 24 * 3600,
});
const REMEMBERED_ACCOUNTS = 5;

function deviceMark(email: string): string {
  return createHmac("sha256", appSecret()).update(`device:${email.trim().toLowerCase()}`).digest("hex").slice(0, 32);
}

async function rememberedMarks(request: Request): Promise<string[]> {
  const value: unknown = await knownDeviceCookie.parse(request.headers.get("Cookie"));
  return Array.isArray(value) ? value.filter((mark): mark is string => typeof mark === "string") : [];
}

export async function isKnownDevice(request: Request, email: string): Promise<boolean> {
  return (await rememberedMarks(request)).includes(deviceMark(email));
}

export async function rememberDevice(request: Request, email: string): Promise<string> {
  const mark = deviceMark(email);
  const marks = [mark, ...(await rememberedMarks(request)).filter((m) => m !== mark)].slice(0, REMEMBERED_ACCOUNTS);
  return knownDeviceCookie.serialize(marks);
}

/** Opens a session that ends after its idle timeout or its absolute lifetime, whichever comes first. */
export async function createUserSession(userId: string, redirectTo: string, extraCookies: string[] = []): Promise<Response> {
  const session = await prisma.session.create({
    data: { userId, expiresAt: new Date(Date.now() + sessionLimits().maxMs) },
    select: { id: true },
  });
  const cookie = await storage.getSession();
  cookie.set("sessionId", session.id);
  const headers = new Headers();
  headers.append("Set-Cookie", await storage.commitSession(cookie, { maxAge: sessionLimits().maxMs / 1000 }));
  for (const extra of extraCookies) headers.append("Set-Cookie", extra);
  return redirect(redirectTo, { headers });
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

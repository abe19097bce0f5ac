import { createCookieSessionStorage, redirect } from "@remix-run/node";
import { appSecret, appUrl } from "~/config.server";

/**
 * A message for the next page (« Votre dossier est déposé »), carried in a signed cookie
 * that lives for one redirect. Never in the URL: a crafted link would otherwise print any
 * text in an alert on a State-branded page. Only keys travel; the text comes from i18n.
 */
export interface FlashMessage {
  kind: "notice" | "error";
  key: string;
}

const KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_.]{0,63}$/;

function flashStorage() {
  return createCookieSessionStorage({
    cookie: {
      name: "__flash",
      httpOnly: true,
      path: "/",
      sameSite: "lax",
      secure: appUrl().startsWith("https:"),
      secrets: [appSecret()],
    },
  });
}

/** The Set-Cookie value carrying a message, for a response that sets other cookies too. */
export async function flashCookie(message: FlashMessage): Promise<string> {
  const storage = flashStorage();
  const session = await storage.getSession();
  session.flash("message", message);
  return storage.commitSession(session);
}

export async function redirectWithFlash(to: string, message: FlashMessage, init: ResponseInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await flashCookie(message));
  return redirect(to, { ...init, headers });
}

/** The pending message, if any, and the header that consumes it. */
export async function takeFlash(request: Request): Promise<{ message: FlashMessage | null; setCookie: string | null }> {
  const cookieHeader = request.headers.get("Cookie");
  if (!cookieHeader?.includes("__flash=")) return { message: null, setCookie: null };
  const storage = flashStorage();
  const session = await storage.getSession(cookieHeader);
  const value: unknown = session.get("message");
  const setCookie = await storage.destroySession(session);
  if (!isFlashMessage(value)) return { message: null, setCookie };
  return { message: { kind: value.kind, key: value.key }, setCookie };
}

function isFlashMessage(value: unknown): value is FlashMessage {
  if (typeof value !== "object" || value === null) return false;
  const { kind, key } = value as Record<string, unknown>;
  return (kind === "notice" || kind === "error") && typeof key === "string" && KEY_PATTERN.test(key);
}

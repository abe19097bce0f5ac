import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { sessionCookieFor } from "~/auth/session.server";
import { takeFlash, type FlashMessage } from "~/http/flash.server";

/**
 * Calls a route's loader or action as the browser would: a real Request, the session
 * cookie of the given user, and the route params. Thrown Responses (redirects, 403) are
 * returned, so a test reads every outcome the same way.
 */
type Handler = (args: LoaderFunctionArgs & ActionFunctionArgs) => Promise<unknown>;

interface CallOptions {
  userId?: string;
  params?: Record<string, string>;
  path?: string;
  /** Extra request headers, e.g. the client address the HTTP layer sets, or a browser's cookies. */
  headers?: Record<string, string>;
}

async function headersFor(userId: string | undefined, extra: Record<string, string> = {}) {
  const headers = new Headers(extra);
  if (userId) headers.set("Cookie", [await sessionCookieFor(userId), headers.get("Cookie")].filter(Boolean).join("; "));
  return headers;
}

async function run(handler: Handler, request: Request, params: Record<string, string>) {
  try {
    const result = await handler({ request, params, context: {} });
    return result instanceof Response ? result : new Response(JSON.stringify(result), { status: 200 });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

export async function callLoader(loader: Handler, { userId, params = {}, path = "/" }: CallOptions = {}) {
  const request = new Request(`http://localhost${path}`, { headers: await headersFor(userId) });
  return run(loader, request, params);
}

export async function postForm(
  action: Handler,
  fields: Record<string, string | File>,
  { userId, params = {}, path = "/", headers }: CallOptions = {},
) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  const request = new Request(`http://localhost${path}`, { method: "POST", body, headers: await headersFor(userId, headers) });
  return run(action, request, params);
}

/** Conform's reply: the errors shown next to each field, and the values kept in the form. */
export async function formErrors(response: Response): Promise<Record<string, string[]>> {
  const body = (await response.json()) as { error?: Record<string, string[] | null> };
  return Object.fromEntries(Object.entries(body.error ?? {}).filter(([, v]) => v !== null)) as Record<string, string[]>;
}

/** The message a redirect leaves for the next page (« Brouillon enregistré »), read from its flash cookie. */
export async function flashOf(response: Response): Promise<FlashMessage | null> {
  const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]);
  const request = new Request("http://localhost/", { headers: { Cookie: cookies.join("; ") } });
  return (await takeFlash(request)).message;
}

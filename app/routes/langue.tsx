import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { localeCookie } from "~/i18n/i18n.server";
import { toLocale } from "~/i18n/config";
import { getViewer } from "~/auth/session.server";
import { safeRedirect } from "~/http/redirects.server";
import { readForm } from "~/forms.server";
import { setPreferredLocale } from "~/services/accounts.server";

export async function loader() {
  return redirect("/");
}

/** Remembers the chosen language in a cookie and, for signed-in people, on their account (emails follow it). */
export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  if (form instanceof Response) return form;
  const locale = toLocale(String(form.get("locale")));
  const viewer = await getViewer(request);
  if (viewer) await setPreferredLocale(viewer.id, locale);
  return redirect(safeRedirect(form.get("redirectTo"), "/"), {
    headers: { "Set-Cookie": await localeCookie.serialize(locale) },
  });
}

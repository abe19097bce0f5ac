import type { LoaderFunctionArgs } from "@remix-run/node";
import { allowPublic } from "~/auth/permissions.server";
import { appUrl, securityContact } from "~/config.server";

const VALIDITY_DAYS = 180;

/** RFC 9116: where to report a vulnerability. Dated on each request so that it never lapses. */
export async function loader({ request }: LoaderFunctionArgs) {
  await allowPublic(request, "site.info");
  const expires = new Date(Date.now() + VALIDITY_DAYS * 24 * 3600 * 1000);
  expires.setUTCHours(0, 0, 0, 0);
  const body = [
    `Contact: mailto:${securityContact()}`,
    `Expires: ${expires.toISOString()}`,
    "Preferred-Languages: fr, en",
    `Canonical: ${appUrl()}/.well-known/security.txt`,
    "",
  ].join("\n");
  return new Response(body, { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=86400" } });
}

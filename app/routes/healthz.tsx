import type { LoaderFunctionArgs } from "@remix-run/node";
import { allowPublic } from "~/auth/permissions.server";
import { prisma } from "~/db.server";

/** For load balancers and uptime checks: 200 when the database answers, 503 otherwise. */
export async function loader({ request }: LoaderFunctionArgs) {
  await allowPublic(request, "health.check");
  try {
    await prisma.$queryRaw`SELECT 1`;
    return new Response("ok", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
  } catch {
    return new Response("database unavailable", { status: 503, headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
  }
}

import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireAllowed } from "~/auth/permissions.server";
import { startApplication } from "~/services/applications.server";
import { DomainError } from "~/domain/errors";
import { prisma } from "~/db.server";
import { redirectWithFlash } from "~/http/flash.server";

export async function loader() {
  return redirect("/espace");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireAllowed(request, "application.start", null);
  try {
    const id = await startApplication(viewer, params.callId ?? "");
    return redirect(`/espace/dossiers/${id}`);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const call = await prisma.call.findUnique({ where: { id: params.callId ?? "" }, select: { slug: true } });
    if (!call) throw new Response("Not found", { status: 404 });
    return redirectWithFlash(`/appels/${call.slug}`, { kind: "error", key: error.key });
  }
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAllowed } from "~/auth/permissions.server";
import { prisma } from "~/db.server";
import { DomainError } from "~/domain/errors";
import { previewDecisionLetter } from "~/services/decisions.server";

/** A file's letter as it would be issued now with the call's current wording, shown in the browser, stored nowhere. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireAllowed(request, "call.manage", null);
  const file = await prisma.application.findFirst({ where: { id: params.applicationId ?? "", callId: params.callId ?? "" }, select: { id: true } });
  if (!file) throw new Response("Not found", { status: 404 });
  try {
    const { pdf, reference } = await previewDecisionLetter(viewer, file.id);
    return new Response(Buffer.from(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `inline; filename="apercu-${reference}.pdf"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof DomainError) throw new Response(error.key, { status: error.status });
    throw error;
  }
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAllowed } from "~/auth/permissions.server";
import { requireApplicationAccess } from "~/services/applications.server";
import { prisma } from "~/db.server";

/** The latest decision letter of a file: staff at any time, the applicant once it was sent. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = params.id ?? "";
  const access = await requireApplicationAccess(id);
  const app = await prisma.application.findUniqueOrThrow({ where: { id }, select: { notifiedAt: true } });
  await requireAllowed(request, "letter.download", { ...access, notified: app.notifiedAt !== null });
  const letter = await prisma.letter.findFirst({
    where: { applicationId: id },
    orderBy: { issuedAt: "desc" },
    select: { reference: true, pdf: true, sha256: true },
  });
  if (!letter) throw new Response("Not found", { status: 404 });
  return new Response(Buffer.from(letter.pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${letter.reference}.pdf"`,
      "Cache-Control": "private, no-store",
      ETag: `"${letter.sha256}"`,
    },
  });
}

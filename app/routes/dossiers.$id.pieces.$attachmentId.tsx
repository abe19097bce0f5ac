import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAllowed } from "~/auth/permissions.server";
import { requireApplicationAccess } from "~/services/applications.server";
import { readStoredFile } from "~/storage/attachments.server";
import { prisma } from "~/db.server";

/** Attachments are never public files: each download is authorized like the file itself. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireApplicationAccess(params.id ?? "");
  await requireAllowed(request, "application.view", access);
  const attachment = await prisma.attachment.findFirst({
    where: { id: params.attachmentId ?? "", applicationId: params.id ?? "" },
    select: { storageKey: true, filename: true, mimeType: true },
  });
  if (!attachment) throw new Response("Not found", { status: 404 });
  const bytes = await readStoredFile(attachment.storageKey);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": attachment.mimeType,
      "Content-Disposition": `inline; filename*=UTF-8''${encodeURIComponent(attachment.filename)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

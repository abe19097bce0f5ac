import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAllowed } from "~/auth/permissions.server";
import { exportCallDefinition } from "~/services/call-setup.server";

/** The call's whole definition as a JSON file, to start another call from it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAllowed(request, "call.manage", null);
  const definition = await exportCallDefinition(params.callId ?? "");
  const filename = `${definition.call.code ?? "appel"}.json`.replace(/[^A-Za-z0-9._-]/g, "_");
  return new Response(JSON.stringify(definition, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}

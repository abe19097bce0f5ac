import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { allowPublic } from "~/auth/permissions.server";

/** The short address printed on letters and in their QR code: the verification page, code filled in. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await allowPublic(request, "letter.verify");
  return redirect(`/verification?${new URLSearchParams({ code: params.code ?? "" })}`);
}

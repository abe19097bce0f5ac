import { redirectWithFlash } from "~/http/flash.server";
import { listingHref, pageCount, parseListing, type Listing } from "~/schemas/listing";

/** Back to the list's first page, keeping what was valid, with a notice saying why. */
async function firstPage<Sort extends string>(request: Request, listing: Listing<Sort>, sorts: readonly [Sort, ...Sort[]]) {
  const search = listingHref(listing, sorts, { page: 1 });
  return redirectWithFlash(`${new URL(request.url).pathname}${search === "?" ? "" : search}`, {
    kind: "notice",
    key: "listingReset",
  });
}

/** The list's parameters, or a redirect (thrown) to its first page when one of them is unknown. */
export async function requireListing<Sort extends string>(request: Request, sorts: readonly [Sort, ...Sort[]]): Promise<Listing<Sort>> {
  const { listing, rejected } = parseListing(new URL(request.url).searchParams, sorts);
  if (rejected) throw await firstPage(request, listing, sorts);
  return listing;
}

/** A page beyond the last one (a stale link once filters narrowed the list) leads to the first. */
export async function requirePageInRange<Sort extends string>(
  request: Request,
  listing: Listing<Sort>,
  sorts: readonly [Sort, ...Sort[]],
  matching: number,
): Promise<void> {
  if (listing.page > pageCount(matching)) throw await firstPage(request, listing, sorts);
}

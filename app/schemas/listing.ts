import { z } from "zod";
import { APPLICATION_STATUSES, type ApplicationStatus } from "~/domain/application-status";
import { text } from "~/schemas/fields";

/** Rows per page of the staff's long lists. */
export const PAGE_SIZE = 50;

export const RANKING_SORTS = ["rang", "note", "montant", "titre"] as const;
export const FILE_SORTS = ["depot", "titre", "montant", "structure"] as const;
export type RankingSort = (typeof RANKING_SORTS)[number];
export type FileSort = (typeof FILE_SORTS)[number];

/** What a staff list shows: which page, in which order, narrowed by which filters. */
export interface Listing<Sort extends string> {
  page: number;
  tri: Sort;
  statut?: ApplicationStatus;
  region?: string;
  q?: string;
  seuil?: "oui" | "non";
  divergents?: "oui";
}

/**
 * The query string of a staff list (`?page=2&tri=note&statut=REVIEWED&q=bois`), one schema for
 * both lists; the first sort named is the default. Each list applies the filters it shows.
 */
export function listingSchema<Sort extends string>(sorts: readonly [Sort, ...Sort[]]) {
  return z.object({
    page: z.coerce.number().int().min(1).max(1_000_000).default(1),
    tri: z.enum(sorts as unknown as [string, ...string[]]).default(sorts[0]),
    statut: z.enum(APPLICATION_STATUSES).optional(),
    region: text({ max: 100 }).optional(),
    q: text({ max: 100 }).optional(),
    seuil: z.enum(["oui", "non"]).optional(),
    divergents: z.literal("oui").optional(),
  });
}

const FIELDS = ["page", "tri", "statut", "region", "q", "seuil", "divergents"] as const;

/**
 * Reads a list's query string. Empty fields (a filter form sent with « Tous ») are absent; a
 * value the list does not know (a page of letters, an unknown sort or status) is dropped and
 * reported, so that the page can send the person back to the first page with a notice.
 */
export function parseListing<Sort extends string>(
  searchParams: URLSearchParams,
  sorts: readonly [Sort, ...Sort[]],
): { listing: Listing<Sort>; rejected: boolean } {
  const schema = listingSchema(sorts);
  const input: Record<string, string> = {};
  for (const field of FIELDS) {
    const value = searchParams.get(field)?.trim();
    if (value) input[field] = value;
  }
  const first = schema.safeParse(input);
  if (first.success) return { listing: first.data as Listing<Sort>, rejected: false };
  for (const issue of first.error.issues) delete input[String(issue.path[0])];
  // What is left passed the schema field by field: only the defaults remain to apply.
  return { listing: schema.parse({ ...input, page: undefined }) as Listing<Sort>, rejected: true };
}

/** The query string of a list with some fields changed; defaults are left out to keep links short. */
export function listingHref<Sort extends string>(
  listing: Listing<Sort>,
  sorts: readonly [Sort, ...Sort[]],
  changes: Partial<Listing<Sort>> = {},
): string {
  const merged: Record<string, unknown> = { ...listing, ...changes };
  const query = new URLSearchParams();
  for (const field of FIELDS) {
    const value = merged[field];
    if (value === undefined || value === "") continue;
    if (field === "page" && value === 1) continue;
    if (field === "tri" && value === sorts[0]) continue;
    query.set(field, String(value));
  }
  const search = query.toString();
  return search ? `?${search}` : "?";
}

export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / PAGE_SIZE));
}

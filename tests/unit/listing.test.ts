import { describe, expect, it } from "vitest";
import { FILE_SORTS, listingHref, pageCount, parseListing, RANKING_SORTS } from "~/schemas/listing";

const parse = (query: string) => parseListing(new URLSearchParams(query), RANKING_SORTS);

describe("parseListing", () => {
  it("reads the first page by rank when nothing is asked", () => {
    expect(parse("")).toEqual({ listing: { page: 1, tri: "rang" }, rejected: false });
  });

  it("reads a page, a sort and every filter", () => {
    expect(parse("page=3&tri=montant&statut=REVIEWED&region=Grand+Est&q=+bois+&seuil=non&divergents=oui")).toEqual({
      listing: { page: 3, tri: "montant", statut: "REVIEWED", region: "Grand Est", q: "bois", seuil: "non", divergents: "oui" },
      rejected: false,
    });
  });

  it("takes the empty fields of a filter form sent with « all » as absent", () => {
    expect(parse("statut=&region=&q=&seuil=&tri=note")).toEqual({ listing: { page: 1, tri: "note" }, rejected: false });
  });

  it.each(["page=abc", "page=0", "page=-2", "page=1.5", "tri=prix", "statut=GAGNANT", "seuil=peut-etre", "divergents=1"])(
    "rejects %s and falls back to the first page",
    (query) => {
      const { listing, rejected } = parse(`${query}&q=bois`);
      expect(rejected).toBe(true);
      expect(listing).toMatchObject({ page: 1, q: "bois" });
    },
  );

  it("rejects a valid page along with an unknown sort: the notice leads to the first page", () => {
    expect(parse("page=4&tri=prix")).toEqual({ listing: { page: 1, tri: "rang" }, rejected: true });
  });

  it("knows each list's own sorts", () => {
    expect(parseListing(new URLSearchParams("tri=structure"), FILE_SORTS).rejected).toBe(false);
    expect(parse("tri=structure").rejected).toBe(true);
  });
});

describe("listingHref", () => {
  const listing = { page: 2, tri: "note" as const, q: "bois & co", region: "Grand Est" };

  it("keeps the filters and sort in page links, leaving defaults out", () => {
    expect(listingHref(listing, RANKING_SORTS, { page: 3 })).toBe("?page=3&tri=note&region=Grand+Est&q=bois+%26+co");
    expect(listingHref({ page: 1, tri: "rang" }, RANKING_SORTS)).toBe("?");
  });
});

describe("pageCount", () => {
  it("counts 50 rows a page, and one page for an empty list", () => {
    expect([0, 1, 50, 51, 2000].map(pageCount)).toEqual([1, 1, 1, 2, 40]);
  });
});

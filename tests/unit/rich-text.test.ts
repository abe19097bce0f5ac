import { describe, expect, it } from "vitest";
import { splitIntoBlocks } from "~/domain/rich-text";

describe("splitIntoBlocks", () => {
  it("reads short lines as section titles and the rest as paragraphs", () => {
    const rules = "Qui peut candidater ?\n\nToute grappe immatriculée en France.\n\r\nCalendrier\n\nDépôt jusqu'au 30 avril 2010 ;\nrésultats en juin.";
    expect(splitIntoBlocks(rules)).toEqual([
      { kind: "heading", text: "Qui peut candidater ?" },
      { kind: "paragraph", text: "Toute grappe immatriculée en France." },
      { kind: "heading", text: "Calendrier" },
      { kind: "paragraph", text: "Dépôt jusqu'au 30 avril 2010 ;\nrésultats en juin." },
    ]);
  });

  it("returns nothing for blank text", () => {
    expect(splitIntoBlocks(" \n\n ")).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { frenchTypography } from "~/domain/typography";

const NBSP = "\u00a0";
const NNBSP = "\u202f";

describe("frenchTypography", () => {
  it("puts a no-break space before a colon and a narrow one before ; ! ?, whether a space was typed or not", () => {
    expect(frenchTypography("Motifs : budget; calendrier! Vraiment ?")).toBe(
      `Motifs${NBSP}: budget${NNBSP}; calendrier${NNBSP}! Vraiment${NNBSP}?`,
    );
    expect(frenchTypography("Points forts:")).toBe(`Points forts${NBSP}:`);
  });

  it("leaves colons inside addresses and times alone", () => {
    expect(frenchTypography("Voir https://exemple.fr/a?b=1 à 10:30.")).toBe("Voir https://exemple.fr/a?b=1 à 10:30.");
  });

  it("glues French quotation marks to what they quote", () => {
    expect(frenchTypography("le projet «Bois»")).toBe(`le projet «${NBSP}Bois${NBSP}»`);
    expect(frenchTypography("le projet «  Bois  »")).toBe(`le projet «${NBSP}Bois${NBSP}»`);
  });

  it("keeps an amount on one line: groups of digits, the euro and the percent sign", () => {
    expect(frenchTypography("un budget de 1 200 000 € dont 30 %")).toBe(`un budget de 1${NBSP}200${NBSP}000${NBSP}€ dont 30${NBSP}%`);
    expect(frenchTypography("12000€")).toBe(`12000${NBSP}€`);
    expect(frenchTypography("en 2010 2 équipes")).toBe("en 2010 2 équipes");
  });

  it("turns typed apostrophes between letters into typographic ones", () => {
    expect(frenchTypography("l'animation d'une grappe")).toBe("l’animation d’une grappe");
    expect(frenchTypography("'cité'")).toBe("'cité'");
  });
});

import { describe, expect, it } from "vitest";
import { amountInWords } from "~/domain/amount-words";

describe("amountInWords", () => {
  it.each([
    [18_500_000, "cent quatre-vingt-cinq mille euros"],
    [15_000_000, "cent cinquante mille euros"],
    [8_000_000, "quatre-vingt mille euros"],
    [8_000, "quatre-vingts euros"],
    [20_000, "deux cents euros"],
    [28_000, "deux cent quatre-vingts euros"],
    [2_100, "vingt et un euros"],
    [7_100, "soixante et onze euros"],
    [100, "un euro"],
    [0, "zéro euro"],
    [100_000_000, "un million d’euros"],
    [250_000_000, "deux millions cinq cent mille euros"],
    [300_000_000, "trois millions d’euros"],
    [1_250, "douze euros et cinquante centimes"],
    [1, "un centime"],
    [15_000_001, "cent cinquante mille euros et un centime"],
  ])("writes %i cents as « %s »", (cents, words) => {
    expect(amountInWords(cents)).toBe(words);
  });

  it("writes English amounts", () => {
    expect(amountInWords(18_500_000, "en")).toBe("one hundred and eighty-five thousand euros");
    expect(amountInWords(100, "en")).toBe("one euro");
    expect(amountInWords(1_250, "en")).toBe("twelve euros and fifty cents");
  });

  it("refuses what is not an amount of cents", () => {
    expect(() => amountInWords(-1)).toThrow(RangeError);
    expect(() => amountInWords(1.5)).toThrow(RangeError);
  });
});

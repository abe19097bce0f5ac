import { describe, expect, it } from "vitest";
import { endOfParisDay, endOfParisDayAfter, formatDate, formatDateTime } from "~/domain/dates";
import { centsToInputValue, formatEuros, parseEurosToCents } from "~/domain/money";
import { completeSiret, formatSiret, isValidSiret } from "~/domain/siret";

describe("formatEuros", () => {
  it("groups thousands with a no-break space and hides zero cents", () => {
    expect(formatEuros(15_000_000)).toBe("150\u00a0000\u00a0€");
  });

  it("shows cents when there are some", () => {
    expect(formatEuros(15_000_050)).toBe("150\u00a0000,50\u00a0€");
    expect(formatEuros(5)).toBe("0,05\u00a0€");
  });

  it("formats in English on request", () => {
    expect(formatEuros(15_000_050, "en")).toBe("€150,000.50");
  });
});

describe("parseEurosToCents", () => {
  it.each([
    ["150 000", 15_000_000],
    ["150000,50", 15_000_050],
    ["150 000 €", 15_000_000],
    ["150\u00a0000\u00a0€", 15_000_000],
    ["0,5", 50],
  ])("reads %j as %i cents", (input, cents) => {
    expect(parseEurosToCents(input)).toBe(cents);
  });

  it.each(["-5", "abc", "1,234", "", "12,5,0"])("refuses %j", (input) => {
    expect(parseEurosToCents(input)).toBeNull();
  });
});

describe("centsToInputValue", () => {
  it("gives whole euros without grouping or decimals", () => {
    expect(centsToInputValue(15_000_000)).toBe("150000");
  });

  it("gives a comma and two decimals when there are cents", () => {
    expect(centsToInputValue(15_000_050)).toBe("150000,50");
  });

  it("gives an empty string for no amount", () => {
    expect(centsToInputValue(null)).toBe("");
    expect(centsToInputValue(undefined)).toBe("");
  });

  it("round-trips through parseEurosToCents", () => {
    for (const cents of [0, 5, 15_000_050, 123_456_700]) {
      expect(parseEurosToCents(centsToInputValue(cents))).toBe(cents);
    }
  });
});

describe("Paris dates", () => {
  it("formats a date in French, as seen in Paris", () => {
    expect(formatDate(new Date("2010-04-30T12:00:00Z"))).toBe("30 avril 2010");
    // 23:30 UTC is already the next day in Paris.
    expect(formatDate(new Date("2010-04-30T23:30:00Z"))).toBe("1 mai 2010");
  });

  it("formats a date and time in English and in French", () => {
    const instant = new Date("2010-04-30T21:59:00Z");
    expect(formatDateTime(instant, "en")).toBe("30 April 2010 at 23:59");
    expect(formatDateTime(instant)).toBe("30 avril 2010 à 23:59");
  });

  it("ends a summer day at 21:59:59 UTC and a winter day at 22:59:59 UTC", () => {
    expect(endOfParisDay(2010, 4, 30).toISOString()).toBe("2010-04-30T21:59:59.000Z");
    expect(endOfParisDay(2026, 1, 15).toISOString()).toBe("2026-01-15T22:59:59.000Z");
  });

  it("counts days across the spring clock change", () => {
    // 28 March 2026 is in winter time; 29 March is the first day of summer time.
    expect(endOfParisDayAfter(new Date("2026-03-28T12:00:00Z"), 1).toISOString()).toBe("2026-03-29T21:59:59.000Z");
  });

  it("counts days across the autumn clock change", () => {
    expect(endOfParisDayAfter(new Date("2026-10-24T12:00:00Z"), 1).toISOString()).toBe("2026-10-25T22:59:59.000Z");
  });

  it("starts from the Paris calendar day, not the UTC one", () => {
    // 23:30 UTC on 28 March is already 29 March in Paris.
    expect(endOfParisDayAfter(new Date("2026-03-28T23:30:00Z"), 1).toISOString()).toBe("2026-03-30T21:59:59.000Z");
  });

  it("goes back in time for negative days", () => {
    expect(endOfParisDayAfter(new Date("2026-03-30T12:00:00Z"), -2).toISOString()).toBe("2026-03-28T22:59:59.000Z");
  });
});

describe("SIRET", () => {
  const valid = completeSiret("7320829540002");

  it("accepts a SIRET with a correct Luhn key", () => {
    expect(valid).toMatch(/^\d{14}$/);
    expect(isValidSiret(valid)).toBe(true);
  });

  it("refuses a wrong check digit", () => {
    const wrong = valid.slice(0, 13) + String((Number(valid[13]) + 1) % 10);
    expect(isValidSiret(wrong)).toBe(false);
  });

  it("refuses 13 digits", () => {
    expect(isValidSiret(valid.slice(0, 13))).toBe(false);
  });

  it("accepts spaces typed between groups", () => {
    expect(isValidSiret(formatSiret(valid))).toBe(true);
    expect(isValidSiret(` ${valid.slice(0, 9)} ${valid.slice(9)} `)).toBe(true);
  });

  it("accepts La Poste establishments whose digit sum is a multiple of 5", () => {
    expect(isValidSiret("35600000000001")).toBe(true);
  });

  it("accepts La Poste's head office SIRET, which follows the ordinary Luhn key", () => {
    expect(isValidSiret("35600000000048")).toBe(true);
  });

  it("formats as SIREN in three groups then the NIC", () => {
    expect(formatSiret("73208295400023")).toBe("732 082 954 00023");
    expect(formatSiret("732 082 954 00023")).toBe("732 082 954 00023");
  });
});

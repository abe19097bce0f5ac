import { describe, expect, it, vi } from "vitest";
import { formatDate, formatDateTime, parisOffsetMinutes } from "~/domain/dates";
import { formatEuros } from "~/domain/money";

describe("formatters are built once per locale", () => {
  it("formats a long list of amounts and dates without building a formatter per value", () => {
    formatEuros(150_000_00, "fr");
    formatEuros(150_000_50, "fr");
    formatDateTime(new Date("2010-04-30T21:59:59Z"), "fr");
    parisOffsetMinutes(new Date());
    const numberFormat = vi.spyOn(Intl, "NumberFormat");
    const dateTimeFormat = vi.spyOn(Intl, "DateTimeFormat");
    for (let i = 0; i < 1000; i++) {
      formatEuros(i * 100 + (i % 2), "fr");
      formatDateTime(new Date(Date.UTC(2010, 3, 1 + (i % 28))), "fr");
      parisOffsetMinutes(new Date(Date.UTC(2010, i % 12, 1)));
    }
    expect(numberFormat).not.toHaveBeenCalled();
    expect(dateTimeFormat).not.toHaveBeenCalled();
    numberFormat.mockRestore();
    dateTimeFormat.mockRestore();
  });

  it("keeps each locale's format apart", () => {
    expect(formatEuros(150_000_00, "fr")).toBe("150\u00a0000\u00a0€");
    expect(formatEuros(150_000_00, "en")).toBe("€150,000");
    expect(formatDate(new Date("2010-04-30T21:59:59Z"), "fr")).toBe("30 avril 2010");
    expect(formatDate(new Date("2010-04-30T21:59:59Z"), "en")).toBe("30 April 2010");
    expect(formatDateTime(new Date("2010-04-30T21:59:59Z"), "fr")).toBe("30 avril 2010 à 23:59");
  });
});

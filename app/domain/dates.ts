/** Instants are stored in UTC and shown in Europe/Paris, whatever the server's zone. */
export const PARIS = "Europe/Paris";

function intlLocale(locale: string) {
  return locale === "en" ? "en-GB" : "fr-FR";
}

// Building an Intl formatter costs far more than using one: each is built once per locale and kept.
const formatters = new Map<string, Intl.DateTimeFormat>();

function cachedFormatter(key: string, build: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = build();
    formatters.set(key, formatter);
  }
  return formatter;
}

const dayFormatter = (locale: string) =>
  cachedFormatter(`day|${intlLocale(locale)}`, () =>
    new Intl.DateTimeFormat(intlLocale(locale), { day: "numeric", month: "long", year: "numeric", timeZone: PARIS }),
  );

const timeFormatter = (locale: string) =>
  cachedFormatter(`time|${intlLocale(locale)}`, () =>
    new Intl.DateTimeFormat(intlLocale(locale), { hour: "2-digit", minute: "2-digit", timeZone: PARIS }),
  );

const parisPartsFormatter = () =>
  cachedFormatter("parts", () =>
    new Intl.DateTimeFormat("en-US", {
      timeZone: PARIS,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    }),
  );

/** "30 avril 2010" */
export function formatDate(date: Date, locale: string = "fr"): string {
  return dayFormatter(locale).format(date);
}

/** "30 avril 2010 à 23:59" */
export function formatDateTime(date: Date, locale: string = "fr"): string {
  const day = formatDate(date, locale);
  const time = timeFormatter(locale).format(date);
  return locale === "en" ? `${day} at ${time}` : `${day} à ${time}`;
}

/** Offset of Paris from UTC, in minutes, at a given instant (60 in winter, 120 in summer). */
export function parisOffsetMinutes(at: Date): number {
  const parts = parisPartsFormatter().formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return Math.round((asUtc - at.getTime()) / 60000);
}

/** The instant at which a Paris wall-clock time occurs. */
export function parisWallTimeToInstant(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date {
  const guess = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const offset = parisOffsetMinutes(new Date(guess.getTime() - parisOffsetMinutes(guess) * 60000));
  return new Date(guess.getTime() - offset * 60000);
}

/** A deadline of "30 avril 2010" means 23:59:59 Paris time that day. */
export function endOfParisDay(year: number, month: number, day: number): Date {
  return parisWallTimeToInstant(year, month, day, 23, 59, 59);
}

/** The Paris calendar day of an instant, as numbers. */
export function parisCalendarDay(at: Date): { year: number; month: number; day: number } {
  const local = new Date(at.getTime() + parisOffsetMinutes(at) * 60000);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

/** End of the Paris day that falls `days` days after `from` (negative for the past). */
export function endOfParisDayAfter(from: Date, days: number): Date {
  const { year, month, day } = parisCalendarDay(from);
  const target = new Date(Date.UTC(year, month - 1, day + days));
  return endOfParisDay(target.getUTCFullYear(), target.getUTCMonth() + 1, target.getUTCDate());
}

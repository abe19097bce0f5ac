import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime } from "~/domain/dates";
import { formatEuros } from "~/domain/money";

const scoreFormatters = new Map<string, Intl.NumberFormat>();

function scoreFormatter(locale: string): Intl.NumberFormat {
  const intlLocale = locale === "en" ? "en-GB" : "fr-FR";
  let formatter = scoreFormatters.get(intlLocale);
  if (!formatter) {
    formatter = new Intl.NumberFormat(intlLocale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    scoreFormatters.set(intlLocale, formatter);
  }
  return formatter;
}

/** Dates and money in the page's language, whatever the machine's locale. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return {
    date: (value: string | Date) => formatDate(new Date(value), locale),
    dateTime: (value: string | Date) => formatDateTime(new Date(value), locale),
    score: (value: number) => scoreFormatter(locale).format(value),
    euros: (cents: number | string | bigint) => formatEuros(typeof cents === "string" ? Number(cents) : cents, locale),
  };
}

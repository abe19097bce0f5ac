import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime } from "~/domain/dates";
import { formatEuros } from "~/domain/money";

const numberFormatters = new Map<string, Intl.NumberFormat>();

function numberFormatter(locale: string, decimals: number): Intl.NumberFormat {
  const intlLocale = locale === "en" ? "en-GB" : "fr-FR";
  const key = `${intlLocale}:${decimals}`;
  let formatter = numberFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(intlLocale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    numberFormatters.set(key, formatter);
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
    score: (value: number) => numberFormatter(locale, 2).format(value),
    count: (value: number) => numberFormatter(locale, 0).format(value),
    euros: (cents: number | string | bigint) => formatEuros(typeof cents === "string" ? Number(cents) : cents, locale),
  };
}

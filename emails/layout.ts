/** Shared pieces of every email: escaping, the HTML shell, the text footer. */

export type EmailLocale = "fr" | "en";

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const HTML_ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ENTITIES[char] ?? char);
}

/** Markup that is already safe; only `html` and the helpers below create it. */
export class SafeHtml {
  constructor(readonly value: string) {}
}

type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

function toHtml(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(toHtml).join("");
  if (value === null || value === undefined || value === false) return "";
  return escapeHtml(String(value));
}

/** Template tag that escapes every interpolated value unless it is already `SafeHtml`. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  return new SafeHtml(strings.reduce((out, chunk, i) => out + chunk + (i < values.length ? toHtml(values[i]) : ""), ""));
}

/** Links in emails point back to the platform; anything but http(s) is a bug, not a link. */
export function safeUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new Error(`Refusing to put a ${parsed.protocol} link in an email`);
  }
  return parsed.href;
}

const FONT = "font-family:Marianne,Arial,Helvetica,sans-serif";
const INK = "#161616";
const BLUE = "#000091";
const MUTED = "#666666";

export function paragraph(content: HtmlValue): SafeHtml {
  return html`<p style="margin:0 0 16px;line-height:1.5">${content}</p>`;
}

export function button(href: string, label: string): SafeHtml {
  return html`<p style="margin:24px 0"><a href="${safeUrl(href)}" style="display:inline-block;background:${BLUE};color:#ffffff;text-decoration:none;padding:10px 20px;font-weight:bold">${label}</a></p>`;
}

/** Key facts as a real table, so screen readers announce each label with its value. */
export function details(caption: string, rows: readonly (readonly [string, string])[]): SafeHtml {
  return html`<table style="border-collapse:collapse;margin:0 0 16px;width:100%">
<caption style="text-align:left;font-weight:bold;padding:0 0 8px">${caption}</caption>
${rows.map(
  ([label, value]) =>
    html`<tr><th scope="row" style="text-align:left;font-weight:normal;color:${MUTED};padding:4px 12px 4px 0;vertical-align:top;white-space:nowrap">${label}</th><td style="padding:4px 0;vertical-align:top">${value}</td></tr>
`,
)}</table>`;
}

export function textDetails(locale: EmailLocale, rows: readonly (readonly [string, string])[]): string {
  const colon = locale === "fr" ? "\u00a0:" : ":";
  return rows.map(([label, value]) => `${label}${colon} ${value}`).join("\n");
}

const FOOTER: Record<EmailLocale, { brand: string; automatic: string }> = {
  fr: {
    brand: "Lauréat – appels à projets",
    automatic: "Ce message vous est envoyé automatiquement par Lauréat. Merci de ne pas y répondre.",
  },
  en: {
    brand: "Lauréat – calls for projects",
    automatic: "This message was sent automatically by Lauréat. Please do not reply to it.",
  },
};

export function textFooter(locale: EmailLocale): string {
  return `-- \n${FOOTER[locale].automatic}`;
}

/** Joins text blocks with blank lines and adds the footer. */
export function textLayout(locale: EmailLocale, blocks: readonly string[]): string {
  return `${[...blocks, textFooter(locale)].join("\n\n")}\n`;
}

export interface HtmlLayoutOptions {
  locale: EmailLocale;
  title: string;
  /** The line most mail clients show next to the subject in the inbox. */
  preheader: string;
  body: SafeHtml;
}

export function htmlLayout({ locale, title, preheader, body }: HtmlLayoutOptions): string {
  const footer = FOOTER[locale];
  return html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${title}</title>
</head>
<body style="margin:0;padding:0;background:#f6f6f6;color:${INK};${FONT};font-size:16px">
<div style="display:none;max-height:0;overflow:hidden">${preheader}</div>
<div role="article" aria-roledescription="email" aria-label="${title}" lang="${locale}" style="max-width:600px;margin:0 auto;padding:24px 16px">
<div style="border-top:4px solid ${BLUE};background:#ffffff;padding:24px">
<p style="margin:0 0 24px;font-weight:bold;color:${BLUE}">${footer.brand}</p>
${body}
</div>
<p style="margin:16px 0 0;font-size:13px;line-height:1.5;color:${MUTED}">${footer.automatic}</p>
</div>
</body>
</html>
`.value;
}

export interface LinkEmailCopy {
  subject: string;
  preheader: string;
  greeting: string;
  body: string;
  action: string;
  validity: string;
  ignore: string;
}

/** A message whose point is one single-use link: why, the button, how long it works, what to do if unexpected. */
export function linkEmail(locale: EmailLocale, c: LinkEmailCopy, link: string): RenderedEmail {
  const url = safeUrl(link);
  return {
    subject: c.subject,
    text: textLayout(locale, [c.greeting, c.body, url, c.validity, c.ignore]),
    html: htmlLayout({
      locale,
      title: c.subject,
      preheader: c.preheader,
      body: html`${[paragraph(c.greeting), paragraph(c.body), button(url, c.action), paragraph(c.validity), paragraph(c.ignore)]}`,
    }),
  };
}

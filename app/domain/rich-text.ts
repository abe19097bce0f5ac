import { micromark } from "micromark";

/**
 * Calls' rules are Markdown typed by staff. micromark escapes any HTML in the text and drops
 * links to dangerous protocols (javascript:, data:), so its output may go into the page as is.
 * Headings move down by `headingOffset` levels: the rules sit under the page's own headings.
 */
export function renderMarkdown(markdown: string, headingOffset = 2): string {
  const html = micromark(markdown.replace(/\r\n/g, "\n"));
  // The text's own angle brackets are escaped, so every "<hN" here is a heading micromark wrote.
  return html.replace(/<(\/?)h([1-6])>/g, (_tag, slash: string, level: string) => `<${slash}h${Math.min(6, Number(level) + headingOffset)}>`);
}

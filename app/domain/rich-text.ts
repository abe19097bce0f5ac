import { micromark } from "micromark";

/**
 * Calls' rules are Markdown typed by staff. micromark escapes any HTML in the text and drops
 * links to dangerous protocols (javascript:, data:), so its output may go into the page as is.
 * Headings take the page's outline from `topLevel` on: « ## » (a section of the rules, as the
 * editor's help says) lands there, « # » too, « ### » one level below, and so on.
 */
export function renderMarkdown(markdown: string, topLevel = 3): string {
  const html = micromark(markdown.replace(/\r\n/g, "\n"));
  // The text's own angle brackets are escaped, so every "<hN" here is a heading micromark wrote.
  return html.replace(/<(\/?)h([1-6])>/g, (_tag, slash: string, level: string) => {
    const shifted = Math.min(6, Math.max(topLevel, Number(level) - 2 + topLevel));
    return `<${slash}h${shifted}>`;
  });
}

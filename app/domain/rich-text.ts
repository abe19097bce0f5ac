export type TextBlock = { kind: "heading" | "paragraph"; text: string };

/**
 * Calls' rules are plain text typed by staff: blocks separated by blank lines. A short
 * one-line block that does not end a sentence is a section title; the rest are paragraphs.
 */
export function splitIntoBlocks(text: string): TextBlock[] {
  return text
    .replace(/\r\n/g, "\n")
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => ({
      kind: !block.includes("\n") && block.length <= 80 && !/[.:;,]$/.test(block) ? "heading" : "paragraph",
      text: block,
    }));
}

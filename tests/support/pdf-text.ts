import { fileURLToPath } from "node:url";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

// pdf.js reads the metrics of the standard 14 fonts from these files; pointing at the installed
// package keeps extraction offline and silent.
const STANDARD_FONTS = fileURLToPath(new URL("../../node_modules/pdfjs-dist/standard_fonts/", import.meta.url));

/**
 * The text of a PDF, page after page (pages separated by a form feed), each line ending with "\n".
 * No-break spaces (U+00A0, U+202F) come back as plain spaces so that assertions can use
 * ordinary ones: "150 000 €".
 */
export async function extractPdfText(bytes: Uint8Array): Promise<string> {
  // pdf.js takes ownership of the buffer it is given; copy it so the caller's bytes stay usable.
  const document = await getDocument({
    data: new Uint8Array(bytes),
    standardFontDataUrl: STANDARD_FONTS,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  try {
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      let text = "";
      for (const item of content.items) {
        if (!("str" in item)) continue;
        text += item.str + (item.hasEOL ? "\n" : "");
      }
      pages.push(text);
      page.cleanup();
    }
    return pages.join("\f").replace(/[\u00a0\u202f]/g, " ");
  } finally {
    await document.destroy();
  }
}

/** Collapses line breaks and runs of spaces, for phrases that may wrap anywhere in the PDF. */
export function flattenText(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

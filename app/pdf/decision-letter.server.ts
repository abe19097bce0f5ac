import fontkit from "@pdf-lib/fontkit";
import QRCode from "qrcode";
import {
  PDFDocument,
  PDFNumber,
  PDFOperator,
  PDFOperatorNames,
  beginText,
  degrees,
  endText,
  moveText,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  setFillingColor,
  setFontAndSize,
  type Color,
  type PDFFont,
  type PDFHexString,
  type PDFPage,
} from "pdf-lib";
import { buildLetterFrame, buildLetterText, type DecisionLetterInput, type LetterFrame } from "~/domain/letter-text";
import { brandFonts } from "~/pdf/brand-fonts.server";
import { MARIANNE_SYMBOL } from "~/pdf/marianne-symbol";

export type { DecisionLetterInput, LetterOutcome } from "~/domain/letter-text";

const MM = 72 / 25.4;
const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const LEFT = 25 * MM;
const RIGHT = PAGE_WIDTH - 20 * MM;
const TEXT_WIDTH = RIGHT - LEFT;
const TOP = PAGE_HEIGHT - 15 * MM;
/** Lowest baseline of body text; below it is the footer. */
const BOTTOM = 32 * MM;
/** The signatory's name may sit a little lower: nothing follows it on the page. */
const SIGNATURE_BOTTOM = 26 * MM;
/** Where a window envelope shows the address: 110 mm from the left edge, 50 mm from the top. */
const ADDRESS_X = 110 * MM;
const ADDRESS_TOP = PAGE_HEIGHT - 50 * MM;
const COLUMN_WIDTH = RIGHT - ADDRESS_X;

const BODY_SIZE = 10.5;
const BODY_LEADING = 14;
const PARAGRAPH_GAP = 7;
const TITLE_GAP = 14;
const SIGNATURE_SPACE = 40;

const INK = rgb(0.09, 0.09, 0.11);
const MUTED = rgb(0.36, 0.36, 0.4);
const RULE = rgb(0.75, 0.75, 0.78);

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  italic: PDFFont;
}

interface Line {
  text: string;
  width: number;
  /** Ends a paragraph or an author's line break, so it is never stretched. */
  last: boolean;
}

interface TextStyle {
  font: PDFFont;
  size: number;
  leading: number;
  color?: Color;
}

/** Invisible or layout characters typed or pasted into a text: spaces become plain ones, the rest disappears. */
const INVISIBLE: Record<string, string> = {
  "\t": " ",
  "\u00ad": "",
  "\u200b": "",
  "\u200c": "",
  "\u200d": "",
  "\u2060": "",
  "\ufeff": "",
};

/** Look-alikes for characters the typeface may lack. */
const SUBSTITUTES: Record<string, string> = {
  "\u202f": "\u00a0",
  "\u2007": "\u00a0",
  "\u2009": " ",
  "\u200a": " ",
  "\u2002": " ",
  "\u2003": " ",
  "\u2010": "-",
  "\u2011": "-",
  "\u2212": "-",
};

/**
 * Brings every string into what the typeface can draw, since a missing glyph would print as an
 * empty box: the character itself when the font has it, else a look-alike, else the letter without
 * its accent, else "?" (for emoji and the like) so that the letter is still produced.
 */
function makeSanitizer(font: PDFFont): (text: string) => string {
  const drawable = new Set(font.getCharacterSet());
  const fits = (char: string) => drawable.has(char.codePointAt(0) ?? -1);
  return (text) => {
    let out = "";
    for (const char of text.normalize("NFC")) {
      const invisible = INVISIBLE[char];
      const substitute = SUBSTITUTES[char];
      if (invisible !== undefined) out += invisible;
      else if (char === "\n" || fits(char)) out += char;
      else if (substitute !== undefined && [...substitute].every(fits)) out += substitute;
      else if ((char.codePointAt(0) ?? 0) < 0x20) continue;
      else {
        const base = [...char.normalize("NFKD")].filter((c) => !/\p{M}/u.test(c));
        out += base.length && base.every(fits) ? base.join("") : "?";
      }
    }
    return out.replace(/ {2,}/g, " ");
  };
}

/** Widths at size 1 of the words already set, per face: letters of one call share most words. */
/**
 * Marianne's kerning and ligature tables made each line cost milliseconds to shape, a letter
 * 100 ms: letters are set without them, as most generated documents are, at 3 to 4 times less.
 */
const NO_SHAPING = { kern: false, liga: false, calt: false, clig: false, ccmp: false, locl: false, mark: false, mkmk: false };
const wordWidths = new Map<string, Map<string, number>>();
const WIDTHS_KEPT = 50_000;

function widthAtSizeOne(font: PDFFont, text: string): number {
  let widths = wordWidths.get(font.name);
  if (!widths) wordWidths.set(font.name, (widths = new Map()));
  let width = widths.get(text);
  if (width === undefined) {
    width = font.widthOfTextAtSize(text, 1);
    if (widths.size >= WIDTHS_KEPT) widths.clear();
    widths.set(text, width);
  }
  return width;
}

/**
 * Lines as wide as the column allows. Shaping text with the embedded font's OpenType tables is
 * the costliest step of a letter, so each word is measured once (and remembered across letters
 * set in the same face), and a line's width is the sum of its words and spaces rather than the
 * whole line measured again at every word.
 */
function wrap(text: string, font: PDFFont, size: number, maxWidth: number): Line[] {
  const measure = (s: string) => widthAtSizeOne(font, s) * size;
  const space = measure(" ");
  const lines: Line[] = [];
  for (const hardLine of text.split("\n")) {
    let current = "";
    let currentWidth = 0;
    for (const word of hardLine.split(" ").filter(Boolean)) {
      const wordWidth = measure(word);
      const candidateWidth = current ? currentWidth + space + wordWidth : wordWidth;
      if (candidateWidth <= maxWidth) {
        current = current ? `${current} ${word}` : word;
        currentWidth = candidateWidth;
        continue;
      }
      if (current) lines.push({ text: current, width: currentWidth, last: false });
      current = word;
      currentWidth = wordWidth;
      // A token wider than the column (a long URL, an IBAN without spaces) is cut where it overflows.
      while (current.length > 1 && currentWidth > maxWidth) {
        let cut = current.length - 1;
        while (cut > 1 && measure(current.slice(0, cut)) > maxWidth) cut--;
        lines.push({ text: current.slice(0, cut), width: measure(current.slice(0, cut)), last: false });
        current = current.slice(cut);
        currentWidth = measure(current);
      }
    }
    lines.push({ text: current, width: currentWidth, last: true });
  }
  return lines;
}

class LetterWriter {
  readonly pages: PDFPage[] = [];
  page: PDFPage;
  y = TOP;

  constructor(
    private readonly doc: PDFDocument,
    readonly fonts: Fonts,
    readonly clean: (text: string) => string,
  ) {
    this.page = this.addPage();
  }

  addPage(): PDFPage {
    this.page = this.doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    this.pages.push(this.page);
    this.y = TOP;
    return this.page;
  }

  lines(text: string, style: TextStyle, width: number): Line[] {
    return wrap(this.clean(text), style.font, style.size, width);
  }

  drawLine(line: Line, x: number, y: number, style: TextStyle, justifyTo?: number): void {
    if (!line.text) return;
    const words = line.text.split(" ");
    const stretch = justifyTo !== undefined && !line.last && words.length > 1 ? (justifyTo - line.width) / (words.length - 1) : 0;
    if (!(stretch > 0 && stretch < style.size)) {
      this.page.drawText(line.text, { x, y, font: style.font, size: style.size, color: style.color ?? INK });
      return;
    }
    // Word spacing (Tw) does nothing with the two-byte codes of an embedded font, so each plain space is
    // followed by a shift in a TJ array; amounts glued with no-break spaces stay intact.
    const shift = PDFNumber.of(-(stretch * 1000) / style.size);
    const parts: (PDFHexString | PDFNumber)[] = [];
    words.forEach((word, index) => {
      if (index > 0) parts.push(style.font.encodeText(" "), shift);
      parts.push(style.font.encodeText(word));
    });
    const fontKey = this.page.node.newFontDictionary(style.font.name, style.font.ref);
    this.page.pushOperators(
      pushGraphicsState(),
      beginText(),
      setFillingColor(style.color ?? INK),
      setFontAndSize(fontKey, style.size),
      moveText(x, y),
      PDFOperator.of(PDFOperatorNames.ShowTextAdjusted, [this.doc.context.obj(parts)]),
      endText(),
      popGraphicsState(),
    );
  }

  /** A block that stays where it is put, used for the letterhead and the addressee. */
  block(text: string, x: number, top: number, width: number, style: TextStyle): number {
    let y = top;
    for (const line of this.lines(text, style, width)) {
      this.drawLine(line, x, y, style);
      y -= style.leading;
    }
    return y;
  }

  /** Whether a paragraph of that many lines, plus `after` points of what must follow it, fits on this page. */
  fits(lineCount: number, leading: number, after: number, floor = BOTTOM): boolean {
    return this.y - (lineCount - 1) * leading - after >= floor;
  }

  /**
   * Flows a justified paragraph across pages, never leaving a lone first or last line behind.
   * `keepWithNext` is the height, in points, of what must stay on the same page as the whole paragraph.
   */
  paragraph(text: string, style: TextStyle, keepWithNext?: { height: number; floor: number }): void {
    const lines = this.lines(text, style, TEXT_WIDTH);
    if (keepWithNext && !this.fits(lines.length, style.leading, keepWithNext.height, keepWithNext.floor)) this.addPage();
    let index = 0;
    while (index < lines.length) {
      const room = Math.max(0, Math.floor((this.y - BOTTOM) / style.leading) + 1);
      const remaining = lines.length - index;
      let take = Math.min(room, remaining);
      if (take < remaining) {
        if (remaining - take === 1 && take > 1) take -= 1;
        if (index === 0 && take < 2) take = 0;
      }
      for (const line of lines.slice(index, index + take)) {
        this.drawLine(line, LEFT, this.y, style, TEXT_WIDTH);
        this.y -= style.leading;
      }
      index += take;
      if (index < lines.length) this.addPage();
    }
    this.y -= PARAGRAPH_GAP;
  }
}

/** The State's mark as the design system sets it: the Marianne symbol, « RÉPUBLIQUE FRANÇAISE » and the motto. */
function drawStateMark(writer: LetterWriter, frame: LetterFrame): number {
  const { bold, italic } = writer.fonts;
  const scale = (13 * MM) / MARIANNE_SYMBOL.width;
  const fieldHeight = MARIANNE_SYMBOL.height * scale;
  const half = (MARIANNE_SYMBOL.width * scale) / 2;
  const page = writer.page;
  page.drawRectangle({ x: LEFT, y: TOP - fieldHeight, width: half, height: fieldHeight, color: hex(MARIANNE_SYMBOL.blue) });
  page.drawRectangle({ x: LEFT + half, y: TOP - fieldHeight, width: half, height: fieldHeight, color: hex(MARIANNE_SYMBOL.red) });
  page.drawSvgPath(MARIANNE_SYMBOL.path, { x: LEFT, y: TOP + scale, scale, color: rgb(1, 1, 1) });
  const markTop = TOP - fieldHeight - 4 - 10.5;
  const afterName = writer.block(frame.masthead.join("\n"), LEFT, markTop, TEXT_WIDTH, { font: bold, size: 11.5, leading: 11.5 });
  return writer.block(frame.motto.join("\n"), LEFT, afterName - 3, TEXT_WIDTH, { font: italic, size: 7.5, leading: 8.5 });
}

function hex(color: string): Color {
  const value = Number.parseInt(color.slice(1), 16);
  return rgb(((value >> 16) & 255) / 255, ((value >> 8) & 255) / 255, (value & 255) / 255);
}

/** Side of the QR code in the top right corner, above where a window envelope shows the address. */
const QR_SIZE = 22 * MM;

/**
 * The QR code of the letter's verification page, drawn as vector squares (sharp at any zoom, the
 * same bytes every time), each row's runs of dark modules as one rectangle.
 */
function drawVerificationQr(writer: LetterWriter, url: string, caption: string): void {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: "M" });
  const module = QR_SIZE / modules.size;
  const left = RIGHT - QR_SIZE;
  const top = TOP;
  for (let row = 0; row < modules.size; row++) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      writer.page.drawRectangle({
        x: left + start * module,
        y: top - (row + 1) * module,
        width: (col - start) * module,
        height: module,
        color: INK,
      });
    }
  }
  const style = { font: writer.fonts.regular, size: 7, leading: 8.5, color: MUTED };
  const text = writer.clean(caption);
  const width = style.font.widthOfTextAtSize(text, style.size);
  writer.page.drawText(text, { x: RIGHT - QR_SIZE / 2 - width / 2, y: top - QR_SIZE - 9, font: style.font, size: style.size, color: MUTED });
}

function drawLetterhead(writer: LetterWriter, frame: LetterFrame): number {
  const { regular, bold } = writer.fonts;
  let left = drawStateMark(writer, frame);
  if (frame.verificationUrl) drawVerificationQr(writer, frame.verificationUrl, frame.qrCaption);
  left = writer.block(frame.agencyName, LEFT, left - 16, 75 * MM, { font: bold, size: 10, leading: 12.5 });
  left = writer.block(frame.references.join("\n"), LEFT, left - 12, 75 * MM, {
    font: regular,
    size: 8.5,
    leading: 11.5,
    color: MUTED,
  });

  const [name = "", ...address] = frame.addressee;
  let right = writer.block(name, ADDRESS_X, ADDRESS_TOP, COLUMN_WIDTH, { font: bold, size: BODY_SIZE, leading: 13.5 });
  right = writer.block(address.join("\n"), ADDRESS_X, right, COLUMN_WIDTH, { font: regular, size: BODY_SIZE, leading: 13.5 });

  const dateY = Math.min(left, right) - 22;
  writer.block(frame.placeAndDate, ADDRESS_X, dateY, COLUMN_WIDTH, { font: regular, size: BODY_SIZE, leading: BODY_LEADING });
  return dateY - 30;
}

function drawSubject(writer: LetterWriter, label: string, subject: string, top: number): number {
  const { regular, bold } = writer.fonts;
  const cleanLabel = writer.clean(label);
  const indent = bold.widthOfTextAtSize(`${cleanLabel} `, BODY_SIZE);
  const style = { font: regular, size: BODY_SIZE, leading: BODY_LEADING };
  writer.page.drawText(cleanLabel, { x: LEFT, y: top, font: bold, size: BODY_SIZE, color: INK });
  let y = top;
  // Continuation lines hang under the subject, not under the label.
  for (const line of writer.lines(subject, style, TEXT_WIDTH - indent)) {
    writer.drawLine(line, LEFT + indent, y, style);
    y -= BODY_LEADING;
  }
  return y;
}

/** From the first baseline of the closing formula down to the signatory's name. */
function signatureHeight(writer: LetterWriter, closing: string, title: string): number {
  const style = { font: writer.fonts.regular, size: BODY_SIZE, leading: BODY_LEADING };
  const closingLines = writer.lines(closing, style, TEXT_WIDTH).length;
  const titleLines = writer.lines(title, style, COLUMN_WIDTH).length;
  return (closingLines + titleLines) * BODY_LEADING + PARAGRAPH_GAP + TITLE_GAP + SIGNATURE_SPACE;
}

function drawSignature(writer: LetterWriter, closing: string, title: string, name: string): void {
  const { regular, bold } = writer.fonts;
  const style = { font: regular, size: BODY_SIZE, leading: BODY_LEADING };
  // The closing formula, the signatory's title and name belong on the same page.
  if (!writer.fits(1, BODY_LEADING, signatureHeight(writer, closing, title), SIGNATURE_BOTTOM)) writer.addPage();
  writer.paragraph(closing, style);
  const afterTitle = writer.block(title, ADDRESS_X, writer.y - TITLE_GAP, COLUMN_WIDTH, style);
  writer.y = writer.block(name, ADDRESS_X, afterTitle - SIGNATURE_SPACE, COLUMN_WIDTH, { ...style, font: bold });
}

/** Across the page, light enough to read the letter through, so that a preview is never taken for a letter. */
function drawWatermark(writer: LetterWriter, page: PDFPage, text: string): void {
  const font = writer.fonts.bold;
  const size = 44;
  const clean = writer.clean(text);
  const width = font.widthOfTextAtSize(clean, size);
  const angle = Math.atan2(PAGE_HEIGHT, PAGE_WIDTH);
  page.drawText(clean, {
    x: PAGE_WIDTH / 2 - (Math.cos(angle) * width) / 2,
    y: PAGE_HEIGHT / 2 - (Math.sin(angle) * width) / 2,
    font,
    size,
    color: rgb(0.85, 0.2, 0.2),
    opacity: 0.18,
    rotate: degrees((angle * 180) / Math.PI),
  });
}

function drawFooters(writer: LetterWriter, frame: LetterFrame): void {
  const { regular } = writer.fonts;
  const style = { font: regular, size: 7.5, leading: 9.5, color: MUTED };
  const total = writer.pages.length;
  const ruleY = 20 * MM;
  const textTop = ruleY - 11;
  writer.pages.forEach((page, index) => {
    writer.page = page;
    page.drawLine({ start: { x: LEFT, y: ruleY }, end: { x: RIGHT, y: ruleY }, thickness: 0.5, color: RULE });
    const pageLabel = writer.clean(frame.pageLabel(index + 1, total));
    const labelWidth = regular.widthOfTextAtSize(pageLabel, style.size);
    page.drawText(pageLabel, { x: RIGHT - labelWidth, y: textTop, font: regular, size: style.size, color: MUTED });
    const footer = `${frame.agencyName} – ${frame.footerReference}\n${frame.verification}`;
    writer.block(footer, LEFT, textTop, TEXT_WIDTH - labelWidth - 6 * MM, style);
    if (frame.watermark) drawWatermark(writer, page, frame.watermark);
  });
}

/** The signed decision letter sent to an applicant, as an A4 PDF; same input, same bytes. */
export async function renderDecisionLetter(input: DecisionLetterInput): Promise<Uint8Array> {
  const text = buildLetterText(input);
  const frame = buildLetterFrame(input);

  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const faces = await brandFonts();
  // Subset names carry a fixed tag (six capitals and « + », which tells readers the font is a subset)
  // rather than pdf-lib's random suffix, so that the same letter always gives the same bytes.
  const fonts: Fonts = {
    regular: await doc.embedFont(faces.regular, { subset: true, customName: "LAUREG+Marianne-Regular", features: NO_SHAPING }),
    bold: await doc.embedFont(faces.bold, { subset: true, customName: "LAUBLD+Marianne-Bold", features: NO_SHAPING }),
    italic: await doc.embedFont(faces.italic, { subset: true, customName: "LAUITA+Marianne-RegularItalic", features: NO_SHAPING }),
  };
  const writer = new LetterWriter(doc, fonts, makeSanitizer(fonts.regular));
  const body = { font: fonts.regular, size: BODY_SIZE, leading: BODY_LEADING };

  const subjectTop = drawLetterhead(writer, frame);
  writer.y = drawSubject(writer, frame.subjectLabel, text.subject, subjectTop) - 16;
  writer.paragraph(text.salutation, body);
  const signature = signatureHeight(writer, text.closing, frame.signatoryTitle);
  text.paragraphs.forEach((paragraph, index) => {
    if (index === text.paragraphs.length - 1) {
      // Some of the letter goes over with the signature rather than leaving it alone on a page.
      writer.paragraph(paragraph, body, { height: BODY_LEADING + PARAGRAPH_GAP + signature, floor: SIGNATURE_BOTTOM });
    } else if (paragraph.trimEnd().endsWith(":")) {
      // A paragraph that announces what follows must not be stranded at the foot of a page.
      writer.paragraph(paragraph, body, { height: 2 * BODY_LEADING + PARAGRAPH_GAP, floor: BOTTOM });
    } else {
      writer.paragraph(paragraph, body);
    }
  });
  drawSignature(writer, text.closing, frame.signatoryTitle, frame.signatoryName);
  drawFooters(writer, frame);

  doc.setTitle(frame.documentTitle, { showInWindowTitleBar: true });
  doc.setAuthor(input.agency.name);
  doc.setSubject(frame.documentSubject);
  doc.setKeywords([input.reference, input.call.code, input.application.receiptNumber]);
  doc.setLanguage(frame.language);
  doc.setCreator("Lauréat");
  doc.setProducer("Lauréat");
  doc.setCreationDate(input.issuedAt);
  doc.setModificationDate(input.issuedAt);
  return doc.save();
}

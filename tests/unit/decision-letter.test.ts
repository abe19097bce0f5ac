import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import jsQR from "jsqr";
import { PDFDocument } from "pdf-lib";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { renderDecisionLetter } from "~/pdf/decision-letter.server";
import { sampleLetterInput as input } from "../support/letter-input";
import { extractPdfText, flattenText } from "../support/pdf-text";


/** The longest motivation the decision form accepts: 20,000 characters in numbered paragraphs. */
function longMotivation(): string {
  const text = Array.from(
    { length: 80 },
    (_, i) =>
      `Point ${i + 1}. Le comité a examiné la cohérence entre les objectifs annoncés, les moyens humains mobilisés et le budget ` +
      `prévisionnel ; l’animation repose sur une équipe réduite et les actions collectives à l’export gagneraient à être ` +
      `mieux articulées avec celles des autres acteurs régionaux.`,
  ).join("\n\n");
  return text.slice(0, 20_000);
}

/** Runs a poppler tool on the PDF (poppler is the strict reader the fonts must satisfy; pdf.js is lenient). */
function poppler(tool: "pdffonts" | "pdftotext", bytes: Uint8Array): string;
function poppler(tool: "pdftoppm", bytes: Uint8Array): Buffer;
function poppler(tool: "pdffonts" | "pdftotext" | "pdftoppm", bytes: Uint8Array): string | Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), "letter-"));
  try {
    const file = path.join(dir, "letter.pdf");
    writeFileSync(file, bytes);
    if (tool === "pdftoppm") {
      execFileSync(tool, ["-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile", file, path.join(dir, "page")], { stdio: "ignore" });
      return readFileSync(path.join(dir, "page.png"));
    }
    return execFileSync(tool, tool === "pdftotext" ? [file, "-"] : [file], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function pageCount(bytes: Uint8Array): Promise<number> {
  return (await PDFDocument.load(bytes)).getPageCount();
}

describe("renderDecisionLetter", () => {
  it.each(["LAUREATE", "WAITLISTED", "REJECTED"] as const)("renders a one-page A4 letter for %s", async (outcome) => {
    const bytes = await renderDecisionLetter(input(outcome, { contact: "Service des grappes, 01 85 58 60 00" }));
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(1);
    const { width, height } = doc.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);

    const text = flattenText(await extractPdfText(bytes));
    expect(text).toContain("RÉPUBLIQUE FRANÇAISE");
    expect(text).toContain("Grappe des industries de l’œnologie – Côte-d’Or");
    expect(text).toContain("21000 DIJON");
    expect(text).toContain("Paris, le 30 avril 2010");
    expect(text).toContain("Objet : Appel à projets « Soutien à la dynamique des grappes d’entreprises »");
    expect(text).toContain("n° GRAPPES-2026-000123");
    expect(text).toContain("déposé le 28 avril 2010");
    expect(text).toContain("Gouvernance solide et plan d’actions réaliste.");
    expect(text).toContain("Le délégué interministériel NOM DU SIGNATAIRE");
    expect(text).toContain("Affaire suivie par : Service des grappes, 01 85 58 60 00");
    expect(text).toContain("Référence GRAPPES-2026-D-000012");
    expect(text).toContain("Vérifiez ce courrier : code K7QF-29XM");
    expect(text).toContain("Page 1 sur 1");
  });

  it("states the grant awarded to a laureate in figures and in words", async () => {
    const text = flattenText(await extractPdfText(await renderDecisionLetter(input("LAUREATE"))));
    expect(text).toContain("Une subvention d’un montant de 150 000 € (cent cinquante mille euros) vous est accordée");
  });

  it("says a waitlisted file is on the complementary list and a rejected one was not selected", async () => {
    const waitlisted = flattenText(await extractPdfText(await renderDecisionLetter(input("WAITLISTED"))));
    expect(waitlisted).toContain("inscrit sur la liste complémentaire, en position n° 3");
    const rejected = flattenText(await extractPdfText(await renderDecisionLetter(input("REJECTED"))));
    expect(rejected).toContain("votre projet n’a pas été retenu");
  });

  it("flows a motivation of 20,000 characters over several numbered pages and keeps every word", async () => {
    const letter = input("REJECTED");
    const motivation = longMotivation();
    expect(motivation).toHaveLength(20_000);
    const bytes = await renderDecisionLetter({ ...letter, decision: { ...letter.decision, motivation } });
    const pages = await pageCount(bytes);
    expect(pages).toBeGreaterThanOrEqual(3);

    const raw = await extractPdfText(bytes);
    const perPage = raw.split("\f");
    expect(perPage).toHaveLength(pages);
    perPage.forEach((page, index) => {
      expect(page).toContain(`Page ${index + 1} sur ${pages}`);
      expect(page).toContain("Vérifiez ce courrier : code K7QF-29XM");
    });
    const text = flattenText(raw);
    const points = motivation.split("\n\n").length;
    expect(points).toBeGreaterThan(60);
    for (let i = 1; i <= points; i++) expect(text).toContain(`Point ${i}. Le comité a examiné`);
    expect(flattenText(perPage.at(-1) ?? "")).toContain("NOM DU SIGNATAIRE");
    expect(flattenText(perPage.at(-1) ?? "")).toContain("considération distinguée");
  });

  it("cuts a word wider than the page instead of letting it run off the edge", async () => {
    const letter = input("REJECTED");
    const url = `https://exemple.fr/${"chemin/".repeat(30)}fin`;
    const bytes = await renderDecisionLetter({ ...letter, decision: { ...letter.decision, motivation: url } });
    expect((await extractPdfText(bytes)).replace(/\s+/g, "")).toContain(url);
  });

  it("produces the same bytes for the same input", async () => {
    const first = await renderDecisionLetter(input("LAUREATE"));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await renderDecisionLetter(input("LAUREATE"));
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    const other = await renderDecisionLetter(input("LAUREATE", { verificationCode: "ZZZZ-0000" }));
    expect(Buffer.from(other).equals(Buffer.from(first))).toBe(false);
  });

  it("sets the document metadata from the letter", async () => {
    const doc = await PDFDocument.load(await renderDecisionLetter(input("WAITLISTED")), { updateMetadata: false });
    expect(doc.getTitle()).toBe("Courrier de décision GRAPPES-2026-D-000012");
    expect(doc.getAuthor()).toBe("Délégation interministérielle à l’aménagement du territoire et à l’attractivité régionale");
    expect(doc.getSubject()).toContain("Grappe des industries de l’œnologie – Côte-d’Or");
    expect(doc.getProducer()).toBe("Lauréat");
    expect(doc.getCreationDate()?.toISOString()).toBe("2010-04-30T08:00:00.000Z");
    expect(doc.getModificationDate()?.toISOString()).toBe("2010-04-30T08:00:00.000Z");
  });

  it("writes the English letter", async () => {
    const text = flattenText(await extractPdfText(await renderDecisionLetter(input("LAUREATE", { locale: "en" }))));
    expect(text).toContain("Dear Sir or Madam,");
    expect(text).toContain("A grant of €150,000 (one hundred and fifty thousand euros) is awarded");
    expect(text).toContain("Paris, 30 April 2010");
    expect(text).toContain("Verify this letter: code K7QF-29XM");
    expect(text).toContain("Page 1 of 1");
  });

  it("embeds Marianne as subsets that poppler reads, so Polish and Romanian names print as typed", async () => {
    const letter = input("REJECTED");
    const bytes = await renderDecisionLetter({
      ...letter,
      organization: { ...letter.organization, legalName: "Klaster Łódź – Brașov\u202fRéseau 🌲" },
      decision: { ...letter.decision, motivation: "Montant\u202f: 12\u202f000\u00a0€ ; coût\u2011cible ≥ seuil." },
    });
    const fonts = poppler("pdffonts", bytes).split("\n").slice(2).filter(Boolean);
    expect(fonts.map((line) => line.split(/\s+/)[0]).sort()).toEqual([
      "LAUBLD+Marianne-Bold",
      "LAUITA+Marianne-RegularItalic",
      "LAUREG+Marianne-Regular",
    ]);
    // Columns: type, encoding, then embedded, subset and Unicode map, each « yes ».
    for (const line of fonts) expect(line).toMatch(/CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    const text = flattenText(poppler("pdftotext", bytes).replace(/[\u00a0\u202f]/g, " "));
    expect(text).toContain("Klaster Łódź – Brașov Réseau ?");
    expect(text).toContain("Montant : 12 000 € ; coût-cible ≥ seuil.");
    expect(text).toContain("RÉPUBLIQUE FRANÇAISE");
  });

  it("prints a QR code that a phone reads as the letter's verification address, and the address itself", async () => {
    const url = "https://laureat.example.gouv.fr/v/3F9A2C7B1E04";
    const bytes = await renderDecisionLetter(input("LAUREATE", { verificationUrl: url }));
    const png = PNG.sync.read(poppler("pdftoppm", bytes));
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded?.data).toBe(url);
    const text = flattenText(await extractPdfText(bytes));
    expect(text).toContain(`Vérifiez ce courrier sur ${url}`);
    expect(text).toContain("Vérifier ce courrier");
  });
});

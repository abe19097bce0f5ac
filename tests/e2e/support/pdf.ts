import { PDFDocument, StandardFonts } from "pdf-lib";

/** A small but genuine one-page PDF, as an applicant's presentation file would be. */
export async function presentationPdf(title: string): Promise<Buffer> {
  const document = await PDFDocument.create();
  const page = document.addPage([595, 842]);
  const font = await document.embedFont(StandardFonts.Helvetica);
  page.drawText(title, { x: 56, y: 770, size: 16, font });
  page.drawText("Dossier de présentation du projet", { x: 56, y: 740, size: 12, font });
  return Buffer.from(await document.save());
}

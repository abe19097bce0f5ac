import { PDFDocument, StandardFonts, rgb, type PDFFont } from "pdf-lib";
import { storePdf, type StoredFile } from "~/storage/attachments.server";
import type { DemoApplication } from "./demo-data";

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 60;

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) > width && line) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** A one-page document, so that staff and experts have something to open in the demo. */
async function demoPdf(application: DemoApplication, organizationName: string, title: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`${title} — ${application.projectTitle}`);
  doc.setAuthor(organizationName);
  doc.setCreationDate(application.submittedAt ?? application.createdAt);
  doc.setModificationDate(application.submittedAt ?? application.createdAt);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const page = doc.addPage(A4);
  const width = A4[0] - 2 * MARGIN;
  let y = A4[1] - MARGIN;
  const draw = (text: string, font: PDFFont, size: number, gap: number) => {
    for (const line of wrap(text.replace(/\u202f/g, "\u00a0"), font, size, width)) {
      page.drawText(line, { x: MARGIN, y, size, font, color: rgb(0.1, 0.1, 0.1) });
      y -= size * 1.4;
    }
    y -= gap;
  };
  draw(title, regular, 11, 6);
  draw(application.projectTitle, bold, 18, 8);
  draw(organizationName, regular, 12, 18);
  draw("Résumé du projet", bold, 12, 4);
  draw(application.summary, regular, 11, 18);
  draw("Document de démonstration produit par Lauréat.", regular, 9, 0);
  return doc.save();
}

/** Stores, for every file that was submitted, each document its call's form requires, as an applicant would have. */
export async function storeDemoDocuments(
  applications: DemoApplication[],
  organizationNames: Map<string, string>,
  documentsByCall: Map<string, { kind: string; title: string }[]>,
): Promise<(StoredFile & { applicationId: string; uploadedById: string; kind: string })[]> {
  const submitted = applications.filter((a) => a.status !== "DRAFT");
  const files = submitted.flatMap((application) => (documentsByCall.get(application.callId) ?? []).map((document) => ({ application, document })));
  return Promise.all(
    files.map(async ({ application, document }) => {
      const bytes = await demoPdf(application, organizationNames.get(application.organizationId) ?? "", document.title);
      const stored = await storePdf(new File([new Uint8Array(bytes)], `${document.kind}.pdf`, { type: "application/pdf" }), document.kind);
      return { ...stored, applicationId: application.id, uploadedById: application.createdById, kind: document.kind };
    }),
  );
}

import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileTypeFromBuffer } from "file-type";
import { DomainError } from "~/domain/errors";
import { config } from "~/config.server";

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** Uploads live outside public/, are served only through an authorized route. */
function storageDir(): string {
  return config().env.STORAGE_DIR ?? path.join(process.cwd(), "data", "uploads");
}

export interface StoredFile {
  storageKey: string;
  filename: string;
  sha256: string;
  sizeBytes: number;
  mimeType: string;
}

/**
 * Checks a PDF by its bytes, not by the name or type the browser claims, then stores it
 * under a random key. The write goes through a temporary file so a crash leaves no half file.
 */
export async function storePdf(file: File, field: string): Promise<StoredFile> {
  if (file.size === 0) throw new DomainError("fileEmpty", field);
  if (file.size > MAX_UPLOAD_BYTES) throw new DomainError("fileTooLarge", field);
  const bytes = Buffer.from(await file.arrayBuffer());
  const detected = await fileTypeFromBuffer(bytes);
  if (detected?.mime !== "application/pdf") throw new DomainError("fileNotPdf", field);
  const storageKey = `${randomUUID()}.pdf`;
  const dir = storageDir();
  await mkdir(dir, { recursive: true });
  const temporary = path.join(dir, `${storageKey}.part`);
  await writeFile(temporary, bytes, { mode: 0o600 });
  await rename(temporary, path.join(dir, storageKey));
  return {
    storageKey,
    filename: sanitizeFilename(file.name || "document.pdf"),
    sha256: createHash("sha256").update(bytes).digest("hex"),
    sizeBytes: bytes.length,
    mimeType: detected.mime,
  };
}

export function readStoredFile(storageKey: string): Promise<Buffer> {
  if (!/^[0-9a-f-]+\.pdf$/.test(storageKey)) throw new Error("Invalid storage key");
  return readFile(path.join(storageDir(), storageKey));
}

function sanitizeFilename(name: string): string {
  const base = path.basename(name).replace(/[^\p{L}\p{N}._ -]/gu, "_").slice(0, 120);
  return base.toLowerCase().endsWith(".pdf") ? base : `${base}.pdf`;
}

import { createHash, randomUUID } from "node:crypto";
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileTypeFromBuffer } from "file-type";
import { DomainError } from "~/domain/errors";
import { config } from "~/config.server";
import { prisma } from "~/db.server";

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

/** The extension each accepted type is stored under: a stored file's name says what it is. */
const EXTENSIONS: Record<string, string> = {
  "application/pdf": "pdf",
  "image/png": "png",
  "image/jpeg": "jpg",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
  "application/vnd.oasis.opendocument.spreadsheet": "ods",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "application/vnd.oasis.opendocument.text": "odt",
};

export interface UploadLimits {
  /** Types accepted, as recognised from the file's bytes. */
  mimeTypes: readonly string[];
  maxBytes: number;
}

/**
 * Checks a file by its bytes, not by the name or type the browser claims, then stores it
 * under a random key. The write goes through a temporary file so a crash leaves no half file.
 */
export async function storeUpload(file: File, field: string, limits: UploadLimits): Promise<StoredFile> {
  if (file.size === 0) throw new DomainError("fileEmpty", field);
  if (file.size > Math.min(limits.maxBytes, MAX_UPLOAD_BYTES)) throw new DomainError(limits.maxBytes < MAX_UPLOAD_BYTES ? "fileTooLargeMax" : "fileTooLarge", field);
  const bytes = Buffer.from(await file.arrayBuffer());
  const detected = await fileTypeFromBuffer(bytes);
  const extension = detected && limits.mimeTypes.includes(detected.mime) ? EXTENSIONS[detected.mime] : undefined;
  if (!detected || !extension) throw new DomainError(limits.mimeTypes.length === 1 && limits.mimeTypes[0] === "application/pdf" ? "fileNotPdf" : "fileFormatRefused", field);
  const storageKey = `${randomUUID()}.${extension}`;
  const dir = storageDir();
  await mkdir(dir, { recursive: true });
  const temporary = path.join(dir, `${storageKey}.part`);
  await writeFile(temporary, bytes, { mode: 0o600 });
  await rename(temporary, path.join(dir, storageKey));
  return {
    storageKey,
    filename: sanitizeFilename(file.name || `document.${extension}`, extension),
    sha256: createHash("sha256").update(bytes).digest("hex"),
    sizeBytes: bytes.length,
    mimeType: detected.mime,
  };
}

export function storePdf(file: File, field: string): Promise<StoredFile> {
  return storeUpload(file, field, { mimeTypes: ["application/pdf"], maxBytes: MAX_UPLOAD_BYTES });
}

const STORAGE_KEY = /^[0-9a-f-]+\.(?:pdf|png|jpg|xlsx|ods|docx|odt)$/;
const PARTIAL = /^[0-9a-f-]+\.(?:pdf|png|jpg|xlsx|ods|docx|odt)\.part$/;

export function readStoredFile(storageKey: string): Promise<Buffer> {
  if (!STORAGE_KEY.test(storageKey)) throw new Error("Invalid storage key");
  return readFile(path.join(storageDir(), storageKey));
}

function sanitizeFilename(name: string, extension: string): string {
  const base = path.basename(name).replace(/[^\p{L}\p{N}._ -]/gu, "_").slice(0, 120);
  return base.toLowerCase().endsWith(`.${extension}`) ? base : `${base}.${extension}`;
}

/** Removes a stored file that no row points to any more; one already gone is fine. */
export async function removeStoredFile(storageKey: string): Promise<void> {
  if (!STORAGE_KEY.test(storageKey)) throw new Error("Invalid storage key");
  await unlink(path.join(storageDir(), storageKey)).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
  });
}

/**
 * Files younger than this may belong to an upload still in progress in another process
 * sharing the folder (written, its row not yet committed): the sweep leaves them alone.
 */
const SWEEP_GRACE_MS = 60 * 60 * 1000;

/**
 * Removes what a crash or an interrupted save left in the upload folder: half-written `.part`
 * files and stored files that no attachment refers to. Run at start-up.
 */
export async function sweepOrphanUploads(now = new Date()): Promise<{ removed: number }> {
  const dir = storageDir();
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [] as string[];
    throw error;
  });
  const candidates = names.filter((name) => STORAGE_KEY.test(name) || PARTIAL.test(name));
  if (candidates.length === 0) return { removed: 0 };
  const referenced = new Set(
    (await prisma.attachment.findMany({ where: { storageKey: { in: candidates } }, select: { storageKey: true } })).map((a) => a.storageKey),
  );
  let removed = 0;
  for (const name of candidates) {
    if (referenced.has(name)) continue;
    const file = path.join(dir, name);
    const { mtimeMs } = await stat(file).catch(() => ({ mtimeMs: now.getTime() }));
    if (now.getTime() - mtimeMs < SWEEP_GRACE_MS) continue;
    await unlink(file).catch(() => undefined);
    removed += 1;
  }
  return { removed };
}

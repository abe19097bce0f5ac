import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/** Where tests/e2e/server.ts drops every message its SMTP server receives, one JSON file each. */
export const MAIL_DIR = path.resolve(import.meta.dirname, "../../.output/mail");

export interface CaughtMail {
  /** Envelope recipients, as the SMTP server saw them. */
  to: string[];
  subject: string;
  text: string;
  attachments: { filename: string; contentType: string; size: number; base64: string }[];
}

export interface MailQuery {
  to: string;
  subjectIncludes: string;
}

/** Subjects use no-break spaces before « : » and after « n° »; matching ignores the difference. */
function normalizeSpaces(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, " ");
}

async function readAll(): Promise<CaughtMail[]> {
  const names = (await readdir(MAIL_DIR).catch(() => [])).filter((name) => name.endsWith(".json")).sort();
  return Promise.all(names.map(async (name) => JSON.parse(await readFile(path.join(MAIL_DIR, name), "utf8")) as CaughtMail));
}

/**
 * Waits for a message that really went through SMTP. The app's outbox sends right after the
 * commit and retries every few seconds, so a few seconds is normal.
 */
export async function waitForMail(query: MailQuery, timeoutMs = 15_000): Promise<CaughtMail> {
  const deadline = Date.now() + timeoutMs;
  const wanted = normalizeSpaces(query.subjectIncludes);
  for (;;) {
    const found = (await readAll()).find(
      (mail) => mail.to.includes(query.to.toLowerCase()) && normalizeSpaces(mail.subject).includes(wanted),
    );
    if (found) return found;
    if (Date.now() > deadline) {
      throw new Error(`No email to ${query.to} with a subject containing "${query.subjectIncludes}" within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export function attachmentBytes(attachment: CaughtMail["attachments"][number]): Buffer {
  return Buffer.from(attachment.base64, "base64");
}

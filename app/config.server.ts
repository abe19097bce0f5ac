import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Public address of the app, used in emails and letters. */
export function appUrl(): string {
  return (process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
}

/** Links put in emails: the applicant's file page. */
export function applicantFileUrl(applicationId: string): string {
  return `${appUrl()}/espace/dossiers/${applicationId}`;
}

/** Demo mode shows the demo accounts on the login page; on unless DEMO_MODE=false. */
export function isDemoMode(): boolean {
  return process.env.DEMO_MODE !== "false";
}

let secret: string | undefined;

/**
 * Signs session cookies and letter verification codes. Without SESSION_SECRET (the embedded
 * demo), one is generated once and kept beside the embedded database; several servers
 * sharing a PostgreSQL database must all be given the same SESSION_SECRET.
 */
export function appSecret(): string {
  if (process.env.SESSION_SECRET) return process.env.SESSION_SECRET;
  if (secret) return secret;
  const file = path.join(process.cwd(), "data", "session-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  secret = readFileSync(file, "utf8").trim();
  return secret;
}

/** The agency that signs letters when a call does not name one. */
export const DEFAULT_AGENCY = {
  name: "Agence nationale de la cohésion des territoires",
  signatoryName: "",
  signatoryTitle: "La directrice des programmes",
};

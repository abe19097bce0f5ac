import type { Tx } from "~/db.server";

/**
 * Row locks taken first thing in a transaction that moves a file or spends the envelope, so
 * that two staff members (or two clicks) on several app processes cannot both pass a guard
 * that only one of them should pass.
 */
export async function lockApplication(tx: Tx, applicationId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Application" WHERE id = ${applicationId} FOR UPDATE`;
}

export async function lockCall(tx: Tx, callId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Call" WHERE id = ${callId} FOR UPDATE`;
}

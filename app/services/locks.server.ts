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

/**
 * Locks an expert's assignment (after its file, the order every caller keeps) and returns its
 * status as it is now, for the guard to check again inside the transaction.
 */
export async function lockAssignment(tx: Tx, assignmentId: string): Promise<string> {
  const [row] = await tx.$queryRaw<{ status: string }[]>`
    SELECT status::text AS status FROM "Assignment" WHERE id = ${assignmentId} FOR UPDATE`;
  if (!row) throw new Response("Not found", { status: 404 });
  return row.status;
}

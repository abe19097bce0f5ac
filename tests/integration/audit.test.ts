import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { findBrokenLinkOf, recordAudit, verifyAuditTrail } from "~/audit.server";
import * as staffFileRoute from "~/routes/gestion.dossiers.$id";
import { createApplicant, createApplication, createCall, createUser } from "../support/factories";
import { callLoader } from "../support/remix";

/** A file with a few events in its history, written by the one audit writer. */
async function fileWithHistory(events = 3) {
  const call = await createCall();
  const { user, organization } = await createApplicant();
  const application = await createApplication(call.id, organization.id, user.id, "SUBMITTED");
  const staff = await createUser("STAFF");
  for (let i = 0; i < events; i++) {
    await prisma.$transaction((tx) =>
      recordAudit(tx, {
        actorId: staff.id,
        action: "application.eligible",
        entityType: "Application",
        entityId: application.id,
        before: { status: "SUBMITTED" },
        after: { status: "ELIGIBLE", note: `Note ${i}`, nested: { b: 1, a: [1, "deux", null] } },
      }),
    );
  }
  const history = await prisma.auditEvent.findMany({ where: { entityId: application.id }, orderBy: { seq: "asc" } });
  return { application, staff, history };
}

async function staffSeesIntactHistory(applicationId: string, staffId: string): Promise<boolean> {
  const page = await (await callLoader(staffFileRoute.loader, { userId: staffId, params: { id: applicationId } })).json();
  return page.historyIntact;
}

describe("tamper-evident audit trail", () => {
  it("verifies a trail written by the application", async () => {
    const { application, staff, history } = await fileWithHistory();
    expect(history.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(history[1]!.prevHash).toBe(history[0]!.hash);
    expect((await verifyAuditTrail(prisma)).broken).toBeNull();
    expect(await staffSeesIntactHistory(application.id, staff.id)).toBe(true);

    // Read a few chains at a time, the whole trail is still covered.
    await fileWithHistory(2);
    const whole = await verifyAuditTrail(prisma);
    expect(await verifyAuditTrail(prisma, 1)).toEqual(whole);
    expect(whole).toMatchObject({ broken: null, chains: await prisma.auditChainHead.count(), events: await prisma.auditEvent.count() });
  });

  it("names an event edited in SQL, and warns staff on the file", async () => {
    const { application, staff, history } = await fileWithHistory();
    const target = history[1]!;
    await prisma.$executeRaw`UPDATE "AuditEvent" SET "after" = '{"status":"INELIGIBLE"}' WHERE id = ${target.id}`;

    expect(await findBrokenLinkOf(prisma, [application.id])).toMatchObject({ eventId: target.id, seq: 2, problem: "hashMismatch" });
    expect((await verifyAuditTrail(prisma)).broken).toMatchObject({ entityId: application.id, eventId: target.id });
    expect(await staffSeesIntactHistory(application.id, staff.id)).toBe(false);

    // Even its date, or who did it.
    await prisma.$executeRaw`UPDATE "AuditEvent" SET "after" = ${JSON.stringify(target.after)}::jsonb WHERE id = ${target.id}`;
    expect(await findBrokenLinkOf(prisma, [application.id])).toBeNull();
    await prisma.auditEvent.update({ where: { id: target.id }, data: { createdAt: new Date(target.createdAt.getTime() - 1000) } });
    expect(await findBrokenLinkOf(prisma, [application.id])).toMatchObject({ eventId: target.id, problem: "hashMismatch" });
    await prisma.auditEvent.update({ where: { id: target.id }, data: { createdAt: target.createdAt, actorId: null } });
    expect(await findBrokenLinkOf(prisma, [application.id])).toMatchObject({ eventId: target.id, problem: "hashMismatch" });
    await prisma.auditEvent.update({ where: { id: target.id }, data: { actorId: target.actorId } });
    expect(await staffSeesIntactHistory(application.id, staff.id)).toBe(true);
  });

  it("names a deleted event, in the middle or at the end of the history", async () => {
    const { application, staff, history } = await fileWithHistory();
    await prisma.$executeRaw`DELETE FROM "AuditEvent" WHERE id = ${history[1]!.id}`;
    expect(await findBrokenLinkOf(prisma, [application.id])).toMatchObject({ entityId: application.id, seq: 2, problem: "missingEvent" });
    expect(await staffSeesIntactHistory(application.id, staff.id)).toBe(false);

    const other = await fileWithHistory();
    await prisma.$executeRaw`DELETE FROM "AuditEvent" WHERE id = ${other.history[2]!.id}`;
    expect(await findBrokenLinkOf(prisma, [other.application.id])).toMatchObject({ seq: 3, problem: "missingEvent" });

    const whole = await fileWithHistory();
    await prisma.$executeRaw`DELETE FROM "AuditEvent" WHERE "entityId" = ${whole.application.id}`;
    expect(await findBrokenLinkOf(prisma, [whole.application.id])).toMatchObject({ seq: 1, problem: "missingEvent" });
    await prisma.$executeRaw`DELETE FROM "AuditChainHead"`;
    await prisma.$executeRaw`DELETE FROM "AuditEvent"`;
  });

  it("names an event inserted in SQL", async () => {
    const { application, staff, history } = await fileWithHistory();
    const last = history.at(-1)!;
    await prisma.$executeRaw`
      INSERT INTO "AuditEvent" (id, "actorId", action, "entityType", "entityId", "createdAt", seq, "prevHash", hash)
      VALUES ('forged', ${staff.id}, 'application.eligible', 'Application', ${application.id}, now(), ${last.seq + 1}, ${last.hash}, 'forged-hash')`;
    expect(await findBrokenLinkOf(prisma, [application.id])).toMatchObject({ eventId: "forged", seq: 4 });
    expect((await verifyAuditTrail(prisma)).broken).toMatchObject({ eventId: "forged" });
    expect(await staffSeesIntactHistory(application.id, staff.id)).toBe(false);

    // An event for a record that never had a chain is caught too.
    await prisma.$executeRaw`DELETE FROM "AuditEvent" WHERE id = 'forged'`;
    await prisma.$executeRaw`
      INSERT INTO "AuditEvent" (id, action, "entityType", "entityId", "createdAt", seq, "prevHash", hash)
      VALUES ('stray', 'decision.recorded', 'Decision', 'no-such-decision', now(), 1, '', 'x')`;
    expect((await verifyAuditTrail(prisma)).broken).toMatchObject({ eventId: "stray", problem: "missingHead" });
    await prisma.$executeRaw`DELETE FROM "AuditEvent" WHERE id = 'stray'`;
    expect((await verifyAuditTrail(prisma)).broken).toBeNull();
  });

  it("keeps one unbroken chain when many changes to one record are audited at once", async () => {
    const { application, staff } = await fileWithHistory(1);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        prisma.$transaction(async (tx) => {
          await recordAudit(tx, { actorId: staff.id, action: "application.updated", entityType: "Application", entityId: application.id, after: { i } });
          // Work after the append, as a service does, widens the window in which a fork could happen.
          await tx.$executeRaw`SELECT pg_sleep(0.005)`;
        }),
      ),
    );
    const seqs = (await prisma.auditEvent.findMany({ where: { entityId: application.id }, orderBy: { seq: "asc" } })).map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(await findBrokenLinkOf(prisma, [application.id])).toBeNull();
  });

  // The script opens the database by DATABASE_URL: a server, which a second process can reach.
  it.runIf(process.env.TEST_DATABASE_URL)("`npm run audit:verify` reports the first broken link and fails", async () => {
    const run = promisify(execFile);
    const env = { ...process.env, DATABASE_URL: process.env.DATABASE_URL };
    const ok = await run("npx", ["tsx", "prisma/audit-verify.ts"], { env });
    expect(ok.stdout).toMatch(/Audit trail intact: \d+ events in \d+ chains/);

    const { application, history } = await fileWithHistory();
    await prisma.$executeRaw`UPDATE "AuditEvent" SET action = 'application.ineligible' WHERE id = ${history[0]!.id}`;
    const failed = await run("npx", ["tsx", "prisma/audit-verify.ts"], { env }).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toContain(`Application ${application.id}, event ${history[0]!.id} #1`);
  });
});

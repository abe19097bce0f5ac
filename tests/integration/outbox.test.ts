import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { deliverPendingEmails, MAX_ATTEMPTS, queueEmail, STALE_SENDING_MS } from "~/mail/outbox.server";
import { createTransport, SEND_TIMEOUT_MS, type MailTransport } from "~/mail/transport.server";
import * as mailboxMessageRoute from "~/routes/gestion.courriels.$id";
import { createUser } from "../support/factories";
import { callLoader, flashOf, formErrors, postForm } from "../support/remix";

const payload = {
  recipientName: "Délégation générale",
  organizationName: "Grappe Bois Vosges",
  callTitle: "Soutien à la dynamique des grappes d'entreprises",
  projectTitle: "Séchoir mutualisé",
  receiptNumber: "GRAPPES-2026-000042",
  submittedAt: "2026-11-20T10:00:00.000Z",
  applicationUrl: "http://localhost:3000/espace/dossiers/x",
};

async function queueReceipt(to: string) {
  await prisma.$transaction((tx) => queueEmail(tx, { to, locale: "fr", template: "application-submitted", payload }));
  return prisma.emailMessage.findFirstOrThrow({ where: { toAddress: to }, orderBy: { createdAt: "desc" } });
}

/**
 * A loopback mail server that can be down (it refuses every connection) and records the
 * Message-ID of each message it accepts; SMTP_URL points at it while `run` runs.
 */
async function withMailServer(run: (server: { received: { messageId: string; to: string }[]; setDown(down: boolean): void }) => Promise<void>) {
  const received: { messageId: string; to: string }[] = [];
  let down = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onConnect(_session, callback) {
      callback(down ? Object.assign(new Error("Service temporairement indisponible"), { responseCode: 421 }) : undefined);
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        received.push({ messageId: mail.messageId ?? "", to: mail.to && !Array.isArray(mail.to) ? mail.to.text : "" });
        callback();
      }, callback);
    },
  });
  server.listen(0, "127.0.0.1");
  await once(server.server, "listening");
  const { port } = server.server.address() as AddressInfo;
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  try {
    await run({ received, setDown: (value) => (down = value) });
  } finally {
    delete process.env.SMTP_URL;
    server.close();
  }
}

/** Time passes: the message's next attempt is due now. */
async function makeDue(id: string) {
  await prisma.emailMessage.update({ where: { id }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });
}

describe("outbox", () => {
  it("delivers over SMTP and records the provider's message id", async () => {
    const received: string[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, _session, callback) {
        simpleParser(stream).then((mail) => {
          received.push(`${mail.subject}\n${mail.text}`);
          callback();
        }, callback);
      },
    });
    server.listen(0, "127.0.0.1");
    await once(server.server, "listening");
    const { port } = server.server.address() as AddressInfo;
    process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
    try {
      await queueReceipt("smtp@example.org");
      expect(await deliverPendingEmails(createTransport())).toBe(1);
    } finally {
      delete process.env.SMTP_URL;
      server.close();
    }
    expect(received).toHaveLength(1);
    expect(received[0]).toContain("GRAPPES-2026-000042");
    const row = await prisma.emailMessage.findFirstOrThrow({ where: { toAddress: "smtp@example.org" } });
    expect(row).toMatchObject({ status: "SENT", transport: "smtp", attempts: 1 });
    expect(row.providerMessageId).toBeTruthy();
  });

  it("keeps retrying through an outage of hours and delivers once the mail server is back", async () => {
    await withMailServer(async ({ received, setDown }) => {
      const message = await queueReceipt("outage@example.org");
      setDown(true);
      let waited = 0;
      for (let attempt = 1; attempt <= 9; attempt++) {
        const before = Date.now();
        await deliverPendingEmails(createTransport());
        const row = await prisma.emailMessage.findUniqueOrThrow({ where: { id: message.id } });
        expect(row).toMatchObject({ status: "PENDING", attempts: attempt });
        waited += row.nextAttemptAt.getTime() - before;
        await makeDue(message.id);
      }
      // Nine failures spread over more than four hours, and the message still waits.
      expect(waited).toBeGreaterThan(4 * 3600_000);
      setDown(false);
      expect(await deliverPendingEmails(createTransport())).toBe(1);
      expect(received.map((m) => m.messageId)).toEqual([message.messageId]);
      expect(await prisma.emailMessage.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({ status: "SENT", attempts: 10 });
    });
  });

  it("gives a message up only after about two days of attempts", async () => {
    const message = await queueReceipt("gone@example.org");
    const broken: MailTransport = { name: "smtp", send: async () => Promise.reject(new Error("connection refused")) };
    let waited = 0;
    for (;;) {
      const before = Date.now();
      await deliverPendingEmails(broken);
      const row = await prisma.emailMessage.findUniqueOrThrow({ where: { id: message.id } });
      if (row.status === "FAILED") {
        expect(row.attempts).toBe(MAX_ATTEMPTS);
        break;
      }
      waited += row.nextAttemptAt.getTime() - before;
      await makeDue(message.id);
    }
    expect(waited).toBeGreaterThan(40 * 3600_000);
    expect(waited).toBeLessThan(50 * 3600_000);
  });

  it("lets staff resend a message that failed for good", async () => {
    const staff = await createUser("STAFF");
    const applicant = await createUser("APPLICANT");
    const message = await queueReceipt("resend@example.org");
    await prisma.emailMessage.update({ where: { id: message.id }, data: { status: "FAILED", attempts: MAX_ATTEMPTS, lastError: "connection refused" } });

    const page = await (await callLoader(mailboxMessageRoute.loader, { userId: staff.id, params: { id: message.id } })).json();
    expect(page.canResend).toBe(true);
    const resend = (userId: string) => postForm(mailboxMessageRoute.action, { intent: "resend" }, { userId, params: { id: message.id } });
    expect((await resend(applicant.id)).status).toBe(403);
    const resent = await resend(staff.id);
    expect(resent.status).toBe(302);
    expect(await flashOf(resent)).toEqual({ kind: "notice", key: "emailResent" });
    expect(await prisma.auditEvent.count({ where: { entityId: message.id, action: "email.resent", actorId: staff.id } })).toBe(1);

    await withMailServer(async ({ received }) => {
      await deliverPendingEmails(createTransport());
      expect(received).toEqual([{ messageId: message.messageId, to: "resend@example.org" }]);
    });
    expect(await prisma.emailMessage.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({ status: "SENT", attempts: 1 });

    // A message that did leave cannot be "resent" by a second click.
    const again = await resend(staff.id);
    expect(again.status).toBe(409);
    expect(await formErrors(again)).toEqual({ "": ["emailNotFailed"] });
  });

  it("sends again under the same Message-ID when a process died between sending and recording it", async () => {
    expect(SEND_TIMEOUT_MS * 2).toBeLessThan(STALE_SENDING_MS);
    await withMailServer(async ({ received }) => {
      const message = await queueReceipt("crash@example.org");
      const smtp = createTransport();
      // The mail server accepts the message, then the process dies before writing SENT.
      const dying: MailTransport = { name: "smtp", send: async (mail) => (await smtp.send(mail), new Promise<never>(() => {})) };
      void deliverPendingEmails(dying);
      await expect.poll(() => received.length).toBe(1);
      expect((await prisma.emailMessage.findUniqueOrThrow({ where: { id: message.id } })).status).toBe("SENDING");

      // Another process does not take it while the first may still be sending…
      expect(await deliverPendingEmails(createTransport())).toBe(0);
      // …but does once the claim is stale, with the Message-ID fixed when it was queued.
      await prisma.emailMessage.update({ where: { id: message.id }, data: { nextAttemptAt: new Date(Date.now() - STALE_SENDING_MS - 1000) } });
      expect(await deliverPendingEmails(createTransport())).toBe(1);
      expect(received.map((m) => m.messageId)).toEqual([message.messageId, message.messageId]);
      expect(await prisma.emailMessage.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({ status: "SENT", attempts: 2 });
    });
  });

  it("keeps a message whose delivery failed, and retries it later", async () => {
    await queueReceipt("retry@example.org");
    const broken: MailTransport = { name: "smtp", send: async () => Promise.reject(new Error("connection refused")) };
    await deliverPendingEmails(broken);
    const failed = await prisma.emailMessage.findFirstOrThrow({ where: { toAddress: "retry@example.org" } });
    expect(failed).toMatchObject({ status: "PENDING", attempts: 1, lastError: "connection refused" });
    expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());

    // Not due yet: a second pass leaves it alone.
    expect(await deliverPendingEmails(broken)).toBe(0);
    await prisma.emailMessage.update({ where: { id: failed.id }, data: { nextAttemptAt: new Date(0) } });
    const sent: string[] = [];
    await deliverPendingEmails({ name: "mailbox", send: async (mail) => (sent.push(mail.to), { messageId: null }) });
    expect(sent).toEqual(["retry@example.org"]);
    expect(await prisma.emailMessage.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({ status: "SENT", attempts: 2 });
  });

  it("writes no email when the change that causes it is rolled back", async () => {
    await expect(
      prisma.$transaction(async (tx) => {
        await queueEmail(tx, { to: "rollback@example.org", locale: "fr", template: "application-submitted", payload });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await prisma.emailMessage.count({ where: { toAddress: "rollback@example.org" } })).toBe(0);
  });
});

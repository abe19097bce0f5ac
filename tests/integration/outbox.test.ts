import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { deliverPendingEmails, queueEmail } from "~/mail/outbox.server";
import { createTransport, type MailTransport } from "~/mail/transport.server";

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

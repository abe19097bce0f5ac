import type { Tx } from "~/db.server";
import { prisma } from "~/db.server";
import { renderEmail, type EmailPayloads, type EmailTemplate } from "../../emails/index";
import { createTransport, type MailTransport } from "~/mail/transport.server";
import { toLocale } from "~/i18n/config";

const MAX_ATTEMPTS = 5;
const BATCH = 20;
const POLL_MS = 5_000;
// A message stuck in SENDING that long belongs to a process that died mid-send.
const STALE_SENDING_MS = 10 * 60_000;

export interface QueuedEmail<T extends EmailTemplate> {
  to: string;
  locale: string;
  template: T;
  payload: EmailPayloads[T];
  letterId?: string;
}

/**
 * The one way to send an email: a row in the outbox, written in the caller's transaction,
 * so the email exists if and only if the change that causes it was committed.
 */
export async function queueEmail<T extends EmailTemplate>(tx: Tx, email: QueuedEmail<T>): Promise<void> {
  const locale = toLocale(email.locale);
  const rendered = renderEmail(email.template, locale, email.payload);
  await tx.emailMessage.create({
    data: {
      toAddress: email.to,
      template: email.template,
      locale,
      subject: rendered.subject,
      textBody: rendered.text,
      htmlBody: rendered.html,
      payload: email.payload as object,
      letterId: email.letterId ?? null,
    },
  });
  scheduleDelivery();
}

let transport: MailTransport | undefined;
let running: Promise<number> | undefined;

/** Claims due messages (safe with several app processes) and sends them. */
export async function deliverPendingEmails(mailer: MailTransport = (transport ??= createTransport())): Promise<number> {
  await prisma.emailMessage.updateMany({
    where: { status: "SENDING", nextAttemptAt: { lt: new Date(Date.now() - STALE_SENDING_MS) } },
    data: { status: "PENDING" },
  });
  const claimed = await prisma.$queryRaw<{ id: string }[]>`
    UPDATE "EmailMessage" SET status = 'SENDING', attempts = attempts + 1, "nextAttemptAt" = now()
    WHERE id IN (
      SELECT id FROM "EmailMessage"
      WHERE status = 'PENDING' AND "nextAttemptAt" <= now()
      ORDER BY "createdAt" LIMIT ${BATCH}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id`;
  for (const { id } of claimed) await deliverOne(id, mailer);
  return claimed.length;
}

async function deliverOne(id: string, mailer: MailTransport) {
  const message = await prisma.emailMessage.findUniqueOrThrow({
    where: { id },
    include: { letter: { select: { reference: true, pdf: true } } },
  });
  try {
    const result = await mailer.send({
      to: message.toAddress,
      subject: message.subject,
      text: message.textBody,
      html: message.htmlBody,
      attachments: message.letter
        ? [{ filename: `${message.letter.reference}.pdf`, content: Buffer.from(message.letter.pdf), contentType: "application/pdf" }]
        : [],
    });
    await prisma.emailMessage.update({
      where: { id },
      data: { status: "SENT", sentAt: new Date(), transport: mailer.name, providerMessageId: result.messageId, lastError: null },
    });
  } catch (error) {
    const failedForGood = message.attempts >= MAX_ATTEMPTS;
    await prisma.emailMessage.update({
      where: { id },
      data: {
        status: failedForGood ? "FAILED" : "PENDING",
        lastError: (error as Error).message.slice(0, 1000),
        transport: mailer.name,
        // Back off 1, 4, 9, 16 minutes between attempts.
        nextAttemptAt: new Date(Date.now() + message.attempts ** 2 * 60_000),
      },
    });
  }
}

/** Sends soon after a commit without making the person wait for the mail server. */
function scheduleDelivery() {
  if (!workerStarted) return;
  setTimeout(() => void runOnce(), 50);
}

function runOnce(): Promise<number> {
  running ??= deliverPendingEmails()
    .catch((error) => {
      console.error("Outbox delivery failed:", error);
      return 0;
    })
    .finally(() => {
      running = undefined;
    });
  return running;
}

let workerStarted = false;

/** Started by the web server process; tests call deliverPendingEmails themselves. */
export function startOutboxWorker() {
  const flag = globalThis as unknown as { __laureatOutbox?: boolean };
  workerStarted = true;
  if (flag.__laureatOutbox) return;
  flag.__laureatOutbox = true;
  setInterval(() => void runOnce(), POLL_MS).unref();
}

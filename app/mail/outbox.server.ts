import { randomUUID } from "node:crypto";
import type { Tx } from "~/db.server";
import { prisma } from "~/db.server";
import { renderEmail, type EmailPayloads, type EmailTemplate } from "../../emails/index";
import { createTransport, type MailTransport } from "~/mail/transport.server";
import { toLocale } from "~/i18n/config";
import { config } from "~/config.server";
import { recordAudit } from "~/audit.server";
import { assertAllowed, type Viewer } from "~/auth/permissions.server";
import { DomainError } from "~/domain/errors";

const BATCH = 20;
const POLL_MS = 5_000;
/**
 * A message stuck in SENDING that long belongs to a process that died mid-send. It must be
 * well above the longest a send can take (bounded by the transport's timeouts), so a slow
 * send still in progress is never claimed a second time.
 */
export const STALE_SENDING_MS = 10 * 60_000;

/**
 * Retries double from one minute up to six hours between attempts, and a message is given up
 * (FAILED, which staff can resend) after MAX_ATTEMPTS: about 44 hours after the first try, so
 * a mail server down overnight or over a long incident still gets the message once it is back.
 */
const FIRST_RETRY_MS = 60_000;
const LONGEST_RETRY_MS = 6 * 3600_000;
export const MAX_ATTEMPTS = 16;

/** How long to wait after the given number of failed attempts. */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(failedAttempts - 1, 0), LONGEST_RETRY_MS);
}

export interface QueuedEmail<T extends EmailTemplate> {
  to: string;
  locale: string;
  template: T;
  payload: EmailPayloads[T];
  letterId?: string;
}

/** A Message-ID in the sender's domain, so receiving servers and mail clients can spot a repeat. */
function newMessageId(): string {
  const domain = config().env.MAIL_FROM.match(/@([^\s>]+)>?\s*$/)?.[1] ?? "laureat.localhost";
  return `<${randomUUID()}@${domain}>`;
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
      messageId: newMessageId(),
    },
  });
  scheduleDelivery();
}

/**
 * Staff put a message that failed for good back in the queue, with a fresh set of attempts.
 * It keeps its Message-ID: it is the same message, sent late.
 */
export async function resendEmail(viewer: Viewer, id: string): Promise<void> {
  assertAllowed(viewer, "mailbox.resend", null);
  await prisma.$transaction(async (tx) => {
    const requeued = await tx.emailMessage.updateMany({
      where: { id, status: "FAILED" },
      data: { status: "PENDING", attempts: 0, nextAttemptAt: new Date() },
    });
    if (requeued.count === 0) throw new DomainError("emailNotFailed", undefined, 409);
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "email.resent",
      entityType: "EmailMessage",
      entityId: id,
      before: { status: "FAILED" },
      after: { status: "PENDING" },
    });
  });
  scheduleDelivery();
}

let transport: MailTransport | undefined;
let running: Promise<number> | undefined;

/**
 * Claims due messages (safe with several app processes) and sends them.
 *
 * Delivery is at least once, never silently twice under different identities. The send is
 * recorded (SENT) as the very next step after the mail server accepted it. If the process
 * dies between the two, the row stays SENDING; once STALE_SENDING_MS has passed it is claimed
 * and sent again, since nothing tells whether the first copy left. That copy carries the same
 * Message-ID header, fixed when the message was queued, so the receiving server or mail
 * client sees a repeat of one message rather than two messages. A slow send is never taken
 * for a dead one: the transport gives up long before a claim goes stale.
 */
export async function deliverPendingEmails(mailer: MailTransport = (transport ??= createTransport())): Promise<number> {
  const claimed = await prisma.$queryRaw<{ id: string }[]>`
    UPDATE "EmailMessage" SET status = 'SENDING', attempts = attempts + 1, "nextAttemptAt" = now()
    WHERE id IN (
      SELECT id FROM "EmailMessage"
      WHERE (status = 'PENDING' AND "nextAttemptAt" <= now())
         OR (status = 'SENDING' AND "nextAttemptAt" < now() - make_interval(secs => ${STALE_SENDING_MS / 1000}))
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
  let providerMessageId: string | null;
  try {
    ({ messageId: providerMessageId } = await mailer.send({
      messageId: message.messageId,
      to: message.toAddress,
      subject: message.subject,
      text: message.textBody,
      html: message.htmlBody,
      attachments: message.letter
        ? [{ filename: `${message.letter.reference}.pdf`, content: Buffer.from(message.letter.pdf), contentType: "application/pdf" }]
        : [],
    }));
  } catch (error) {
    const failedForGood = message.attempts >= MAX_ATTEMPTS;
    await prisma.emailMessage.update({
      where: { id },
      data: {
        status: failedForGood ? "FAILED" : "PENDING",
        lastError: (error as Error).message.slice(0, 1000),
        transport: mailer.name,
        nextAttemptAt: new Date(Date.now() + retryDelayMs(message.attempts)),
      },
    });
    return;
  }
  await prisma.emailMessage.update({
    where: { id },
    data: { status: "SENT", sentAt: new Date(), transport: mailer.name, providerMessageId, lastError: null },
  });
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

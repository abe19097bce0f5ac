import nodemailer from "nodemailer";
import { config } from "~/config.server";

export interface OutgoingMail {
  /** The Message-ID header, fixed when the message was queued. */
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; content: Buffer; contentType: string }[];
}

/** Longest silence from the mail server before an attempt is abandoned. */
export const SEND_TIMEOUT_MS = 60_000;

export interface MailTransport {
  name: "smtp" | "mailbox";
  send(mail: OutgoingMail): Promise<{ messageId: string | null }>;
}

/**
 * SMTP when SMTP_URL is set; otherwise the in-app mailbox: the message stays in the outbox
 * table, where staff read it, and nothing leaves the machine.
 */
export function createTransport(): MailTransport {
  const { SMTP_URL: url, MAIL_FROM } = config().env;
  if (!url) return { name: "mailbox", send: async () => ({ messageId: null }) };
  // Bounded waits: a hung mail server fails the attempt (retried later) instead of holding a
  // message in SENDING until the outbox takes it for abandoned and sends it again.
  const smtp = nodemailer.createTransport({
    url,
    connectionTimeout: SEND_TIMEOUT_MS,
    greetingTimeout: SEND_TIMEOUT_MS,
    socketTimeout: SEND_TIMEOUT_MS,
  });
  return {
    name: "smtp",
    async send(mail) {
      const info = await smtp.sendMail({ from: MAIL_FROM, ...mail });
      return { messageId: info.messageId ?? null };
    },
  };
}

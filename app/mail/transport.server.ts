import nodemailer from "nodemailer";
import { config } from "~/config.server";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; content: Buffer; contentType: string }[];
}

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
  const smtp = nodemailer.createTransport(url);
  return {
    name: "smtp",
    async send(mail) {
      const info = await smtp.sendMail({ from: MAIL_FROM, ...mail });
      return { messageId: info.messageId ?? null };
    },
  };
}

import nodemailer from "nodemailer";

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

function mailFrom(): string {
  return process.env.MAIL_FROM ?? "Lauréat <ne-pas-repondre@laureat.localhost>";
}

/**
 * SMTP when SMTP_URL is set; otherwise the in-app mailbox: the message stays in the outbox
 * table, where staff read it, and nothing leaves the machine.
 */
export function createTransport(): MailTransport {
  const url = process.env.SMTP_URL;
  if (!url) return { name: "mailbox", send: async () => ({ messageId: null }) };
  const smtp = nodemailer.createTransport(url);
  return {
    name: "smtp",
    async send(mail) {
      const info = await smtp.sendMail({ from: mailFrom(), ...mail });
      return { messageId: info.messageId ?? null };
    },
  };
}

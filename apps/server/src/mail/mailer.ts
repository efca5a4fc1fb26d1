// Sends e-mail through SMTP_URL, or, without it, writes each message to the
// outbox folder as an .eml file and logs where (never the content).
import fs from "node:fs/promises";
import path from "node:path";
import type { FastifyBaseLogger } from "fastify";
import nodemailer, { type Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport/index.js";

export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** RFC 8058 one-click unsubscribe URL. */
  unsubscribeUrl?: string;
};

export type Mailer = {
  send(message: MailMessage): Promise<void>;
  describe(): string;
  close(): void;
};

export function createMailer(opts: { smtpUrl?: string; from: string; outboxDir: string; log: FastifyBaseLogger }): Mailer {
  const smtp: Transporter | null = opts.smtpUrl
    ? nodemailer.createTransport({
        url: opts.smtpUrl,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      } as SMTPTransport.Options)
    : null;
  const outbox = smtp ? null : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  let outboxAnnounced = false;

  const envelope = (m: MailMessage) => ({
    from: opts.from,
    to: m.to,
    subject: m.subject,
    text: m.text,
    html: m.html,
    ...(m.unsubscribeUrl ? { list: { unsubscribe: { url: m.unsubscribeUrl, comment: "Unsubscribe" } } } : {}),
    headers: m.unsubscribeUrl ? { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } : {},
  });

  return {
    async send(message) {
      if (smtp) {
        await smtp.sendMail(envelope(message));
        return;
      }
      const info = await outbox!.sendMail(envelope(message));
      await fs.mkdir(opts.outboxDir, { recursive: true });
      const file = path.join(opts.outboxDir, `${new Date().toISOString().replace(/[:.]/g, "-")}-${info.messageId.replace(/[^\w-]/g, "").slice(0, 24)}.eml`);
      await fs.writeFile(file, info.message as Buffer);
      if (!outboxAnnounced) {
        opts.log.info({ outbox: opts.outboxDir }, "SMTP_URL is not set: e-mail is written to the outbox folder");
        outboxAnnounced = true;
      }
      opts.log.debug({ file: path.basename(file) }, "e-mail written to outbox");
    },
    describe: () => (smtp ? "smtp" : `outbox folder ${opts.outboxDir}`),
    close: () => smtp?.close(),
  };
}

import nodemailer from 'nodemailer';
import { renderEmail, type TEmailMessage } from './render-email.ts';

export type TMailer = {
  /** 'skipped' when no SMTP server is configured: the in-app notification is then the only one. */
  send(message: TEmailMessage): Promise<'sent' | 'skipped'>;
  close(): void;
};

export type TMailConfig = { smtpUrl?: string | null; from: string; publicUrl: string };

/** Email through the SMTP server named by SMTP_URL (smtp://user:pass@host:port, smtps:// for TLS). */
export function createMailer(config: TMailConfig): TMailer {
  if (!config.smtpUrl) return { send: async () => 'skipped', close: () => {} };
  const transport = nodemailer.createTransport(config.smtpUrl);
  return {
    async send(message) {
      const rendered = renderEmail(message, config.publicUrl);
      await transport.sendMail({
        from: config.from,
        to: { name: message.toName, address: message.to },
        subject: message.subject,
        ...rendered,
      });
      return 'sent';
    },
    close: () => transport.close(),
  };
}

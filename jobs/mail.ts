import { mailSettings } from '@/server/env.ts';
import { createMailer, type TMailer } from '@/server/modules/notifications/index.ts';

let cached: { key: string; mailer: TMailer } | undefined;

/**
 * The worker's mailer, from SMTP_URL, MAIL_FROM and NEXTAUTH_URL (the deep links' base). Read at
 * send time, so a worker started in a test picks up the SMTP server the test started.
 */
export function workerMailer(source?: Record<string, string | undefined>): TMailer {
  const env = mailSettings(source);
  const config = { smtpUrl: env.SMTP_URL ?? null, from: env.MAIL_FROM, publicUrl: env.NEXTAUTH_URL };
  const key = JSON.stringify(config);
  if (cached?.key !== key) {
    cached?.mailer.close();
    cached = { key, mailer: createMailer(config) };
  }
  return cached.mailer;
}

import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { createBoss } from '../server/queue/boss.ts';
import { parseMail, type TReceivedMail } from '../server/infra/smtp-sink.ts';
import { runtime } from './fixtures.ts';
import { ownPortal } from './portals.ts';

/** Reads or adjusts the portal's own database (to move a clock forward: an SLA or an end date). */
export async function sql<T = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: runtime().databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Runs a scheduled job now, as its cron would: the portal's own worker picks it up. */
export async function runScheduledJob(
  name: 'approvals.escalate' | 'approvals.remind' | 'grants.expire' | 'requests.expire' | 'sod.scan',
) {
  const boss = createBoss(runtime().databaseUrl, 'web');
  await boss.start();
  try {
    await boss.send(name, {});
  } finally {
    await boss.stop({ graceful: false });
  }
}

/** Every email the launcher's SMTP sink received (it keeps them as .eml files). */
export function receivedMail(): TReceivedMail[] {
  const dir = (runtime() as { mailDir?: string }).mailDir ?? path.resolve(ownPortal().dataDir, 'mail');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((f) => {
      const raw = fs.readFileSync(path.join(dir, f), 'utf8');
      const to = /^To: .*<([^>]+)>/im.exec(raw)?.[1] ?? /^To: (\S+)/im.exec(raw)?.[1] ?? '';
      const from = /^From: .*<([^>]+)>/im.exec(raw)?.[1] ?? '';
      return parseMail(raw, { from, to: [to] });
    });
}

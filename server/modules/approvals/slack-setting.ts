import { z } from 'zod';
import { Prisma, type TDb } from '@/server/db/client.ts';

// The stored Slack setting and whether it turns approvals in Slack on. Approvals asks approvers in
// Slack and Slack decides through approvals, so what both read of the setting sits here, below Slack
// (docs/decisions/097); the Slack module's settings (slack-settings.ts: the admin's view, the opened
// secrets, the save) build on it.

export const SLACK_SETTINGS_KEY = 'slack.settings';
const SLACK_API_URL = 'https://slack.com/api/';

/** What is stored: the secrets sealed as connector secrets are (AES-GCM, bound to this setting). */
export const ZStoredSlackSetting = z.object({
  enabled: z.boolean().default(false),
  /** Where the Web API is: Slack's own unless a test points it at the emulator. */
  apiUrl: z.string().url().default(SLACK_API_URL),
  secrets: z.string().nullable().default(null),
});
export type TStoredSlackSetting = z.infer<typeof ZStoredSlackSetting>;

/** The stored setting; the defaults (off) when never saved or unreadable. */
export async function readSlackSetting(db: TDb): Promise<TStoredSlackSetting> {
  const row = await db.systemSetting.findUnique({
    where: { key: SLACK_SETTINGS_KEY },
    select: { value: true },
  });
  const parsed = ZStoredSlackSetting.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : ZStoredSlackSetting.parse({});
}

/** Whether approvals go to Slack: one cheap read, for the transactions that enqueue Slack jobs. */
export async function isSlackEnabled(db: TDb): Promise<boolean> {
  return (await readSlackSetting(db)).enabled;
}

/**
 * The stored setting as a scalar subquery, for a transaction that reads it with another query
 * instead of on its own (askApproversSql): read in the same transaction, so it is exactly as fresh
 * as isSlackEnabled's own read, in every process, with nothing cached. Hand its value to isSlackEnabledIn.
 */
export const slackSettingSql = () =>
  Prisma.sql`(SELECT s.value FROM "SystemSetting" s WHERE s.key = ${SLACK_SETTINGS_KEY})`;

/** Whether a stored value (slackSettingSql's; null when never saved) turns approvals in Slack on. */
export function isSlackEnabledIn(value: unknown): boolean {
  const parsed = ZStoredSlackSetting.safeParse(value ?? {});
  return parsed.success && parsed.data.enabled;
}

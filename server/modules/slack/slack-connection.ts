import type { TPrisma } from '@/server/db/client.ts';
import { loadSlackConfig } from './slack-settings.ts';
import { createSlackApi, type TSlackApi } from './slack-web-api.ts';

/** What the Slack jobs need besides the database: the key that opens the stored secrets, and the portal's address for links. */
export type TSlackDeps = { secretKey: Buffer; portalUrl: string; now?: Date };

/** The Web API with the stored settings, or null when Slack is off or has no bot token. */
export async function openSlackApi(db: TPrisma, secretKey: Buffer): Promise<TSlackApi | null> {
  const config = await loadSlackConfig(db, secretKey);
  return config.enabled && config.botToken ? createSlackApi(config) : null;
}

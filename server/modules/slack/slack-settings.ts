import type { TUserActor } from '@/server/auth/actor.ts';
import { inTransaction, REPEATABLE, type TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { settingSecretBinding } from '@/server/lib/secret-box.ts';
import { mergeSecrets, openSecrets, secretFieldsSet } from '@/server/modules/applications/index.ts';
import {
  readSlackSetting,
  SLACK_SETTINGS_KEY,
  ZStoredSlackSetting,
  type TStoredSlackSetting,
} from '@/server/modules/approvals/index.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';

// The stored shape and the reads approvals needs too (whether Slack is on) are approvals'
// slack-setting.ts, below this module (docs/decisions/097); this file is the admin's side of it.

export const SLACK_SECRET_FIELDS = ['botToken', 'signingSecret'] as const;
export type TSlackSecretField = (typeof SLACK_SECRET_FIELDS)[number];

const binding = settingSecretBinding(SLACK_SETTINGS_KEY);

/** What the admin page sees: never a secret, only which ones are set. */
export type TSlackSettingsView = { enabled: boolean; apiUrl: string; secretsSet: TSlackSecretField[] };
/** What the server uses to talk to Slack. */
export type TSlackConfig = {
  enabled: boolean;
  apiUrl: string;
  botToken: string | null;
  signingSecret: string | null;
};

export type TSlackSettingsInput = {
  enabled?: boolean;
  apiUrl?: string;
  secrets?: Partial<Record<TSlackSecretField, string>>;
};

export async function getSlackSettings(db: TDb, key: Buffer): Promise<TSlackSettingsView> {
  return viewOf(await readSlackSetting(db), key);
}

/** The settings with their secrets opened; a secret that does not open (another key) counts as unset. */
export async function loadSlackConfig(db: TDb, key: Buffer): Promise<TSlackConfig> {
  const stored = await readSlackSetting(db);
  const secrets = openOrNothing(stored.secrets, key);
  return {
    enabled: stored.enabled,
    apiUrl: stored.apiUrl,
    botToken: secrets.botToken ?? null,
    signingSecret: secrets.signingSecret ?? null,
  };
}

/**
 * Saves the Slack settings. Secrets are write-only and merge (a field left out keeps its value, an
 * empty string clears it); a new API URL drops the stored ones, as a connector's new endpoint does:
 * the bot token was given for the old address and must not follow the setting somewhere else. It
 * can only be turned on with both secrets set.
 */
export async function saveSlackSettings(
  db: TDb,
  actor: TUserActor,
  input: TSlackSettingsInput,
  deps: { secretKey: Buffer },
): Promise<TSlackSettingsView> {
  return inTransaction(
    db,
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${SLACK_SETTINGS_KEY}))`;
      const before = await readSlackSetting(tx);
      const apiUrl = input.apiUrl ?? before.apiUrl;
      const keepStored = apiUrl === before.apiUrl;
      const secrets = mergeSecrets(before.secrets, input.secrets, deps.secretKey, binding, { keepStored });
      const enabled = input.enabled ?? before.enabled;
      const value = ZStoredSlackSetting.parse({ enabled, apiUrl, secrets });
      const view = viewOf(value, deps.secretKey);
      if (enabled && view.secretsSet.length < SLACK_SECRET_FIELDS.length) {
        throw new AppError(
          'INVALID_INPUT',
          'secrets: Slack can only be turned on with its bot token and signing secret set',
          { field: 'secrets' },
        );
      }
      await tx.systemSetting.upsert({
        where: { key: SLACK_SETTINGS_KEY },
        create: { key: SLACK_SETTINGS_KEY, value },
        update: { value },
      });
      const beforeView = viewOf(before, deps.secretKey);
      const changed = Object.keys(input.secrets ?? {})
        .filter(isSecretField)
        .sort();
      await recordAuditEvent(tx, {
        actor,
        action: 'settings.slack_changed',
        entityType: 'SystemSetting',
        entityId: SLACK_SETTINGS_KEY,
        before: beforeView,
        after: view,
        metadata: { secretsChanged: changed },
      });
      return view;
    },
    REPEATABLE,
  );
}

function openOrNothing(sealed: string | null, key: Buffer): Record<string, string> {
  try {
    return sealed ? openSecrets(sealed, key, binding) : {};
  } catch {
    return {};
  }
}

const isSecretField = (f: string): f is TSlackSecretField =>
  (SLACK_SECRET_FIELDS as readonly string[]).includes(f);

const viewOf = (stored: TStoredSlackSetting, key: Buffer): TSlackSettingsView => ({
  enabled: stored.enabled,
  apiUrl: stored.apiUrl,
  secretsSet: secretFieldsSet(stored.secrets, key, binding).filter(isSecretField),
});

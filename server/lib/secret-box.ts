import crypto from 'node:crypto';

/**
 * Which stored field a sealed secret belongs to. It is the AES-GCM associated data: a ciphertext
 * copied into another row or field does not decrypt there, so a database writer cannot move an
 * application's bind password into a source (or another application) whose endpoint they control.
 */
export type TSecretBinding = {
  table: 'Application' | 'IdentitySource' | 'SystemSetting';
  id: string;
  field?: string;
};

export const applicationSecretBinding = (applicationId: string): TSecretBinding => ({
  table: 'Application',
  id: applicationId,
});
export const sourceSecretBinding = (sourceId: string): TSecretBinding => ({
  table: 'IdentitySource',
  id: sourceId,
});
/** An organisation setting's secrets (the Slack bot token and signing secret), bound to the setting's key. */
export const settingSecretBinding = (key: string): TSecretBinding => ({ table: 'SystemSetting', id: key });

const bindingData = (b: TSecretBinding) =>
  Buffer.from(`gatehouse:${b.table}:${b.id}:${b.field ?? 'secrets'}`, 'utf8');

/** AES-256-GCM with a 32-byte key, bound to its row: "v2:<iv>:<tag>:<ciphertext>" in base64url. */
export function encryptSecret(plaintext: string, key: Buffer, binding: TSecretBinding): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(bindingData(binding));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v2', iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join(':');
}

/**
 * Opens a secret sealed for this binding. A v1 secret (sealed before bindings existed) is refused:
 * anything could have been copied in as one. `resealLegacySecrets` upgrades them on start.
 */
export function decryptSecret(sealed: string, key: Buffer, binding: TSecretBinding): string {
  const parts = splitSealed(sealed);
  if (parts.version === 'v1')
    throw new Error(
      'the secret was sealed without its binding: start Gatehouse once (or run npm run db:migrate) to reseal it',
    );
  return open(parts, key, bindingData(binding));
}

/** The legacy format, for the one-time reseal only. */
export function decryptLegacySecret(sealed: string, key: Buffer): string {
  const parts = splitSealed(sealed);
  if (parts.version !== 'v1') throw new Error('not a v1 secret');
  return open(parts, key, null);
}

export const isLegacySecret = (sealed: string) => sealed.startsWith('v1:');

function splitSealed(sealed: string) {
  const [version, iv, tag, body] = sealed.split(':');
  if ((version !== 'v1' && version !== 'v2') || !iv || !tag || body === undefined)
    throw new Error('not a Gatehouse secret box');
  return { version, iv, tag, body };
}

function open(parts: { iv: string; tag: string; body: string }, key: Buffer, aad: Buffer | null): string {
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(parts.iv, 'base64url'));
  if (aad) decipher.setAAD(aad);
  decipher.setAuthTag(Buffer.from(parts.tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(parts.body, 'base64url')), decipher.final()]).toString(
    'utf8',
  );
}

/** Accepts a 32-byte key as hex (64 chars) or base64. */
export function parseSecretKey(raw: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (key.length !== 32) throw new Error('GATEHOUSE_SECRET_KEY must decode to exactly 32 bytes');
  return key;
}

export function generateSecretKey(): string {
  return crypto.randomBytes(32).toString('base64');
}

import { decryptSecret, encryptSecret } from '@/server/lib/secret-box.ts';

/**
 * Secrets are write-only: the browser gets the names of the fields that are set, never a value.
 * An update merges: a field left out keeps its value, an empty string clears it.
 */
export function mergeSecrets(sealed: string | null, changes: Record<string, string> | undefined, key: Buffer): string | null {
  if (!changes || Object.keys(changes).length === 0) return sealed;
  const current = sealed ? (JSON.parse(decryptSecret(sealed, key)) as Record<string, string>) : {};
  for (const [name, value] of Object.entries(changes)) {
    if (value === '') delete current[name];
    else current[name] = value;
  }
  return Object.keys(current).length ? encryptSecret(JSON.stringify(current), key) : null;
}

export function secretFieldsSet(sealed: string | null, key: Buffer): string[] {
  if (!sealed) return [];
  try {
    return Object.keys(JSON.parse(decryptSecret(sealed, key)) as Record<string, string>).sort();
  } catch {
    return ['(unreadable with the current key)'];
  }
}

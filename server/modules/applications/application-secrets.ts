import { decryptSecret, encryptSecret, type TSecretBinding } from '@/server/lib/secret-box.ts';

/**
 * Secrets are write-only: the browser gets the names of the fields that are set, never a value.
 * An update merges: a field left out keeps its value, an empty string clears it. With `keepStored`
 * false (the connection's endpoint changed) nothing stored is carried over: the stored secrets were
 * given for the old endpoint and must not follow the settings somewhere else.
 */
export function mergeSecrets(
  sealed: string | null,
  changes: Record<string, string> | undefined,
  key: Buffer,
  binding: TSecretBinding,
  options: { keepStored: boolean } = { keepStored: true },
): string | null {
  if (options.keepStored && (!changes || Object.keys(changes).length === 0)) return sealed;
  const current = sealed && options.keepStored ? openSecrets(sealed, key, binding) : {};
  for (const [name, value] of Object.entries(changes ?? {})) {
    if (value === '') delete current[name];
    else current[name] = value;
  }
  return Object.keys(current).length ? encryptSecret(JSON.stringify(current), key, binding) : null;
}

export function openSecrets(sealed: string, key: Buffer, binding: TSecretBinding): Record<string, string> {
  return JSON.parse(decryptSecret(sealed, key, binding)) as Record<string, string>;
}

/** Whether the stored secrets open with this key and binding (an old key or an unbound v1 box does not). */
export function canOpenSecrets(sealed: string, key: Buffer, binding: TSecretBinding): boolean {
  try {
    openSecrets(sealed, key, binding);
    return true;
  } catch {
    return false;
  }
}

export function secretFieldsSet(sealed: string | null, key: Buffer, binding: TSecretBinding): string[] {
  if (!sealed) return [];
  try {
    return Object.keys(openSecrets(sealed, key, binding)).sort();
  } catch {
    return ['(unreadable with the current key)'];
  }
}

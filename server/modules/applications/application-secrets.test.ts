import { describe, expect, it } from 'vitest';
import { decryptSecret, generateSecretKey, parseSecretKey } from '@/server/lib/secret-box.ts';
import { mergeSecrets, secretFieldsSet } from './application-secrets.ts';

const key = parseSecretKey(generateSecretKey());

describe('application secrets', () => {
  it('merges: new fields set, absent fields kept, empty fields cleared', () => {
    const first = mergeSecrets(null, { bindPassword: 's3cret', token: 't' }, key)!;
    expect(first).not.toContain('s3cret');
    const second = mergeSecrets(first, { token: '' }, key)!;
    expect(JSON.parse(decryptSecret(second, key))).toEqual({ bindPassword: 's3cret' });
    expect(secretFieldsSet(second, key)).toEqual(['bindPassword']);
    expect(mergeSecrets(second, undefined, key)).toBe(second);
    expect(mergeSecrets(second, { bindPassword: '' }, key)).toBeNull();
  });

  it('cannot be read with another key', () => {
    const sealed = mergeSecrets(null, { a: 'b' }, key)!;
    expect(secretFieldsSet(sealed, parseSecretKey(generateSecretKey()))).toEqual(['(unreadable with the current key)']);
  });
});

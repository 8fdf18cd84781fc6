import { describe, expect, it } from 'vitest';
import {
  applicationSecretBinding,
  decryptSecret,
  encryptSecret,
  generateSecretKey,
  parseSecretKey,
} from '@/server/lib/secret-box.ts';
import { mergeSecrets, secretFieldsSet } from './application-secrets.ts';

const key = parseSecretKey(generateSecretKey());
const here = applicationSecretBinding('5d1c3c55-1111-4a4a-8888-000000000001');
const elsewhere = applicationSecretBinding('5d1c3c55-1111-4a4a-8888-000000000002');

describe('application secrets', () => {
  it('merges: new fields set, absent fields kept, empty fields cleared', () => {
    const first = mergeSecrets(null, { bindPassword: 's3cret', token: 't' }, key, here)!;
    expect(first).not.toContain('s3cret');
    const second = mergeSecrets(first, { token: '' }, key, here)!;
    expect(JSON.parse(decryptSecret(second, key, here))).toEqual({ bindPassword: 's3cret' });
    expect(secretFieldsSet(second, key, here)).toEqual(['bindPassword']);
    expect(mergeSecrets(second, undefined, key, here)).toBe(second);
    expect(mergeSecrets(second, { bindPassword: '' }, key, here)).toBeNull();
  });

  it('keeps nothing stored when told not to (the endpoint changed)', () => {
    const stored = mergeSecrets(null, { bindPassword: 'old', token: 't' }, key, here)!;
    expect(mergeSecrets(stored, undefined, key, here, { keepStored: false })).toBeNull();
    const fresh = mergeSecrets(stored, { bindPassword: 'new' }, key, here, { keepStored: false })!;
    expect(JSON.parse(decryptSecret(fresh, key, here))).toEqual({ bindPassword: 'new' });
  });

  it('cannot be read with another key', () => {
    const sealed = mergeSecrets(null, { a: 'b' }, key, here)!;
    expect(secretFieldsSet(sealed, parseSecretKey(generateSecretKey()), here)).toEqual([
      '(unreadable with the current key)',
    ]);
  });

  it('is bound to its row: a ciphertext copied to another application or table does not open', () => {
    const sealed = mergeSecrets(null, { bindPassword: 's3cret' }, key, here)!;
    expect(() => decryptSecret(sealed, key, elsewhere)).toThrow();
    expect(() =>
      decryptSecret(sealed, key, { table: 'IdentitySource', id: '5d1c3c55-1111-4a4a-8888-000000000001' }),
    ).toThrow();
    expect(() => decryptSecret(sealed, key, { ...here, field: 'other' })).toThrow();
    expect(decryptSecret(sealed, key, here)).toBe('{"bindPassword":"s3cret"}');
  });

  it('refuses an unbound (v1) ciphertext in normal use', () => {
    const v2 = encryptSecret('x', key, here);
    const v1 = `v1:${v2.split(':').slice(1).join(':')}`;
    expect(() => decryptSecret(v1, key, here)).toThrow(/without its binding/);
  });
});

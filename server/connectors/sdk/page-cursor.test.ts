import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ConnectorError } from './connector-error.ts';
import { pageCursorCodec } from './page-cursor.ts';

const ldap = pageCursorCodec('LDAP', z.object({ after: z.string().uuid() }));
const scim = pageCursorCodec('SCIM', z.object({ after: z.string().uuid() }), 'invalidAttribute');
const AT = { after: '0b6f1c9e-2a7d-4f1e-9a55-6d3e2c1b0a99' };

describe('pageCursorCodec', () => {
  it('round-trips a position for the list it was issued for', () => {
    expect(ldap.decode('accounts', ldap.encode('accounts', AT))).toEqual(AT);
  });

  it("refuses another list's, another connector's, a malformed and a tampered cursor, with the connector's error kind", () => {
    const refused = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return error instanceof ConnectorError ? error.kind : 'not a ConnectorError';
      }
      return 'accepted';
    };
    expect(refused(() => ldap.decode('grants', ldap.encode('accounts', AT)))).toBe('invalidConfig');
    expect(refused(() => ldap.decode('accounts', scim.encode('accounts', AT)))).toBe('invalidConfig');
    expect(refused(() => scim.decode('accounts', 'not-a-cursor'))).toBe('invalidAttribute');
    const issued = JSON.parse(Buffer.from(ldap.encode('accounts', AT), 'base64url').toString('utf8'));
    const tampered = Buffer.from(JSON.stringify({ ...issued, p: { after: '*)(uid=*' } })).toString(
      'base64url',
    );
    expect(refused(() => ldap.decode('accounts', tampered))).toBe('invalidConfig');
  });
});

import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../sdk/connector-error.ts';
import { parseEntitlement } from './salesforce-entitlements.ts';
import { decodeCursor, encodeCursor, sameId, soqlString } from './salesforce-soql.ts';

describe('soqlString', () => {
  it('escapes quotes and backslashes so a value cannot end the literal', () => {
    expect(soqlString("o'brien@acme.example")).toBe("'o\\'brien@acme.example'");
    expect(soqlString('a\\b')).toBe("'a\\\\b'");
    expect(soqlString("x' OR Username != '")).toBe("'x\\' OR Username != \\''");
  });
});

describe('Ids and cursors', () => {
  it('treats the 15- and 18-character forms of an Id as one', () => {
    expect(sameId('005Em000000000F', '005Em000000000FIAQ')).toBe(true);
    expect(sameId('005Em000000000f', '005Em000000000FIAQ')).toBe(false);
  });

  it('round-trips cursors and refuses foreign ones', () => {
    const c = encodeCursor('accounts', { phase: 'User', after: '005Em000000000FIAQ' });
    expect(decodeCursor('accounts', c)).toEqual({ phase: 'User', after: '005Em000000000FIAQ' });
    expect(decodeCursor('entitlements', null)).toEqual({ phase: 'Profile', after: null });
    expect(decodeCursor('grants', null)).toEqual({ phase: 'PermissionSetAssignment', after: null });
    expect(() => decodeCursor('accounts', 'not-a-cursor')).toThrow(ConnectorError);
    expect(() =>
      decodeCursor('accounts', encodeCursor('accounts', { phase: 'User', after: "x' OR Id != '" })),
    ).toThrow(ConnectorError);
  });

  it("refuses another list's cursor, even one whose phase both lists read", () => {
    const profiles = encodeCursor('grants', { phase: 'Profile', after: '00eEm000000000FIAQ' });
    expect(decodeCursor('grants', profiles)).toEqual({ phase: 'Profile', after: '00eEm000000000FIAQ' });
    expect(() => decodeCursor('entitlements', profiles)).toThrow(/issued for entitlements/);
    expect(() =>
      decodeCursor('accounts', encodeCursor('accounts', { phase: 'Profile', after: null })),
    ).toThrow(ConnectorError);
  });
});

describe('parseEntitlement', () => {
  it('reads PermissionSet:<Id> and Profile:<Id>, or a bare Id through its kind', () => {
    expect(
      parseEntitlement({ externalId: 'PermissionSet:0PSEm0000000001AAA', kind: 'PERMISSION_SET' }),
    ).toEqual({ type: 'PermissionSet', id: '0PSEm0000000001AAA' });
    expect(parseEntitlement({ externalId: 'Profile:00eEm0000000001AAA', kind: 'PROFILE' })).toEqual({
      type: 'Profile',
      id: '00eEm0000000001AAA',
    });
    expect(parseEntitlement({ externalId: '00eEm0000000001AAA', kind: 'PROFILE' })).toEqual({
      type: 'Profile',
      id: '00eEm0000000001AAA',
    });
  });

  it('reads a permission set group by prefix or by kind, never as a permission set', () => {
    const group = { type: 'PermissionSetGroup', id: '0PGEm0000000001AAA' };
    expect(parseEntitlement({ externalId: 'PermissionSetGroup:0PGEm0000000001AAA', kind: 'OTHER' })).toEqual(
      group,
    );
    expect(parseEntitlement({ externalId: '0PGEm0000000001AAA', kind: 'PERMISSION_SET_GROUP' })).toEqual(
      group,
    );
  });

  it('refuses anything else as a configuration fault', () => {
    expect(() => parseEntitlement({ externalId: 'cn=admins,ou=groups', kind: 'GROUP' })).toThrow(
      /PermissionSet:<Id>/,
    );
  });
});

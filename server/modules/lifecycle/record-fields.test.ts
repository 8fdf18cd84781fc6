import { describe, expect, it } from 'vitest';
import { recordFields } from './record-fields.ts';

describe('recordFields', () => {
  it('reads an HR row as it is', () => {
    expect(recordFields({ firstName: 'Ada', department: null })).toEqual([
      { label: 'firstName', value: 'Ada' },
      { label: 'department', value: null },
    ]);
  });

  it('reads a SCIM User as labelled fields, not JSON', () => {
    const fields = recordFields({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'ada',
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      emails: [
        { value: 'ada@home.example', primary: false },
        { value: 'ada@acme.example', primary: true },
      ],
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': {
        department: 'Finance',
        manager: { value: 'm-1', displayName: 'Mark' },
      },
      active: true,
    });
    expect(fields).toEqual([
      { label: 'userName', value: 'ada' },
      { label: 'name › givenName', value: 'Ada' },
      { label: 'name › familyName', value: 'Lovelace' },
      { label: 'emails', value: 'ada@acme.example, ada@home.example' },
      { label: 'enterprise › department', value: 'Finance' },
      { label: 'enterprise › manager › value', value: 'm-1' },
      { label: 'enterprise › manager › displayName', value: 'Mark' },
      { label: 'active', value: 'true' },
    ]);
    expect(fields.some((f) => f.value?.includes('{'))).toBe(false);
  });

  it('stops at the field limit', () => {
    expect(
      recordFields(Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, 'v'])), 5),
    ).toHaveLength(5);
  });
});

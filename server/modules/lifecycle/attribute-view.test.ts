import { describe, expect, it } from 'vitest';
import { stableStringify } from '@/server/lib/stable-stringify.ts';
import { mergeStoredRecord, toAttributeView, toStoredRecord } from './attribute-view.ts';

describe('source views', () => {
  it('a record says only what it says; the view derives status, manager and display name', () => {
    const stored = toStoredRecord({
      externalId: 'E1',
      firstName: 'Jo',
      lastName: 'Lee',
      active: false,
      managerEmployeeNumber: 'E9',
      startDate: new Date('2026-01-05T00:00:00Z'),
      email: 'Jo@Acme.TEST',
    });
    expect(stored).not.toHaveProperty('externalId');
    expect(toAttributeView(stored)).toEqual({
      firstName: 'Jo',
      lastName: 'Lee',
      email: 'jo@acme.test',
      status: 'TERMINATED',
      manager: { employeeNumber: 'E9' },
      startDate: '2026-01-05',
    });
  });

  it('a newer record overrides, and the two forms of status replace each other', () => {
    const merged = mergeStoredRecord(
      { status: 'ACTIVE', department: 'Finance', managerIdentityId: 'x' },
      { active: false, managerEmployeeNumber: 'E2' },
    );
    expect(merged).toEqual({ department: 'Finance', active: false, managerEmployeeNumber: 'E2' });
  });

  it('the three forms of manager replace each other; a reference is kept as the source said it', () => {
    const cases: Array<[Record<string, unknown>, Record<string, unknown>, unknown]> = [
      [{ managerIdentityId: 'x' }, { managerReference: 'okta-77' }, { reference: 'okta-77' }],
      [{ managerEmployeeNumber: 'E2' }, { managerReference: null }, null],
      [{ managerReference: 'okta-77' }, { managerEmployeeNumber: 'E3' }, { employeeNumber: 'E3' }],
      [{ managerReference: 'okta-77' }, { managerIdentityId: 'id-1' }, { identityId: 'id-1' }],
    ];
    for (const [before, next, manager] of cases) {
      const merged = mergeStoredRecord(before, next);
      expect(merged).toEqual(next);
      expect(toAttributeView(merged).manager).toEqual(manager);
    }
  });

  it('hashes ignore key order', () => {
    expect(stableStringify({ b: 1, a: { d: 2, c: [1, { f: 1, e: 2 }] } })).toBe(
      stableStringify({ a: { c: [1, { e: 2, f: 1 }], d: 2 }, b: 1 }),
    );
  });
});

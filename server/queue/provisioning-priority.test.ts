import { describe, expect, it } from 'vitest';
import type { TAccessChange } from '@/server/modules/policy/index.ts';
import {
  operationPriority,
  PROVISIONING_PRIORITY,
  provisioningJobId,
  removesAccess,
} from './provisioning-priority.ts';

const base = { applicationId: 'app', accountId: 'acc' };

describe('removesAccess', () => {
  it.each<[string, TAccessChange, boolean]>([
    ['a disable (leaver, suspension)', { ...base, kind: 'DISABLE_ACCOUNT', deprovision: false }, true],
    ['a delete', { ...base, kind: 'DELETE_ACCOUNT' }, true],
    ['an entitlement removed', { ...base, kind: 'REMOVE_ENTITLEMENT', entitlementId: 'e' }, true],
    ['a deprovisioning update', { ...base, kind: 'UPDATE_ACCOUNT', attributes: {}, deprovision: true }, true],
    ['an ordinary update', { ...base, kind: 'UPDATE_ACCOUNT', attributes: {}, deprovision: false }, false],
    ['a create', { applicationId: 'app', kind: 'CREATE_ACCOUNT', enabled: true, attributes: {} }, false],
    ['an enable', { ...base, kind: 'ENABLE_ACCOUNT', attributes: {} }, false],
    ['an entitlement added', { ...base, kind: 'ADD_ENTITLEMENT', entitlementId: 'e' }, false],
  ])('%s', (_, change, expected) => {
    expect(removesAccess(change)).toBe(expected);
  });
});

describe('provisioningJobId', () => {
  it('sorts a removal before every other job, and each kind in creation order', () => {
    const ids = [
      provisioningJobId(PROVISIONING_PRIORITY.other),
      provisioningJobId(PROVISIONING_PRIORITY.removal),
      provisioningJobId(PROVISIONING_PRIORITY.other),
      provisioningJobId(PROVISIONING_PRIORITY.removal),
    ];
    // PostgreSQL compares uuids bytewise, as these lowercase hex strings compare.
    expect([...ids].sort()).toEqual([ids[1], ids[3], ids[0], ids[2]]);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('operationPriority (a manual retry)', () => {
  it.each<[string, { kind: string; payload: unknown }, number]>([
    [
      'a disable',
      { kind: 'DISABLE_ACCOUNT', payload: { deprovision: false } },
      PROVISIONING_PRIORITY.removal,
    ],
    ['an entitlement removed', { kind: 'REMOVE_ENTITLEMENT', payload: {} }, PROVISIONING_PRIORITY.removal],
    [
      'a deprovisioning update',
      { kind: 'UPDATE_ACCOUNT', payload: { attributes: {}, deprovision: true } },
      PROVISIONING_PRIORITY.removal,
    ],
    [
      'an ordinary update',
      { kind: 'UPDATE_ACCOUNT', payload: { attributes: {}, deprovision: false } },
      PROVISIONING_PRIORITY.other,
    ],
    ['a create', { kind: 'CREATE_ACCOUNT', payload: {} }, PROVISIONING_PRIORITY.other],
    ['an entitlement added', { kind: 'ADD_ENTITLEMENT', payload: null }, PROVISIONING_PRIORITY.other],
  ])('%s', (_, op, expected) => {
    expect(operationPriority(op)).toBe(expected);
  });
});

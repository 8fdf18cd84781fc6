import { describe, expect, it } from 'vitest';
import { MembershipsByAccount } from './memberships-by-account.ts';

describe('MembershipsByAccount', () => {
  it('holds each pair once, by account, in the order added', () => {
    const m = new MembershipsByAccount();
    expect(m.add('a', 'e1', 'p1')).toBe(true);
    expect(m.add('a', 'e2', 'p2')).toBe(true);
    expect(m.add('b', 'e1', 'p3')).toBe(true);
    expect(m.add('a', 'e1', 'other')).toBe(false);
    expect(m.get('a', 'e1')).toBe('p1');
    expect(m.get('a', 'e3')).toBeUndefined();
    expect(m.get('c', 'e1')).toBeUndefined();
    expect(m.entitlementsOf('a')).toEqual(['e1', 'e2']);
    expect(m.entitlementsOf('c')).toEqual([]);
    expect([...m.entries()]).toEqual([
      ['a', 'e1', 'p1'],
      ['a', 'e2', 'p2'],
      ['b', 'e1', 'p3'],
    ]);
  });

  it('an account holding many memberships answers the same', () => {
    const m = new MembershipsByAccount();
    const ids = Array.from({ length: 40 }, (_, i) => `e${i}`);
    for (const e of ids) expect(m.add('admin', e, `p-${e}`)).toBe(true);
    for (const e of ids) expect(m.add('admin', e, 'again')).toBe(false);
    expect(m.get('admin', 'e0')).toBe('p-e0');
    expect(m.get('admin', 'e39')).toBe('p-e39');
    expect(m.get('admin', 'e40')).toBeUndefined();
    expect(m.entitlementsOf('admin')).toEqual(ids);
    expect([...m.entries()].map(([, e, v]) => `${e}=${v}`)).toEqual(ids.map((e) => `${e}=p-${e}`));
  });
});

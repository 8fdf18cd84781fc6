import { describe, expect, it } from 'vitest';
import type { TAttributeView, TViewAttribute } from './attribute-view.ts';
import { resolveAttributes, type TRankedView } from './resolve-attributes.ts';

const source = (
  sourceId: string,
  precedence: number,
  view: TAttributeView,
  overrides: Partial<Record<TViewAttribute, number>> = {},
): TRankedView => ({
  sourceId,
  sourceName: sourceId,
  precedenceOf: (a) => overrides[a] ?? precedence,
  view,
});

describe('per-attribute precedence', () => {
  const hr = source(
    'hr',
    10,
    { department: 'Finance', title: 'Analyst', email: 'old@acme.test', status: 'ACTIVE' },
    { email: 50 },
  );
  const idp = source('idp', 50, { department: 'Sales', email: 'new@acme.test' }, { email: 5 });

  it('HR owns department and title, the IdP owns email', () => {
    const { values, ties } = resolveAttributes([hr, idp]);
    expect(values).toMatchObject({
      department: 'Finance',
      title: 'Analyst',
      email: 'new@acme.test',
      status: 'ACTIVE',
    });
    expect(ties).toEqual([]);
  });

  it('a source that says nothing about an attribute leaves it to the others', () => {
    const { values } = resolveAttributes([
      source('a', 10, { title: 'X' }),
      source('b', 50, { location: 'Berlin' }),
    ]);
    expect(values).toEqual({ title: 'X', location: 'Berlin' });
  });

  it('equal precedence and different values is a tie: no value, queued once', () => {
    const views = [source('a', 10, { department: 'Finance' }), source('b', 10, { department: 'Sales' })];
    const first = resolveAttributes(views);
    expect(first.values).toEqual({});
    expect(first.ties).toMatchObject([
      { attribute: 'department', isNew: true, candidates: [{ value: 'Finance' }, { value: 'Sales' }] },
    ]);
    const open = resolveAttributes(
      views,
      new Map([['department', { key: first.ties[0]!.key, chosenSourceId: null }]]),
    );
    expect(open.ties[0]?.isNew).toBe(false);
    const decided = resolveAttributes(
      views,
      new Map([['department', { key: first.ties[0]!.key, chosenSourceId: 'b' }]]),
    );
    expect(decided).toEqual({ values: { department: 'Sales' }, ties: [] });
  });

  it('equal precedence and equal values is no tie', () => {
    expect(
      resolveAttributes([
        source('a', 10, { department: 'Finance' }),
        source('b', 10, { department: 'Finance' }),
      ]).ties,
    ).toEqual([]);
  });
});

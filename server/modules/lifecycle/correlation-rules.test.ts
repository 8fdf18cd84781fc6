import { describe, expect, it } from 'vitest';
import {
  correlateRecord,
  correlationKeys,
  DEFAULT_CORRELATION_RULES,
  type TCandidateIndex,
} from './correlation-rules.ts';

const index = (o: Partial<Record<keyof TCandidateIndex, Record<string, string[]>>>): TCandidateIndex => ({
  employeeNumber: new Map(Object.entries(o.employeeNumber ?? {})),
  email: new Map(Object.entries(o.email ?? {})),
  username: new Map(Object.entries(o.username ?? {})),
  name: new Map(Object.entries(o.name ?? {})),
});
const repo = index({
  employeeNumber: { E1: ['a'], E2: ['b'] },
  email: { 'a@x.test': ['a'], 'b@x.test': ['b'] },
  name: { 'jo|smith': ['a', 'c'], 'bo|b': ['b'] },
});

describe('correlation rules', () => {
  it.each([
    ['employee number first', { employeeNumber: 'E1' }, { kind: 'matched', identityId: 'a' }],
    ['then email, case-insensitively', { email: 'A@X.test' }, { kind: 'matched', identityId: 'a' }],
    ['nothing known is new', { employeeNumber: 'E9', email: 'n@x.test' }, { kind: 'new' }],
    [
      'number and email pointing at two people is ambiguous',
      { employeeNumber: 'E2', email: 'a@x.test' },
      { kind: 'ambiguous', candidateIds: ['b', 'a'] },
    ],
    [
      'number and email agreeing is a match',
      { employeeNumber: 'E2', email: 'b@x.test' },
      { kind: 'matched', identityId: 'b' },
    ],
  ])('%s', (_n, record, expected) => {
    expect(correlateRecord(correlationKeys(record), DEFAULT_CORRELATION_RULES, repo)).toMatchObject(expected);
  });

  it('a weak rule that finds several people asks, and one marked confirm always asks', () => {
    const rules = [{ attributes: ['name' as const], confirm: false }];
    expect(
      correlateRecord(correlationKeys({ firstName: 'Jo', lastName: 'Smith' }), rules, repo),
    ).toMatchObject({ kind: 'ambiguous', candidateIds: ['a', 'c'] });
    expect(
      correlateRecord(
        correlationKeys({ firstName: 'Bo', lastName: 'B' }),
        [{ attributes: ['name'], confirm: true }],
        repo,
      ),
    ).toMatchObject({ kind: 'ambiguous', candidateIds: ['b'] });
  });

  it('a record no rule matches whose email is taken is never a new person', () => {
    const rules = [{ attributes: ['employeeNumber' as const], confirm: false }];
    expect(
      correlateRecord(correlationKeys({ employeeNumber: 'E9', email: 'a@x.test' }), rules, repo),
    ).toMatchObject({ kind: 'ambiguous', candidateIds: ['a'] });
  });

  it('a rule of several attributes needs all of them', () => {
    const rules = [{ attributes: ['employeeNumber' as const, 'email' as const], confirm: false }];
    expect(correlateRecord(correlationKeys({ employeeNumber: 'E1' }), rules, repo)).toMatchObject({
      kind: 'ambiguous',
    });
    expect(
      correlateRecord(correlationKeys({ employeeNumber: 'E1', email: 'a@x.test' }), rules, repo),
    ).toMatchObject({ kind: 'matched', identityId: 'a' });
  });
});

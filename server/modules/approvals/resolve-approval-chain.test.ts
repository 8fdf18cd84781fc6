import { describe, expect, it } from 'vitest';
import type { TApprovalPolicyStages } from './approval-policy-schema.ts';
import { ZApprovalPolicyStages } from './approval-policy-schema.ts';
import { resolveApprovalChain, type TChainContext, type TChainPerson } from './resolve-approval-chain.ts';

// ceo <- fiona <- mark <- alice, raj;  tom (owner) <- fiona;  sam, ivy, yuki: security team; zed left.
const person = (id: string, managerId: string | null, isActive = true): [string, TChainPerson] => [
  id,
  { id, managerId, isActive },
];
const people = new Map([
  person('ceo', null),
  person('fiona', 'ceo'),
  person('mark', 'fiona'),
  person('alice', 'mark'),
  person('raj', 'mark'),
  person('tom', 'fiona'),
  person('sam', 'ceo'),
  person('ivy', 'ceo'),
  person('yuki', 'ceo'),
  person('zed', 'tom', false),
  person('admin1', 'ceo'),
]);
const base: TChainContext = {
  requesterId: 'alice',
  beneficiaryId: 'alice',
  people,
  itemOwnerIds: ['tom'],
  applicationOwnerIds: ['ivy'],
  teams: new Map([
    ['security', { id: 'team-security', name: 'Security', memberIds: ['sam', 'ivy', 'yuki'] }],
    ['two', { id: 'team-two', name: 'Two', memberIds: ['sam', 'zed'] }],
    ['idle', { id: 'team-idle', name: 'Idle', memberIds: ['zed'] }],
  ]),
  fallbackAdminIds: ['admin1'],
};
const stages = (...s: unknown[]): TApprovalPolicyStages => ZApprovalPolicyStages.parse(s);
const manager = { name: 'Manager', approvers: [{ type: 'MANAGER' }] };
const owner = { name: 'Owner', approvers: [{ type: 'ENTITLEMENT_OWNER' }] };
const security = {
  name: 'Security',
  approvers: [{ type: 'TEAM', teamKey: 'security' }],
  mode: 'QUORUM',
  quorum: 2,
};

describe('resolveApprovalChain', () => {
  it.each([
    ['the manager', [manager], base, [[['mark', 'MANAGER']]]],
    ['manager then owner', [manager, owner], base, [[['mark', 'MANAGER']], [['tom', 'ENTITLEMENT_OWNER']]]],
    [
      'a team quorum, everyone asked',
      [security],
      base,
      [
        [
          ['sam', 'TEAM'],
          ['ivy', 'TEAM'],
          ['yuki', 'TEAM'],
        ],
      ],
    ],
    [
      'a manager asking for their report goes one level up',
      [manager],
      { ...base, requesterId: 'mark' },
      [[['fiona', 'SELF_REROUTE']]],
    ],
    [
      'an owner asking for themselves goes to their manager',
      [owner],
      { ...base, requesterId: 'tom', beneficiaryId: 'tom' },
      [[['fiona', 'SELF_REROUTE']]],
    ],
    [
      'a team member asking for themselves is replaced by their manager',
      [security],
      { ...base, requesterId: 'ivy', beneficiaryId: 'ivy' },
      [
        [
          ['sam', 'TEAM'],
          ['ceo', 'SELF_REROUTE'],
          ['yuki', 'TEAM'],
        ],
      ],
    ],
    [
      'an inactive owner is replaced by their manager',
      [owner],
      { ...base, itemOwnerIds: ['zed'] },
      [[['tom', 'ENTITLEMENT_OWNER']]],
    ],
    [
      'no manager at all falls back to the identity team',
      [manager],
      { ...base, requesterId: 'ceo', beneficiaryId: 'ceo' },
      [[['admin1', 'FALLBACK_ADMIN']]],
    ],
    [
      'a named person nobody knows falls back to the identity team',
      [{ name: 'P', approvers: [{ type: 'PEOPLE', identityIds: ['00000000-0000-4000-8000-000000000001'] }] }],
      base,
      [[['admin1', 'FALLBACK_ADMIN']]],
    ],
    [
      'the same person named twice in a stage is asked once',
      [{ name: 'M+O', approvers: [{ type: 'MANAGER' }, { type: 'REQUESTER_MANAGER' }] }],
      base,
      [[['mark', 'MANAGER']]],
    ],
    [
      'application owners',
      [{ name: 'App', approvers: [{ type: 'APPLICATION_OWNER' }] }],
      base,
      [[['ivy', 'APPLICATION_OWNER']]],
    ],
  ])('%s', (_name, policy, ctx, expected) => {
    const result = resolveApprovalChain(stages(...policy), ctx as TChainContext);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.stages.map((s) => s.approvers.map((a) => [a.identityId, a.reason]))).toEqual(expected);
  });

  it.each([
    ['ANY needs one', manager, 1],
    ['ALL needs everyone', { ...security, mode: 'ALL' }, 3],
    ['QUORUM needs N', security, 2],
  ])('%s', (_name, stage, required) => {
    const result = resolveApprovalChain(stages(stage), base);
    expect(result.ok && result.stages[0]?.required).toBe(required);
  });

  it('tops up a quorum that too few people can meet with the identity team', () => {
    const result = resolveApprovalChain(
      stages({ name: 'Two', approvers: [{ type: 'TEAM', teamKey: 'two' }], mode: 'QUORUM', quorum: 2 }),
      base,
    );
    expect(result.ok && result.stages[0]?.approvers.map((a) => a.identityId)).toEqual(['sam', 'admin1']);
  });

  it('says which stage nobody can decide', () => {
    const result = resolveApprovalChain(stages({ ...security, quorum: 5 }), base);
    expect(result).toEqual({
      ok: false,
      stage: 'Security',
      reason: 'it needs 5 approvers and only 4 can approve',
    });
  });

  it.each([
    ['a team stage names its team', [security], [['team-security']]],
    ['other kinds name none', [manager, owner], [[], []]],
    [
      'a stage of two teams names both, once each',
      [
        {
          name: 'Both',
          approvers: [
            { type: 'TEAM', teamKey: 'security' },
            { type: 'TEAM', teamKey: 'two' },
          ],
        },
      ],
      [['team-security', 'team-two']],
    ],
    [
      'a team nobody in which can act still names it, its stage fallen back to the identity team',
      [{ name: 'Idle', approvers: [{ type: 'TEAM', teamKey: 'idle' }] }],
      [['team-idle']],
    ],
    [
      'a team that does not exist is not named',
      [{ name: 'Gone', approvers: [{ type: 'TEAM', teamKey: 'gone' }] }],
      [[]],
    ],
  ])('%s', (_name, policy, expected) => {
    const result = resolveApprovalChain(stages(...policy), base);
    expect(result.ok && result.stages.map((s) => s.teamIds)).toEqual(expected);
  });

  it('falls back to the identity team when nobody in the team can act', () => {
    const result = resolveApprovalChain(
      stages({ name: 'Idle', approvers: [{ type: 'TEAM', teamKey: 'idle' }] }),
      base,
    );
    expect(result.ok && result.stages[0]?.approvers).toEqual([
      { identityId: 'admin1', reason: 'FALLBACK_ADMIN' },
    ]);
  });

  it('carries the timing of each stage', () => {
    const result = resolveApprovalChain(stages({ ...manager, slaHours: 48, reminderHours: 24 }), base);
    expect(result.ok && result.stages[0]).toMatchObject({ slaHours: 48, reminderHours: 24 });
  });
});

describe('ZApprovalPolicyStages', () => {
  it.each([
    ['no stages', [], 'stages'],
    ['a quorum of one', [{ ...security, quorum: 1 }], 'quorum'],
    ['a reminder after the escalation', [{ ...manager, slaHours: 24, reminderHours: 48 }], 'reminderHours'],
    ['a team without a key', [{ name: 'T', approvers: [{ type: 'TEAM', teamKey: '' }] }], 'approvers'],
  ])('refuses %s', (_name, value, field) => {
    const parsed = ZApprovalPolicyStages.safeParse(value);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain(field);
  });
});

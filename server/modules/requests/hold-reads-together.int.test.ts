import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAlone, readTogether, type TRead } from '@/server/db/read-together.ts';
import { chainFactsNow, requestItemsNow } from '@/server/modules/approvals/index.ts';
import { sodRulesReadNow } from '@/server/modules/sod/index.ts';
import {
  createApplication,
  createApprovalPolicy,
  createEntitlement,
  createIdentity,
  createRole,
  createSodRule,
  createTeam,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';

/*
 * The hold compares what its reads give inside the transaction (readTogether: one statement, each
 * part's rows as JSON) with what the plan's load functions gave (readAlone: Prisma's raw rows). The
 * two must agree on every column: a timestamp or int8 selected by one of these reads would come back
 * a Date or bigint alone and a string or number together, and every submission would differ from its
 * plan (three plans, then CONFLICT; docs/decisions/116). So each read goes through both on rows with
 * NULLs, a role beside an entitlement, an enabled SoD rule and a policy naming people and a team, and
 * both its rows and what it makes of them must be equal.
 */
let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

/** The same read, keeping the rows it was handed, each statement's sorted (their order is not compared). */
function keepingRows<T>(r: TRead<T>, kept: unknown[][]): TRead<T> {
  return {
    parts: r.parts,
    read: (rows) => {
      kept.push(...rows.map((part) => [...part].sort(byText)));
      return r.read(rows);
    },
  };
}
const byText = (a: unknown, b: unknown) => (textOf(a) < textOf(b) ? -1 : textOf(a) > textOf(b) ? 1 : 0);
const textOf = (x: unknown) => JSON.stringify(x, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));

/** Runs each read alone and all of them together; returns both sides' rows and results. */
async function bothWays<T extends readonly unknown[]>(reads: { [K in keyof T]: TRead<T[K]> }) {
  const aloneRows: unknown[][] = [];
  const alone: unknown[] = [];
  for (const r of reads) alone.push(await readAlone(t.prisma, keepingRows(r, aloneRows)));
  const togetherRows: unknown[][] = [];
  const together = await readTogether<readonly unknown[]>(
    t.prisma,
    reads.map((r) => keepingRows(r, togetherRows)),
  );
  return { aloneRows, togetherRows, alone, together: [...together] };
}

async function world() {
  const mark = await createIdentity(t.prisma, { firstName: 'Mark', department: null });
  const alice = await createIdentity(t.prisma, { firstName: 'Alice', managerId: mark.id });
  const ivy = await createIdentity(t.prisma, { firstName: 'Ivy', portalRoles: ['IDENTITY_ADMIN'] });
  const sam = await createIdentity(t.prisma, { firstName: 'Sam', status: 'SUSPENDED' });
  const team = await createTeam(t.prisma, { memberIds: [sam.id, ivy.id] });
  const policy = await createApprovalPolicy(t.prisma, {
    stages: [
      { name: 'Manager', approvers: [{ type: 'MANAGER' }], mode: 'ANY' },
      { name: 'Named', approvers: [{ type: 'PEOPLE', identityIds: [sam.id] }], mode: 'ALL' },
      { name: 'Team', approvers: [{ type: 'TEAM', teamKey: team.key }], mode: 'ANY' },
    ],
  });
  await createApprovalPolicy(t.prisma, {
    stages: [{ name: 'Manager', approvers: [{ type: 'MANAGER' }], mode: 'ANY' }],
    defaultForRisk: 'HIGH',
  });
  await t.prisma.autoApprovalRule.create({
    data: { name: 'Low risk', condition: { maxRisk: 'LOW', sameDepartmentAsOwner: true, departments: [] } },
  });
  const app = await createApplication(t.prisma, { ownerId: ivy.id });
  const bare = await createApplication(t.prisma);
  // NULLs: no owner, no policy, no longest duration; beside one with all of them.
  const ledger = await createEntitlement(t.prisma, bare.id, { risk: 'HIGH' });
  const payments = await createEntitlement(t.prisma, app.id, { ownerId: mark.id, maxDurationDays: 30 });
  await t.prisma.entitlement.update({ where: { id: payments.id }, data: { approvalPolicyId: policy.id } });
  const role = await createRole(t.prisma, { entitlementIds: [ledger.id, payments.id], ownerId: alice.id });
  const empty = await createRole(t.prisma, { entitlementIds: [] });
  await createSodRule(t.prisma, { sideA: [{ entitlementId: payments.id }], sideB: [{ roleId: role.id }] });
  await createSodRule(t.prisma, {
    sideA: [{ entitlementId: ledger.id }],
    sideB: [{ roleId: empty.id }],
    enabled: false,
  });
  const refs = [
    { kind: 'ENTITLEMENT' as const, id: ledger.id },
    { kind: 'ENTITLEMENT' as const, id: payments.id },
    { kind: 'ROLE' as const, id: role.id },
    { kind: 'ROLE' as const, id: empty.id },
  ];
  return { alice, refs };
}

describe('the hold reads together what the plan read alone', () => {
  it('gives the same rows and the same items, SoD rules and approvers’ facts', async () => {
    const { alice, refs } = await world();
    const items = [...(await readAlone(t.prisma, requestItemsNow(refs))).values()];
    expect(items).toHaveLength(4);

    const both = await bothWays([
      requestItemsNow(refs),
      sodRulesReadNow(refs),
      chainFactsNow({ requesterId: alice.id, beneficiaryId: alice.id, items }),
    ] as const);

    // Four statements: the entitlements, the roles, the SoD rules, the chain's facts; none empty.
    expect(both.aloneRows).toHaveLength(4);
    for (const rows of both.aloneRows) expect(rows.length).toBeGreaterThan(0);
    expect(both.togetherRows).toStrictEqual(both.aloneRows);
    expect(both.together).toStrictEqual(both.alone);
  });
});

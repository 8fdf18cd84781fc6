import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestSourceRecords } from '@/server/modules/lifecycle/index.ts';
import { addTeamMember } from '@/server/modules/teams/index.ts';
import {
  createApplication,
  createApprovalPolicy,
  createEntitlement,
  createIdentity,
  createTeam,
} from '@/server/seed/factories.ts';
import { createCountingContext, type TCountingContext } from '@/server/testing/count-statements.ts';
import { submitAccessRequests } from './submit-access-requests.ts';

/*
 * An HR batch of movers whose managers change moves their pending manager steps in a fixed number of
 * statements (docs/decisions/112, "Pending steps follow their approvers"): one read finds the
 * requests of all of them, and the writes are one per kind, not one per person.
 */
let t: TCountingContext;
let hr: string;
let seq = 0;
beforeAll(async () => {
  t = await createCountingContext();
  hr = (
    await t.prisma.identitySource.create({
      data: { key: 'hr-follow-count', name: 'HR', kind: 'HR_CSV', precedence: 10 },
    })
  ).id;
});
afterAll(async () => {
  await t?.close();
});

/** `n` people, each with a pending request their manager approves, and a new manager for each. */
async function movers(n: number) {
  const app = await createApplication(t.prisma, {
    config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
  });
  const item = await createEntitlement(t.prisma, app.id);
  const people = [];
  for (let i = 0; i < n; i++) {
    const old = await createIdentity(t.prisma, { firstName: 'Old' });
    const next = await createIdentity(t.prisma, { firstName: 'New' });
    const person = await createIdentity(t.prisma, { managerId: old.id, employeeNumber: `FC-${++seq}` });
    await submitAccessRequests(
      t.prisma,
      await t.actor(person.id),
      { items: [{ kind: 'ENTITLEMENT', id: item.id }], justification: 'Month-end close' },
      { queue: t.queue },
    );
    people.push({ person, next });
  }
  return people;
}

const move = (people: Awaited<ReturnType<typeof movers>>) =>
  t.counter.count((db) =>
    ingestSourceRecords(
      db,
      { id: hr, origin: 'HR_CSV' },
      people.map(({ person, next }) => ({
        externalId: person.employeeNumber!,
        employeeNumber: person.employeeNumber!,
        managerIdentityId: next.id,
      })),
      { queue: t.queue },
    ),
  );

describe('movers’ pending steps follow them in one read', () => {
  it('costs the same statements for 2 movers as for 6', async () => {
    const two = await movers(2);
    const six = await movers(6);
    const small = await move(two);
    const large = await move(six);
    for (const { person, next } of [...two, ...six]) {
      const steps = await t.prisma.approvalStep.findMany({
        where: { request: { beneficiaryId: person.id }, status: 'PENDING' },
        select: { approverId: true },
      });
      expect(steps.map((s) => s.approverId)).toEqual([next.id]);
    }
    // The read that finds the movers' requests, once per batch.
    const finds = (texts: string[]) => texts.filter((q) => q.includes('"teamIds" &&')).length;
    expect(finds(small.texts)).toBe(1);
    expect(finds(large.texts)).toBe(1);
    // 42 statements for either batch; 27 before the steps followed (docs/decisions/112).
    expect(large.statements).toBe(small.statements);
  });
});

/** A team of one, `n` pending requests whose one stage asks it, and a newcomer who joins it. */
async function teamAskedBy(n: number) {
  const member = await createIdentity(t.prisma, { firstName: 'Member' });
  const team = await createTeam(t.prisma, { memberIds: [member.id] });
  const app = await createApplication(t.prisma, {
    config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
  });
  const policy = await createApprovalPolicy(t.prisma, {
    name: 'Team review',
    stages: [{ name: 'Team review', approvers: [{ type: 'TEAM', teamKey: team.key }], mode: 'ANY' }],
  });
  const item = await createEntitlement(t.prisma, app.id);
  await t.prisma.entitlement.update({ where: { id: item.id }, data: { approvalPolicyId: policy.id } });
  for (let i = 0; i < n; i++) {
    const requester = await createIdentity(t.prisma);
    await submitAccessRequests(
      t.prisma,
      await t.actor(requester.id),
      { items: [{ kind: 'ENTITLEMENT', id: item.id }], justification: 'Month-end close' },
      { queue: t.queue },
    );
  }
  const newcomer = await createIdentity(t.prisma, { firstName: 'Newcomer' });
  const admin = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
  return { team, newcomer, actor: await t.actor(admin.id) };
}

describe("a team's new member is asked in its pending stages in one read", () => {
  it('costs the same statements for 2 pending requests as for 6 (docs/decisions/112, stop 39)', async () => {
    const two = await teamAskedBy(2);
    const six = await teamAskedBy(6);
    const join = (w: Awaited<ReturnType<typeof teamAskedBy>>) =>
      t.counter.count((db) =>
        addTeamMember(db, w.actor, { teamId: w.team.id, identityId: w.newcomer.id }, { queue: t.queue }),
      );
    const small = await join(two);
    const large = await join(six);
    for (const [w, n] of [
      [two, 2],
      [six, 6],
    ] as const)
      expect(
        await t.prisma.approvalStep.count({ where: { approverId: w.newcomer.id, status: 'PENDING' } }),
      ).toBe(n);
    expect(large.statements).toBe(small.statements);
  });
});

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMigrations } from '@/server/db/migrate.ts';
import { addTeamMember, removeTeamMember } from '@/server/modules/teams/index.ts';
import {
  createApplication,
  createApprovalPolicy,
  createEntitlement,
  createIdentity,
  createRole,
  createTeam,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { submitAccessRequests } from './submit-access-requests.ts';

/*
 * A team's member change follows exactly the stages drawn from that team (docs/decisions/112,
 * stop 39): ApprovalStage.teamIds names them, a stage that fell back to the identity admins for want
 * of an active member included; a stage drawn from another team is not touched, whoever it asked.
 */
let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

const person = (firstName: string, o: { admin?: boolean } = {}) =>
  createIdentity(t.prisma, { firstName, ...(o.admin ? { portalRoles: ['IDENTITY_ADMIN' as const] } : {}) });

/** An entitlement whose policy asks these teams, one stage each, named after the team. */
async function itemAsking(...teams: Array<{ key: string; name: string }>) {
  const app = await createApplication(t.prisma, {
    config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
  });
  const policy = await createApprovalPolicy(t.prisma, {
    name: 'Ledger',
    stages: teams.map((team) => ({
      name: `${team.name} review`,
      approvers: [{ type: 'TEAM', teamKey: team.key }],
      mode: 'ANY',
    })),
  });
  const item = await createEntitlement(t.prisma, app.id, { name: 'Ledger' });
  await t.prisma.entitlement.update({ where: { id: item.id }, data: { approvalPolicyId: policy.id } });
  return { item, policy };
}

const submit = async (requesterId: string, entitlementId: string) =>
  (
    await submitAccessRequests(
      t.prisma,
      await t.actor(requesterId),
      { items: [{ kind: 'ENTITLEMENT', id: entitlementId }], justification: 'Month-end close' },
      { queue: t.queue },
    )
  ).requests[0]!.id;

const pendingApprovers = async (requestId: string) =>
  (
    await t.prisma.approvalStep.findMany({
      where: { requestId, status: 'PENDING' },
      select: { approverId: true },
      orderBy: { approverId: 'asc' },
    })
  ).map((s) => s.approverId);

const reassignedEvents = (requestId: string) =>
  t.prisma.auditEvent.findMany({
    where: { action: 'approval.reassigned', metadata: { path: ['requestId'], equals: requestId } },
    select: { metadata: true },
  });

const stageTeams = async (requestId: string) =>
  (
    await t.prisma.approvalStage.findMany({
      where: { requestId },
      orderBy: { position: 'asc' },
      select: { teamIds: true },
    })
  ).map((s) => [...s.teamIds].sort());

describe("a team's change follows only the stages drawn from it", () => {
  it('leaves a request whose stage was drawn from another team untouched, a shared member included', async () => {
    const mark = await person('Mark');
    const carl = await person('Carl');
    const pat = await person('Pat');
    const nina = await person('Nina');
    const dana = await person('Dana');
    const alice = await person('Alice');
    const admin = await t.actor((await person('Ivy', { admin: true })).id);
    const a = await createTeam(t.prisma, { memberIds: [mark.id, pat.id] });
    const b = await createTeam(t.prisma, { memberIds: [mark.id, carl.id] });
    const { item } = await itemAsking(b);
    const requestId = await submit(alice.id, item.id);
    expect(await stageTeams(requestId)).toEqual([[b.id]]);
    // Dana joins B without the follow (arranged), so following B's stage would show: it would ask her.
    await t.prisma.teamMember.create({ data: { teamId: b.id, identityId: dana.id } });

    await addTeamMember(t.prisma, admin, { teamId: a.id, identityId: nina.id }, { queue: t.queue });
    // Mark leaves A and is still in B: his step in B's stage stays his.
    await removeTeamMember(t.prisma, admin, { teamId: a.id, identityId: mark.id }, { queue: t.queue });

    expect(await pendingApprovers(requestId)).toEqual([mark.id, carl.id].sort());
    expect(await reassignedEvents(requestId)).toEqual([]);
  });

  it('asks a team’s first active member in a stage that fell back to the identity admins', async () => {
    const alice = await person('Alice');
    const nina = await person('Nina');
    const ivy = await person('Ivy', { admin: true });
    const team = await createTeam(t.prisma, { memberIds: [] });
    const { item } = await itemAsking(team);
    const requestId = await submit(alice.id, item.id);
    const admins = await pendingApprovers(requestId);
    expect(admins).toContain(ivy.id);
    const steps = await t.prisma.approvalStep.findMany({ where: { requestId } });
    expect(new Set(steps.map((s) => s.reason))).toEqual(new Set(['FALLBACK_ADMIN']));
    expect(await stageTeams(requestId)).toEqual([[team.id]]);

    await addTeamMember(
      t.prisma,
      await t.actor(ivy.id),
      { teamId: team.id, identityId: nina.id },
      { queue: t.queue },
    );

    expect(await pendingApprovers(requestId)).toEqual([nina.id]);
    expect(
      await t.prisma.approvalStep.findFirstOrThrow({ where: { requestId, approverId: nina.id } }),
    ).toMatchObject({ reason: 'TEAM', status: 'PENDING' });
    // One admin's seat is given to Nina in place, the others' are cancelled (kept), in one event.
    const [event, ...more] = await reassignedEvents(requestId);
    expect(more).toEqual([]);
    const moves = (
      event!.metadata as { cause: string; reassignments: Array<{ from: string; to: string | null }> }
    ).reassignments;
    expect((event!.metadata as { cause: string }).cause).toBe('TEAM');
    expect(moves.filter((m) => m.to === nina.id)).toHaveLength(1);
    expect(moves.map((m) => m.from).sort()).toEqual(admins);
    expect(
      await t.prisma.notification.count({ where: { recipientId: nina.id, kind: 'approval.assigned' } }),
    ).toBe(1);
  });
});

describe('a stage whose policy switched teams (mend of stop 39)', () => {
  /** The policy's one stage now asks this team instead (edited without the redraw: arranged). */
  const switchTo = (policyId: string, team: { key: string; name: string }, name: string) =>
    t.prisma.approvalPolicy.update({
      where: { id: policyId },
      data: { stages: [{ name, approvers: [{ type: 'TEAM', teamKey: team.key }], mode: 'ANY' }] },
    });

  it('names its new team once a follow moved its steps, so a member who leaves that team loses his step', async () => {
    const xena = await person('Xena');
    const mark = await person('Mark');
    const nina = await person('Nina');
    const olga = await person('Olga');
    const alice = await person('Alice');
    const admin = await t.actor((await person('Ivy', { admin: true })).id);
    const x = await createTeam(t.prisma, { memberIds: [xena.id] });
    const y = await createTeam(t.prisma, { memberIds: [mark.id, nina.id] });
    const { item, policy } = await itemAsking(x);
    const requestId = await submit(alice.id, item.id);
    await switchTo(policy.id, y, `${x.name} review`);
    // X's change follows the stage drawn from X: the chain now asks Y's members there.
    await addTeamMember(t.prisma, admin, { teamId: x.id, identityId: olga.id }, { queue: t.queue });
    expect(await pendingApprovers(requestId)).toEqual([mark.id, nina.id].sort());
    expect(await stageTeams(requestId)).toEqual([[y.id]]);

    await removeTeamMember(t.prisma, admin, { teamId: y.id, identityId: mark.id }, { queue: t.queue });

    expect(await pendingApprovers(requestId)).toEqual([nina.id]);
  });

  it('is found by the leaving member’s own step while its teamIds is stale', async () => {
    const mark = await person('Mark');
    const nina = await person('Nina');
    const alice = await person('Alice');
    const admin = await t.actor((await person('Ivy', { admin: true })).id);
    const x = await createTeam(t.prisma, { memberIds: [] });
    const y = await createTeam(t.prisma, { memberIds: [mark.id, nina.id] });
    const { item } = await itemAsking(y);
    const requestId = await submit(alice.id, item.id);
    // As a follow before this mend left it: steps drawn from Y, the stage still naming X.
    await t.prisma.approvalStage.updateMany({ where: { requestId }, data: { teamIds: [x.id] } });

    await removeTeamMember(t.prisma, admin, { teamId: y.id, identityId: mark.id }, { queue: t.queue });

    expect(await pendingApprovers(requestId)).toEqual([nina.id]);
    expect(await stageTeams(requestId)).toEqual([[y.id]]);
  });
});

describe('the migration backfills the open stages', () => {
  /**
   * Runs the migration again on this database, as the owner: its column dropped first, then its SQL
   * and its correction (of its roles' policy, mend of stop 39), in name order. Only those two: other
   * migrations after it are not written to run twice.
   */
  async function migrateAgain() {
    const own = readMigrations().filter((m) => m.name.includes('_approval_stage_team_ids'));
    expect(own.map((m) => m.name.replace(/^\d+_/, ''))).toEqual([
      'approval_stage_team_ids',
      'approval_stage_team_ids_role_risk',
    ]);
    const client = new pg.Client({ connectionString: t.ownerUrl });
    await client.connect();
    try {
      await client.query('ALTER TABLE "ApprovalStage" DROP COLUMN "teamIds"');
      for (const migration of own) await client.query(migration.sql);
    } finally {
      await client.end();
    }
  }

  it('from the policy stage of its name, a fallen-back stage included, else from its TEAM approvers', async () => {
    const mark = await person('Mark');
    const pat = await person('Pat');
    const alice = await person('Alice');
    const bob = await person('Bob');
    await person('Ivy', { admin: true });
    const finance = await createTeam(t.prisma, { memberIds: [mark.id, pat.id] });
    const idle = await createTeam(t.prisma, { memberIds: [] });
    const other = await createTeam(t.prisma, { memberIds: [mark.id] });
    const two = await itemAsking(finance, idle);
    const renamed = await itemAsking(finance);
    const both = await submit(alice.id, two.item.id);
    const drifted = await submit(bob.id, renamed.item.id);
    // The policy's stage renamed since the submission: the stage's name no longer finds it.
    await t.prisma.approvalPolicy.update({
      where: { id: renamed.policy.id },
      data: {
        stages: [{ name: 'Ledger review', approvers: [{ type: 'TEAM', teamKey: finance.key }], mode: 'ANY' }],
      },
    });

    await migrateAgain();

    expect(await stageTeams(both)).toEqual([[finance.id], [idle.id]]);
    // Inexact: every team its TEAM approvers are in now (Mark is in two).
    expect(await stageTeams(drifted)).toEqual([[finance.id, other.id].sort()]);
  });

  it("chooses a role's default policy by its effective risk, its riskiest entitlement's", async () => {
    const lou = await person('Lou');
    const hal = await person('Hal');
    const alice = await person('Alice');
    const low = await createTeam(t.prisma, { memberIds: [lou.id] });
    const high = await createTeam(t.prisma, { memberIds: [hal.id] });
    // The two defaults have a stage of the same name, so the role's own risk would find a stage.
    await t.prisma.approvalPolicy.updateMany({
      where: { defaultForRisk: { in: ['LOW', 'HIGH'] } },
      data: { defaultForRisk: null },
    });
    for (const [risk, team] of [
      ['LOW', low],
      ['HIGH', high],
    ] as const)
      await createApprovalPolicy(t.prisma, {
        name: `Default ${risk}`,
        defaultForRisk: risk,
        stages: [{ name: 'Team review', approvers: [{ type: 'TEAM', teamKey: team.key }], mode: 'ANY' }],
      });
    const app = await createApplication(t.prisma, {
      config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
    });
    const payroll = await createEntitlement(t.prisma, app.id, { name: 'Payroll', risk: 'HIGH' });
    const role = await createRole(t.prisma, { entitlementIds: [payroll.id], risk: 'LOW' });
    const requestId = (
      await submitAccessRequests(
        t.prisma,
        await t.actor(alice.id),
        { items: [{ kind: 'ROLE', id: role.id }], justification: 'Month-end close' },
        { queue: t.queue },
      )
    ).requests[0]!.id;
    expect(await pendingApprovers(requestId)).toEqual([hal.id]);
    expect(await stageTeams(requestId)).toEqual([[high.id]]);

    await migrateAgain();

    expect(await stageTeams(requestId)).toEqual([[high.id]]);
  });
});

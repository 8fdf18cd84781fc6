import type { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveApplication } from '@/server/modules/applications/index.ts';
import { saveApprovalPolicy, saveAutoApprovalRule } from '@/server/modules/approvals/index.ts';
import { saveEntitlement, type TSaveEntitlement, saveRole } from '@/server/modules/catalog/index.ts';
import { recordSignIn, signOut } from '@/server/modules/identities/index.ts';
import { saveSodRule } from '@/server/modules/sod/index.ts';
import {
  createApplication,
  createEntitlement,
  createIdentity,
  createSodRule,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { formatChange } from './audit-changes.ts';
import { describeAuditPage } from './list-audit-log.ts';

let t: TTestContext;
let ivy: { id: string; displayName: string };
beforeAll(async () => {
  t = await createTestContext();
  ivy = await createIdentity(t.prisma, {
    firstName: 'Ivy',
    lastName: 'Chen',
    portalRoles: ['IDENTITY_ADMIN'],
  });
});
afterAll(async () => {
  await t?.close();
});

const errorOf = async (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as TRPCError,
  );

/** The latest event about an object, as the audit log tells it. */
async function latest(entityId: string) {
  const row = await t.prisma.auditEvent.findFirstOrThrow({ where: { entityId }, orderBy: { id: 'desc' } });
  const [entry] = await describeAuditPage(t.prisma, [
    { ...row, id: String(row.id), subjectId: row.subjectId, actorId: row.actorId },
  ]);
  return { row, sentence: entry!.sentence, changes: entry!.changes.map(formatChange) };
}

describe('sign-in, sign-out and refused attempts', () => {
  it('records a sign-in with its method and a sign-out, for the person themselves; nothing for someone who may not act', async () => {
    const bob = await createIdentity(t.prisma, { firstName: 'Bob', lastName: 'Schmidt' });
    await recordSignIn(t.prisma, { identityId: bob.id, sessionVersion: 0, method: 'demo' });
    const signedIn = await latest(bob.id);
    expect(signedIn.row).toMatchObject({
      action: 'session.signed_in',
      actorType: 'USER',
      actorId: bob.id,
      subjectId: bob.id,
      entityType: 'Identity',
      metadata: { method: 'demo' },
    });
    expect(signedIn.sentence).toBe('Bob Schmidt signed in as a demo persona');

    await signOut(t.prisma, bob.id, 0);
    const signedOut = await latest(bob.id);
    expect(signedOut.row).toMatchObject({ action: 'session.signed_out', actorId: bob.id, subjectId: bob.id });
    expect(signedOut.sentence).toBe('Bob Schmidt signed out');

    const leaver = await createIdentity(t.prisma, { status: 'TERMINATED' });
    await recordSignIn(t.prisma, { identityId: leaver.id, sessionVersion: 0, method: 'oidc' });
    expect(await t.prisma.auditEvent.count({ where: { actorId: leaver.id } })).toBe(0);
  });

  it('a refusal inside a transaction that rolls back is still recorded, once, with what was asked', async () => {
    const [alice, eve] = await Promise.all([createIdentity(t.prisma), createIdentity(t.prisma)]);
    const app = await createApplication(t.prisma);
    const ent = await createEntitlement(t.prisma, app.id);
    const request = await t.prisma.accessRequest.create({
      data: {
        batchId: crypto.randomUUID(),
        requesterId: alice.id,
        beneficiaryId: alice.id,
        entitlementId: ent.id,
        justification: 'Month-end close',
      },
    });
    const error = await errorOf((await t.callerFor(eve.id)).requests.cancel({ requestId: request.id }));
    expect(error?.code).toBe('FORBIDDEN');
    expect(await t.prisma.accessRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      status: 'PENDING',
    });
    const rows = await t.prisma.auditEvent.findMany({ where: { actorId: eve.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'access.refused',
      entityType: 'Procedure',
      entityId: 'requests.cancel',
      metadata: {
        procedure: 'requests.cancel',
        permission: null,
        code: 'FORBIDDEN',
        reason: 'Only the requester can cancel a request',
      },
    });
  });

  it('a self-approval refused is one row: the approval’s own record, not a second refusal', async () => {
    const mark = await createIdentity(t.prisma);
    const app = await createApplication(t.prisma);
    const ent = await createEntitlement(t.prisma, app.id);
    const request = await t.prisma.accessRequest.create({
      data: {
        batchId: crypto.randomUUID(),
        requesterId: mark.id,
        beneficiaryId: mark.id,
        entitlementId: ent.id,
        justification: 'Month-end close',
      },
    });
    const stage = await t.prisma.approvalStage.create({
      data: { requestId: request.id, position: 1, name: 'Manager', status: 'PENDING' },
    });
    const step = await t.prisma.approvalStep.create({
      data: { stageId: stage.id, requestId: request.id, approverId: mark.id, reason: 'MANAGER' },
    });
    expect(
      (await errorOf((await t.callerFor(mark.id)).approvals.decide({ stepId: step.id, decision: 'APPROVE' })))
        ?.code,
    ).toBe('FORBIDDEN');
    const rows = await t.prisma.auditEvent.findMany({ where: { actorId: mark.id } });
    expect(rows.map((r) => r.action)).toEqual(['approval.self_approval_refused']);
    expect(rows[0]!.metadata).toMatchObject({ requestId: request.id, applicationId: app.id });
  });
  it('a self-decision refused elsewhere (mitigating one’s own conflict) is recorded as a refusal', async () => {
    const sol = await createIdentity(t.prisma, { portalRoles: ['SECURITY_OFFICER'] });
    const app = await createApplication(t.prisma);
    const [pay, approve] = [
      await createEntitlement(t.prisma, app.id),
      await createEntitlement(t.prisma, app.id),
    ];
    const rule = await createSodRule(t.prisma, {
      sideA: [{ entitlementId: pay.id }],
      sideB: [{ entitlementId: approve.id }],
      severity: 'MITIGATABLE',
    });
    const refused = await errorOf(
      (await t.callerFor(sol.id)).sod.recordMitigation({
        ruleId: rule.id,
        identityId: sol.id,
        control: 'I check my own payments',
        expiresAt: new Date(Date.now() + 30 * 86_400_000),
      }),
    );
    expect(refused?.code).toBe('FORBIDDEN');
    expect(await t.prisma.sodMitigation.count({ where: { identityId: sol.id } })).toBe(0);
    const rows = await t.prisma.auditEvent.findMany({ where: { actorId: sol.id } });
    expect(rows.map((r) => [r.action, r.entityId])).toEqual([['access.refused', 'sod.recordMitigation']]);
    expect(rows[0]!.metadata).toMatchObject({
      code: 'SELF_APPROVAL',
      reason: 'You cannot mitigate a conflict of your own: another security officer decides it',
    });
  });
});

describe('admin saves record every attribute they change, and only what changed', () => {
  it('an entitlement: a target ID change shows (it was logged with identical before and after)', async () => {
    const actor = await t.actor(ivy.id);
    const mark = await createIdentity(t.prisma, { firstName: 'Mark', lastName: 'Oduya' });
    // Fulfilled by hand: no directory to look the target IDs up in (catalog's own tests do that).
    const app = await createApplication(t.prisma, { name: 'Corporate Directory', connectorType: 'MANUAL' });
    const deps = { secretKey: t.secretKey(), queue: t.queue };
    const base: TSaveEntitlement = {
      applicationId: app.id,
      externalId: 'cn=fin-admins,ou=groups',
      name: 'Finance Admins',
      description: 'Admins',
      kind: 'GROUP',
      ownerId: null,
      risk: 'LOW',
      requestable: true,
      singleValued: false,
      maxDurationDays: null,
    };
    const { id } = await saveEntitlement(t.prisma, actor, base, deps);
    expect((await latest(id)).sentence).toBe(
      'Ivy Chen added the entitlement “Finance Admins” to Corporate Directory',
    );

    await saveEntitlement(t.prisma, actor, { ...base, id, externalId: 'cn=finance-admins,ou=groups' }, deps);
    const moved = await latest(id);
    expect(moved.row.before).toMatchObject({ externalId: 'cn=fin-admins,ou=groups' });
    expect(moved.row.after).toMatchObject({ externalId: 'cn=finance-admins,ou=groups' });
    expect(moved.row.metadata).toEqual({ applicationId: app.id });
    expect(moved.changes).toEqual(['Target ID: cn=fin-admins,ou=groups → cn=finance-admins,ou=groups']);

    const edited = {
      ...base,
      id,
      externalId: 'cn=finance-admins,ou=groups',
      description: 'Post journals',
      kind: 'PERMISSION_SET' as const,
      singleValued: true,
      ownerId: mark.id,
      maxDurationDays: 30,
    };
    await saveEntitlement(t.prisma, actor, edited, deps);
    expect((await latest(id)).changes).toEqual([
      'Description: Admins → Post journals',
      'Kind: Group → Permission set',
      'Owner: — → Mark Oduya',
      'One at a time: No → Yes',
      'Longest access (days): — → 30',
    ]);

    await saveEntitlement(t.prisma, actor, edited, deps);
    expect((await latest(id)).changes).toEqual([]);
  });

  it('a role: every attribute, and its entitlements by name whatever their order', async () => {
    const actor = await t.actor(ivy.id);
    const app = await createApplication(t.prisma);
    const [a, b] = await Promise.all([
      createEntitlement(t.prisma, app.id, { name: 'Ledger' }),
      createEntitlement(t.prisma, app.id, { name: 'Payments' }),
    ]);
    const base = {
      key: 'finance-starter',
      name: 'Finance starter',
      description: '',
      ownerId: null,
      risk: 'LOW' as const,
      requestable: true,
      maxDurationDays: null,
      entitlementIds: [a.id, b.id],
    };
    const { id } = await saveRole(t.prisma, actor, base, { queue: t.queue });
    await saveRole(t.prisma, actor, { ...base, id, entitlementIds: [b.id, a.id] }, { queue: t.queue });
    expect((await latest(id)).changes).toEqual([]);
    await saveRole(
      t.prisma,
      actor,
      {
        ...base,
        id,
        description: 'For new joiners',
        risk: 'MEDIUM',
        requestable: false,
        entitlementIds: [b.id],
      },
      { queue: t.queue },
    );
    expect((await latest(id)).changes).toEqual([
      'Description: — → For new joiners',
      'Risk: Low → Medium',
      'Requestable: Yes → No',
      'Entitlements: Ledger, Payments → Payments',
    ]);
  });

  it('an application: its name, owner and settings, never its secrets', async () => {
    const actor = await t.actor(ivy.id);
    const fiona = await createIdentity(t.prisma, { firstName: 'Fiona', lastName: 'Byrne' });
    const base = {
      key: 'badges',
      name: 'Badges',
      description: '',
      connectorType: 'SCIM' as const,
      config: { baseUrl: 'https://scim.example.test/v2', auth: { type: 'bearer' } },
      secrets: { token: 'first-token' },
      onDelete: 'DISABLE' as const,
      onDeleteAttributes: {},
      attributeMapping: {},
      accountRules: {},
      concurrency: 4,
      enabled: true,
      ownerId: null,
      fulfilmentTeamId: null,
    };
    const { id } = await saveApplication(t.prisma, actor, base, { queue: t.queue, secretKey: t.secretKey() });
    await saveApplication(
      t.prisma,
      actor,
      { ...base, id, name: 'Badge system', ownerId: fiona.id, concurrency: 2, secrets: {} },
      { queue: t.queue, secretKey: t.secretKey() },
    );
    const saved = await latest(id);
    expect(saved.sentence).toBe('Ivy Chen changed the application “Badge system”');
    expect(saved.changes).toEqual([
      'Name: Badges → Badge system',
      'Owner: — → Fiona Byrne',
      'Changes at a time: 4 → 2',
    ]);
    expect(JSON.stringify([saved.row.before, saved.row.after, saved.row.metadata])).not.toContain(
      'first-token',
    );
  });

  it('an approval policy, an auto-approval rule and an SoD rule saved unchanged show no change', async () => {
    const actor = await t.actor(ivy.id);
    const policy = {
      key: 'finance',
      name: 'Finance',
      description: 'Two steps',
      defaultForRisk: null,
      stages: [
        { name: 'Manager', approvers: [{ type: 'MANAGER' as const }], mode: 'ANY' as const, quorum: 1 },
      ],
    };
    const { id: policyId } = await saveApprovalPolicy(t.prisma, actor, policy);
    await saveApprovalPolicy(t.prisma, actor, { ...policy, id: policyId });
    expect((await latest(policyId)).changes).toEqual([]);
    await saveApprovalPolicy(t.prisma, actor, { ...policy, id: policyId, description: 'One step' });
    expect((await latest(policyId)).changes).toEqual(['Description: Two steps → One step']);

    const rule = {
      name: 'Low risk',
      description: 'Cheap things',
      enabled: true,
      condition: {
        maxRisk: 'LOW' as const,
        sameDepartmentAsOwner: false,
        departments: [],
        employmentTypes: [],
        itemKinds: [],
      },
    };
    const { id: ruleId } = await saveAutoApprovalRule(t.prisma, actor, rule);
    await saveAutoApprovalRule(t.prisma, actor, { ...rule, id: ruleId });
    expect((await latest(ruleId)).changes).toEqual([]);

    const app = await createApplication(t.prisma);
    const [ap, pay, gl] = await Promise.all([
      createEntitlement(t.prisma, app.id, { name: 'AP' }),
      createEntitlement(t.prisma, app.id, { name: 'Payments' }),
      createEntitlement(t.prisma, app.id, { name: 'Ledger' }),
    ]);
    const sod = {
      name: 'Pay and approve',
      description: '',
      severity: 'BLOCK' as const,
      enabled: true,
      sideA: [{ kind: 'ENTITLEMENT' as const, id: ap.id }],
      sideB: [{ kind: 'ENTITLEMENT' as const, id: pay.id }],
    };
    const { id: sodId } = await saveSodRule(t.prisma, actor, sod, { queue: t.queue });
    await saveSodRule(t.prisma, actor, { ...sod, id: sodId }, { queue: t.queue });
    expect((await latest(sodId)).changes).toEqual([]);
    await saveSodRule(
      t.prisma,
      actor,
      {
        ...sod,
        id: sodId,
        sideB: [
          { kind: 'ENTITLEMENT', id: pay.id },
          { kind: 'ENTITLEMENT', id: gl.id },
        ],
      },
      { queue: t.queue },
    );
    expect((await latest(sodId)).changes).toEqual(['Other side: Payments → Payments, Ledger']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication, createEntitlement, createIdentity } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { ingestSourceRecords } from './ingest-source-records.ts';
import { listAttributeConflicts } from './list-lifecycle-queues.ts';
import { resolveAttributeConflict } from './resolve-attribute-conflict.ts';
import { resolveCorrelationCase } from './resolve-correlation-case.ts';
import { listUnlisted } from '@/server/modules/sources/index.ts';
import { runLifecycleSweep } from './run-lifecycle-sweep.ts';

const DAY = 86_400_000;
let t: TTestContext;
let hr: string;
let idp: string;
let badge: string;
let allStaff: string;
let finance: string;
let ivy: Awaited<ReturnType<TTestContext['actor']>>;

beforeAll(async () => {
  t = await createTestContext();
  hr = (
    await t.prisma.identitySource.create({
      data: {
        key: 'hr',
        name: 'HR',
        kind: 'HR_CSV',
        precedence: 10,
        config: { attributePrecedence: { email: 50 }, moverRevokesRequestedAccessOn: ['department'] },
      },
    })
  ).id;
  idp = (
    await t.prisma.identitySource.create({
      data: {
        key: 'idp',
        name: 'IdP',
        kind: 'SCIM',
        precedence: 50,
        config: { attributePrecedence: { email: 5 } },
      },
    })
  ).id;
  badge = (
    await t.prisma.identitySource.create({
      data: { key: 'badge', name: 'Badges', kind: 'HR_DATABASE', precedence: 10 },
    })
  ).id;
  const app = await createApplication(t.prisma, {
    config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
  });
  allStaff = (await createEntitlement(t.prisma, app.id, { name: 'All Staff' })).id;
  finance = (await createEntitlement(t.prisma, app.id, { name: 'Finance Reporting' })).id;
  await t.prisma.birthrightRule.create({
    data: {
      name: 'Everyone',
      condition: { match: 'ALL', clauses: [] },
      grants: { create: [{ entitlementId: allStaff }] },
    },
  });
  await t.prisma.birthrightRule.create({
    data: {
      name: 'Finance',
      condition: { clauses: [{ attribute: 'department', op: 'equals', values: ['Finance'] }] },
      grants: { create: [{ entitlementId: finance }] },
    },
  });
  ivy = await t.actor(
    (await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'], employeeNumber: null })).id,
  );
});
afterAll(async () => {
  await t?.close();
});

const held = async (identityId: string) =>
  (
    await t.prisma.grant.findMany({
      where: { identityId, status: 'ACTIVE' },
      select: { entitlementId: true },
    })
  )
    .map((g) => g.entitlementId)
    .sort();
const ops = async (identityId: string) =>
  await t.prisma.provisioningOperation.findMany({
    where: { identityId },
    orderBy: { sequence: 'asc' },
    select: { kind: true, reason: true, payload: true },
  });

describe('several sources, one person', () => {
  it('HR owns department and title, the IdP owns email; a tie goes to the identity team until someone decides', async () => {
    const [joined] = await ingestSourceRecords(
      t.prisma,
      { id: hr, origin: 'HR_CSV' },
      [
        {
          externalId: 'E100',
          employeeNumber: 'E100',
          email: 'jo.hr@acme.test',
          firstName: 'Jo',
          lastName: 'Park',
          department: 'Finance',
          title: 'Analyst',
        },
      ],
      { queue: t.queue },
    );
    const id = joined!.identityId!;
    const [fromIdp] = await ingestSourceRecords(
      t.prisma,
      { id: idp, origin: 'SCIM' },
      [{ externalId: 'okta-1', employeeNumber: 'E100', email: 'jo@acme.test', department: 'Sales' }],
      { queue: t.queue },
    );
    expect(fromIdp).toMatchObject({ identityId: id, outcome: 'updated', events: [] });
    expect(await t.prisma.identity.findUniqueOrThrow({ where: { id } })).toMatchObject({
      email: 'jo@acme.test',
      department: 'Finance',
      title: 'Analyst',
    });

    // Badges ranks title like HR does, and disagrees.
    const [tie] = await ingestSourceRecords(
      t.prisma,
      { id: badge, origin: 'HR_DATABASE' },
      [{ externalId: 'B-7', employeeNumber: 'E100', title: 'Senior Analyst' }],
      { queue: t.queue },
    );
    expect(tie?.conflicts).toEqual(['title']);
    expect((await t.prisma.identity.findUniqueOrThrow({ where: { id } })).title).toBe('Analyst');
    await ingestSourceRecords(
      t.prisma,
      { id: hr, origin: 'HR_CSV' },
      [{ externalId: 'E100', title: 'Analyst', costCenter: 'CC-1' }],
      { queue: t.queue },
    );
    const open = await t.prisma.attributeConflict.findMany({ where: { identityId: id, status: 'OPEN' } });
    expect(open).toHaveLength(1);

    // Jo, in the identity team too, may not settle a tie on her own record (as she may not edit it).
    await t.prisma.identityPortalRole.create({ data: { identityId: id, role: 'IDENTITY_ADMIN' } });
    await expect(
      resolveAttributeConflict(
        t.prisma,
        await t.actor(id),
        { conflictId: open[0]!.id, sourceId: badge },
        { queue: t.queue },
      ),
    ).rejects.toMatchObject({ code: 'SELF_APPROVAL' });
    expect(await t.prisma.attributeConflict.count({ where: { identityId: id, status: 'OPEN' } })).toBe(1);
    expect((await t.prisma.identity.findUniqueOrThrow({ where: { id } })).title).toBe('Analyst');

    await resolveAttributeConflict(
      t.prisma,
      ivy,
      { conflictId: open[0]!.id, sourceId: badge },
      { queue: t.queue },
    );
    expect((await t.prisma.identity.findUniqueOrThrow({ where: { id } })).title).toBe('Senior Analyst');
    // HR says the same again: the decision holds, nothing is queued again.
    await ingestSourceRecords(
      t.prisma,
      { id: hr, origin: 'HR_CSV' },
      [{ externalId: 'E100', costCenter: 'CC-2' }],
      { queue: t.queue },
    );
    expect((await t.prisma.identity.findUniqueOrThrow({ where: { id } })).title).toBe('Senior Analyst');
    expect(await t.prisma.attributeConflict.count({ where: { identityId: id, status: 'OPEN' } })).toBe(0);
  });

  it('shows the identity team the current value of any attribute in a tie, names included', async () => {
    const [joined] = await ingestSourceRecords(
      t.prisma,
      { id: hr, origin: 'HR_CSV' },
      [
        {
          externalId: 'E200',
          employeeNumber: 'E200',
          email: 'kim@acme.test',
          firstName: 'Kim',
          lastName: 'Lee',
          department: 'Sales',
        },
      ],
      { queue: t.queue },
    );
    await ingestSourceRecords(
      t.prisma,
      { id: badge, origin: 'HR_DATABASE' },
      [{ externalId: 'B-8', employeeNumber: 'E200', firstName: 'Kimberly' }],
      { queue: t.queue },
    );
    const listed = (await listAttributeConflicts(t.prisma, { status: 'OPEN', limit: 50 })).filter(
      (c) => c.person.id === joined!.identityId,
    );
    expect(listed.map((c) => [c.attribute, c.current])).toEqual([['firstName', 'Kim']]);
  });
});

describe('joiner, mover, leaver, rehire', () => {
  it('a mover loses the old birthright and, when the source says so, requested access; a rehire comes back with birthright only', async () => {
    const [j] = await ingestSourceRecords(
      t.prisma,
      { id: hr, origin: 'HR_CSV' },
      [
        {
          externalId: 'E200',
          employeeNumber: 'E200',
          firstName: 'Mo',
          lastName: 'Ver',
          email: 'mo@acme.test',
          department: 'Finance',
        },
      ],
      { queue: t.queue },
    );
    const id = j!.identityId!;
    const requested = await t.prisma.grant.create({
      data: { identityId: id, entitlementId: allStaff, source: 'REQUEST', sourceRef: 'r1' },
    });
    const [m] = await ingestSourceRecords(
      t.prisma,
      { id: hr, origin: 'HR_CSV' },
      [{ externalId: 'E200', department: 'Sales' }],
      { queue: t.queue },
    );
    expect(m?.events).toEqual(['MOVER']);
    expect(await held(id)).toEqual([allStaff]);
    expect(await t.prisma.grant.findUniqueOrThrow({ where: { id: requested.id } })).toMatchObject({
      status: 'REVOKED',
      revokeReason: 'Mover: department changed',
    });

    const [l] = await ingestSourceRecords(
      t.prisma,
      { id: hr, origin: 'HR_CSV' },
      [{ externalId: 'E200', status: 'TERMINATED' }],
      { queue: t.queue },
    );
    expect(l?.events).toEqual(['LEAVER']);
    expect(await t.prisma.identity.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'TERMINATED',
      sessionVersion: 1,
    });
    expect((await ops(id)).at(-1)).toMatchObject({ kind: 'DISABLE_ACCOUNT', reason: 'LEAVER' });

    const [r] = await ingestSourceRecords(
      t.prisma,
      { id: hr, origin: 'HR_CSV' },
      [{ externalId: 'E200', status: 'ACTIVE', department: 'Finance' }],
      { queue: t.queue },
    );
    expect(r?.events).toEqual(['REHIRE', 'MOVER']);
    expect(await t.prisma.identity.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'ACTIVE',
      terminatedAt: null,
    });
    expect(await held(id)).toEqual([allStaff, finance].sort());
    expect((await ops(id)).at(-3)).toMatchObject({ kind: 'ENABLE_ACCOUNT', reason: 'REHIRE' });
  });

  it('pre-hires get accounts created disabled inside the lead window, enabled on their start date; end dates make leavers', async () => {
    const now = new Date();
    const [far, near] = await ingestSourceRecords(
      t.prisma,
      { id: hr, origin: 'HR_CSV' },
      [
        {
          externalId: 'E300',
          employeeNumber: 'E300',
          firstName: 'Pre',
          lastName: 'Far',
          startDate: new Date(now.getTime() + 30 * DAY),
        },
        {
          externalId: 'E301',
          employeeNumber: 'E301',
          firstName: 'Pre',
          lastName: 'Near',
          startDate: new Date(now.getTime() + 3 * DAY),
        },
      ],
      { queue: t.queue, now },
    );
    expect(far).toMatchObject({ outcome: 'created', events: ['JOINER'] });
    expect(await t.prisma.identity.findUniqueOrThrow({ where: { id: far!.identityId! } })).toMatchObject({
      status: 'PREHIRE',
    });
    expect(await ops(far!.identityId!)).toEqual([]);
    expect((await ops(near!.identityId!))[0]).toMatchObject({
      kind: 'CREATE_ACCOUNT',
      payload: { enabled: false },
    });

    // Day one of the near one; the far one enters its lead window.
    const later = new Date(now.getTime() + 24 * DAY);
    const swept = await runLifecycleSweep(t.prisma, { queue: t.queue, now: later });
    expect(swept).toMatchObject({ started: 1, prepared: 1 });
    expect(await t.prisma.identity.findUniqueOrThrow({ where: { id: near!.identityId! } })).toMatchObject({
      status: 'ACTIVE',
    });
    expect((await ops(near!.identityId!)).at(-1)).toMatchObject({
      kind: 'ENABLE_ACCOUNT',
      reason: 'START_DATE',
    });
    expect((await ops(far!.identityId!))[0]).toMatchObject({
      kind: 'CREATE_ACCOUNT',
      reason: 'PREHIRE',
      payload: { enabled: false },
    });

    await ingestSourceRecords(
      t.prisma,
      { id: hr, origin: 'HR_CSV' },
      [{ externalId: 'E301', endDate: new Date(later.getTime() + 2 * DAY) }],
      { queue: t.queue, now: later },
    );
    const leftAt = new Date(later.getTime() + 4 * DAY);
    const after = await runLifecycleSweep(t.prisma, { queue: t.queue, now: leftAt });
    expect(after.left).toBe(1);
    // The sweep's write that makes them a leaver ends their sessions and stamps them (105).
    expect(await t.prisma.identity.findUniqueOrThrow({ where: { id: near!.identityId! } })).toMatchObject({
      status: 'TERMINATED',
      sessionVersion: 1,
      terminatedAt: leftAt,
    });
    expect(await held(near!.identityId!)).toEqual([]);
  });
});

describe('the correlation queue', () => {
  it('a person links an ambiguous record, or makes it a new person when nobody holds its keys', async () => {
    const a = await createIdentity(t.prisma, { employeeNumber: 'E400', email: 'a400@acme.test' });
    const b = await createIdentity(t.prisma, { employeeNumber: 'E401', email: 'b401@acme.test' });
    const [pending] = await ingestSourceRecords(
      t.prisma,
      { id: hr, origin: 'HR_CSV' },
      [{ externalId: 'X400', employeeNumber: 'E400', email: 'b401@acme.test', title: 'Boss' }],
      { queue: t.queue },
    );
    expect(pending?.outcome).toBe('correlation_pending');
    // The same record again refreshes the case rather than adding one.
    await ingestSourceRecords(
      t.prisma,
      { id: hr, origin: 'HR_CSV' },
      [{ externalId: 'X400', employeeNumber: 'E400', email: 'b401@acme.test', title: 'Big Boss' }],
      { queue: t.queue },
    );
    const cases = await t.prisma.correlationCase.findMany({ where: { externalId: 'X400' } });
    expect(cases).toHaveLength(1);
    expect(cases[0]!.candidateIds.sort()).toEqual([a.id, b.id].sort());

    await expect(
      resolveCorrelationCase(
        t.prisma,
        ivy,
        { caseId: cases[0]!.id, decision: { kind: 'CREATE' } },
        { queue: t.queue },
      ),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    // A, in the identity team too, may not take the record (and its title) onto her own.
    await t.prisma.identityPortalRole.create({ data: { identityId: a.id, role: 'IDENTITY_ADMIN' } });
    await expect(
      resolveCorrelationCase(
        t.prisma,
        await t.actor(a.id),
        { caseId: cases[0]!.id, decision: { kind: 'LINK', identityId: a.id } },
        { queue: t.queue },
      ),
    ).rejects.toMatchObject({ code: 'SELF_APPROVAL' });
    expect((await t.prisma.correlationCase.findUniqueOrThrow({ where: { id: cases[0]!.id } })).status).toBe(
      'OPEN',
    );
    const done = await resolveCorrelationCase(
      t.prisma,
      ivy,
      { caseId: cases[0]!.id, decision: { kind: 'LINK', identityId: a.id } },
      { queue: t.queue },
    );
    expect(done).toEqual({ status: 'RESOLVED', identityId: a.id });
    expect((await t.prisma.identity.findUniqueOrThrow({ where: { id: a.id } })).title).toBe('Big Boss');
    const [next] = await ingestSourceRecords(
      t.prisma,
      { id: hr, origin: 'HR_CSV' },
      [{ externalId: 'X400', title: 'Chief' }],
      { queue: t.queue },
    );
    expect(next).toMatchObject({ identityId: a.id, outcome: 'updated' });
    await expect(
      resolveCorrelationCase(
        t.prisma,
        ivy,
        { caseId: cases[0]!.id, decision: { kind: 'DISMISS' } },
        { queue: t.queue },
      ),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('a linked record takes the place of the person’s old record of that source: one record per source, so a snapshot does not count them as a leaver', async () => {
    const [joined] = await ingestSourceRecords(
      t.prisma,
      { id: hr, origin: 'HR_CSV' },
      [
        {
          externalId: 'OLD-600',
          employeeNumber: 'E600',
          email: 'p600@acme.test',
          firstName: 'Pia',
          lastName: 'Old',
        },
      ],
      { queue: t.queue },
    );
    const pia = joined!.identityId!;
    await createIdentity(t.prisma, { employeeNumber: 'E601', email: 'q601@acme.test' });
    // HR re-keyed Pia: her new record's keys point at her and at someone else, so a person decides.
    const [pending] = await ingestSourceRecords(
      t.prisma,
      { id: hr, origin: 'HR_CSV' },
      [
        {
          externalId: 'NEW-600',
          employeeNumber: 'E600',
          email: 'q601@acme.test',
          firstName: 'Pia',
          lastName: 'New',
        },
      ],
      { queue: t.queue },
    );
    expect(pending?.outcome).toBe('correlation_pending');
    const kase = await t.prisma.correlationCase.findFirstOrThrow({ where: { externalId: 'NEW-600' } });
    await resolveCorrelationCase(
      t.prisma,
      ivy,
      { caseId: kase.id, decision: { kind: 'LINK', identityId: pia } },
      { queue: t.queue },
    );
    const records = await t.prisma.sourceRecord.findMany({
      where: { sourceId: hr, identityId: pia },
      select: { externalId: true },
    });
    expect(records).toEqual([{ externalId: 'NEW-600' }]);
    // A snapshot that lists her new record only does not take the old one for a leaver.
    const listed = (
      await t.prisma.sourceRecord.findMany({ where: { sourceId: hr }, select: { externalId: true } })
    )
      .map((r) => r.externalId)
      .filter((id) => id !== 'OLD-600');
    expect(await listUnlisted(t.prisma, hr, new Set(listed))).toEqual([]);
    expect((await t.prisma.identity.findUniqueOrThrow({ where: { id: pia } })).status).toBe('ACTIVE');
    // The old record is kept, detached, so the audit trail still shows where it came from.
    expect(
      await t.prisma.sourceRecord.findUniqueOrThrow({
        where: { sourceId_externalId: { sourceId: hr, externalId: 'OLD-600' } },
        select: { identityId: true },
      }),
    ).toEqual({ identityId: null });
  });

  it('records of one batch never claim the same person twice', async () => {
    const outcomes = await ingestSourceRecords(
      t.prisma,
      { id: hr, origin: 'HR_CSV' },
      [
        { externalId: 'D1', employeeNumber: 'E500', firstName: 'Dup', lastName: 'One' },
        { externalId: 'D2', employeeNumber: 'E500', firstName: 'Dup', lastName: 'Two' },
      ],
      { queue: t.queue },
    );
    expect(outcomes.map((o) => o.outcome)).toEqual(['created', 'correlation_pending']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication, createEntitlement, createIdentity } from '@/server/seed/factories.ts';
import { createCountingContext, type TCountingContext } from '@/server/testing/count-statements.ts';
import { ingestSourceRecords } from './ingest-source-records.ts';

let t: TCountingContext;
let sourceId: string;
let finance: string;
let allStaff: string;
beforeAll(async () => {
  t = await createCountingContext();
  sourceId = (await t.prisma.identitySource.create({ data: { key: 'hr', name: 'HR', kind: 'HR_CSV' } })).id;
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
});
afterAll(async () => {
  await t?.close();
});

const source = () => ({ id: sourceId, origin: 'HR_CSV' });
const held = async (identityId: string) =>
  (
    await t.prisma.grant.findMany({
      where: { identityId, status: 'ACTIVE' },
      select: { entitlementId: true },
    })
  )
    .map((g) => g.entitlementId)
    .sort();

describe('ingesting authoritative-source records', () => {
  it('turns a joiner, a mover and a leaver into the right grants and operations', async () => {
    const [joined] = await ingestSourceRecords(
      t.prisma,
      source(),
      [
        {
          externalId: 'E900',
          employeeNumber: 'E900',
          email: 'jo@acme.test',
          firstName: 'Jo',
          lastName: 'Joiner',
          department: 'Finance',
        },
      ],
      { queue: t.queue },
    );
    expect(joined).toMatchObject({ outcome: 'created', events: ['JOINER'] });
    const id = joined!.identityId!;
    expect(await held(id)).toEqual([allStaff, finance].sort());
    expect(
      (await t.prisma.provisioningOperation.findMany({ where: { identityId: id } }))
        .map((o) => o.kind)
        .sort(),
    ).toEqual(['ADD_ENTITLEMENT', 'ADD_ENTITLEMENT', 'CREATE_ACCOUNT']);

    const [unchanged] = await ingestSourceRecords(
      t.prisma,
      source(),
      [{ externalId: 'E900', department: 'Finance' }],
      { queue: t.queue },
    );
    expect(unchanged).toMatchObject({ outcome: 'unchanged', events: [] });

    const [moved] = await ingestSourceRecords(
      t.prisma,
      source(),
      [{ externalId: 'E900', department: 'Sales' }],
      { queue: t.queue },
    );
    expect(moved).toMatchObject({ outcome: 'updated', events: ['MOVER'] });
    expect(await held(id)).toEqual([allStaff]);

    const [left] = await ingestSourceRecords(t.prisma, source(), [{ externalId: 'E900', active: false }], {
      queue: t.queue,
    });
    expect(left).toMatchObject({ events: ['LEAVER'] });
    expect(await held(id)).toEqual([]);
    const person = await t.prisma.identity.findUniqueOrThrow({ where: { id } });
    expect(person).toMatchObject({ status: 'TERMINATED', sessionVersion: 1 });
    const last = await t.prisma.provisioningOperation.findMany({
      where: { identityId: id },
      orderBy: { sequence: 'desc' },
      take: 1,
    });
    expect(last[0]?.kind).toBe('DISABLE_ACCOUNT');
  });

  it('correlates by employee number, then email, and queues ambiguity instead of duplicating', async () => {
    const a = await createIdentity(t.prisma, { employeeNumber: 'E1', email: 'a@acme.test' });
    await createIdentity(t.prisma, { employeeNumber: 'E2', email: 'b@acme.test' });
    const [byNumber] = await ingestSourceRecords(
      t.prisma,
      source(),
      [{ externalId: 'X1', employeeNumber: 'E1', title: 'Boss' }],
      { queue: t.queue },
    );
    expect(byNumber?.identityId).toBe(a.id);
    const [ambiguous] = await ingestSourceRecords(
      t.prisma,
      source(),
      [{ externalId: 'X2', employeeNumber: 'E2', email: 'a@acme.test' }],
      { queue: t.queue },
    );
    expect(ambiguous).toMatchObject({ outcome: 'correlation_pending', identityId: null });
    expect(await t.prisma.correlationCase.count({ where: { externalId: 'X2', status: 'OPEN' } })).toBe(1);
  });

  it('cancels a leaver’s pending requests', async () => {
    const mgr = await createIdentity(t.prisma);
    const [r] = await ingestSourceRecords(
      t.prisma,
      source(),
      [
        {
          externalId: 'E901',
          employeeNumber: 'E901',
          email: 'lea@acme.test',
          firstName: 'Lea',
          lastName: 'Ver',
          managerIdentityId: mgr.id,
        },
      ],
      { queue: t.queue },
    );
    const app = await createApplication(t.prisma);
    const e = await createEntitlement(t.prisma, app.id);
    await t.prisma.accessRequest.create({
      data: {
        batchId: crypto.randomUUID(),
        requesterId: r!.identityId!,
        beneficiaryId: r!.identityId!,
        entitlementId: e.id,
        justification: 'x',
      },
    });
    await ingestSourceRecords(t.prisma, source(), [{ externalId: 'E901', status: 'TERMINATED' }], {
      queue: t.queue,
    });
    expect(
      await t.prisma.accessRequest.count({ where: { beneficiaryId: r!.identityId!, status: 'PENDING' } }),
    ).toBe(0);
  });

  it('plans a batch of a joiner, a mover and a leaver once, each operation with its own event as reason', async () => {
    const person = (n: number, department: string) => ({
      externalId: `E92${n}`,
      employeeNumber: `E92${n}`,
      email: `p92${n}@acme.test`,
      firstName: 'P',
      lastName: `N${n}`,
      department,
    });
    const before = await ingestSourceRecords(
      t.prisma,
      source(),
      [person(0, 'Finance'), person(1, 'Finance')],
      {
        queue: t.queue,
      },
    );
    const { result, texts } = await t.counter.count((db) =>
      ingestSourceRecords(
        db,
        source(),
        [
          person(2, 'Finance'),
          { externalId: 'E920', department: 'Sales' },
          { externalId: 'E921', active: false },
        ],
        { queue: t.queue },
      ),
    );
    expect(result.map((o) => o.events)).toEqual([['JOINER'], ['MOVER'], ['LEAVER']]);
    // A plan per kind of event wrote its operations and locked its people three times.
    expect(texts.filter((q) => q.includes('INSERT INTO "ProvisioningOperation"'))).toHaveLength(1);
    // The plan locks the batch's people once; the leaver's row is locked again, alone, before their
    // approval steps are looked for (a submission naming them as approver commits first: decision 115).
    expect(texts.filter((q) => /FROM "Identity" WHERE id = ANY\(.*FOR UPDATE/s.test(q))).toHaveLength(2);
    // The leaver's sessions end and their stamp is set in the write that makes them a leaver, the one
    // write of the batch's changed people (the kill switch wrote the row again, and before 093 twice);
    // their grants close in one statement that says whose each was (it read the grants first).
    expect(texts.filter((q) => /^\s*UPDATE "(public"\.")?Identity"/.test(q))).toHaveLength(1);
    expect(
      texts.filter((q) =>
        /^SELECT .* FROM "public"."Grant" WHERE \("public"."Grant"."identityId" IN/s.test(q),
      ),
    ).toHaveLength(2);
    const ids = [result[0]!.identityId!, before[0]!.identityId!, before[1]!.identityId!];
    const leaver = await t.prisma.identity.findUniqueOrThrow({ where: { id: ids[2] } });
    expect(leaver).toMatchObject({ status: 'TERMINATED', sessionVersion: 1 });
    expect(leaver.terminatedAt).not.toBeNull();
    expect(await held(ids[2]!)).toEqual([]);
    const killed = await t.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'identity.kill_switch', entityId: ids[2] },
    });
    expect(killed.after).toEqual({ grantsRevoked: 2, requestsCancelled: 0, sessionsEnded: true });
    // Each person's latest operation: the one this batch planned for them.
    const reasons = async (identityId: string) =>
      (
        await t.prisma.provisioningOperation.findFirst({
          where: { identityId },
          orderBy: { sequence: 'desc' },
          select: { reason: true },
        })
      )?.reason;
    expect(await Promise.all(ids.map(reasons))).toEqual(['JOINER', 'MOVER', 'LEAVER']);
    const planned = await t.prisma.auditEvent.findMany({
      where: { action: 'access.planned', entityId: { in: ids } },
      orderBy: { id: 'desc' },
      select: { entityId: true, metadata: true },
    });
    const lastReason = (id: string) =>
      (planned.find((e) => e.entityId === id)?.metadata as { reason?: string } | null)?.reason;
    expect(ids.map(lastReason)).toEqual(['JOINER', 'MOVER', 'LEAVER']);
  });

  it('checks SoD for the people whose grants the batch changed, not for an edit that changed none', async () => {
    const record = { externalId: 'E930', employeeNumber: 'E930', email: 'p930@acme.test', firstName: 'P' };
    await ingestSourceRecords(t.prisma, source(), [{ ...record, lastName: 'N', department: 'Finance' }], {
      queue: t.queue,
    });
    // The SoD check's statement (sod-population's violationPairs) reads the rules' items.
    const sodChecks = (texts: string[]) => texts.filter((q) => q.includes('"SodRuleItem"')).length;
    const edit = await t.counter.count((db) =>
      ingestSourceRecords(db, source(), [{ externalId: 'E930', title: 'Senior analyst' }], {
        queue: t.queue,
      }),
    );
    expect(edit.result.map((o) => o.events)).toEqual([['MOVER']]);
    expect(sodChecks(edit.texts)).toBe(0);
    // A move that ends a birthright grant (Finance Reporting) is checked.
    const move = await t.counter.count((db) =>
      ingestSourceRecords(db, source(), [{ externalId: 'E930', department: 'Sales' }], { queue: t.queue }),
    );
    expect(await held(move.result[0]!.identityId!)).toEqual([allStaff]);
    expect(sodChecks(move.texts)).toBe(1);
  });
});

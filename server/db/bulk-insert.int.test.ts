import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { createApplication, createEntitlement, createIdentity } from '@/server/seed/factories.ts';
import { BULK_INSERT_STATEMENT_ROWS, bulkInsert, insertRows, insertRowsSql } from './bulk-insert.ts';
import { withWrites } from './with-writes.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

const HOSTILE = [
  '',
  'NULL',
  'null',
  ' lead and trail ',
  'a,b',
  '{braces}',
  'say "hi"',
  'back\\slash',
  '\\"',
  'tab\there',
  'line\nbreak',
  "Ångström, O'Neil",
  '日本語',
  '😀',
  '""',
  '[1]',
];
const COLUMNS = [
  { name: 'actorType', type: 'text' },
  { name: 'action', type: 'text' },
  { name: 'entityType', type: 'text' },
  { name: 'entityId', type: 'text' },
  { name: 'subjectId', type: 'uuid' },
  { name: 'occurredAt', type: 'timestamp(3)' },
  { name: 'before', type: 'jsonb' },
  { name: 'metadata', type: 'jsonb' },
];

describe('bulkInsert', () => {
  it('stores hostile text, JSON, dates, bigints and NULLs exactly', async () => {
    const ref = `bulk-${Math.random()}`;
    const at = new Date('2026-03-04T05:06:07.089Z');
    const payloads = HOSTILE.map((s, i) => ({ s, i, nested: { q: '"', b: '\\', list: [s, null] } }));
    await bulkInsert(
      t.prisma,
      'AuditEvent',
      COLUMNS,
      payloads.map((p, i) => [
        'SYSTEM',
        p.s,
        'Test',
        ref,
        null,
        at,
        i % 2 ? null : { big: 12345678901234567890n },
        p,
      ]),
    );
    const stored = await t.prisma.auditEvent.findMany({ where: { entityId: ref }, orderBy: { id: 'asc' } });
    expect(stored.map((e) => e.action)).toEqual(HOSTILE);
    expect(stored.map((e) => e.metadata)).toEqual(payloads);
    expect(stored.map((e) => e.before)).toEqual(
      HOSTILE.map((_, i) => (i % 2 ? null : { big: '12345678901234567890' })),
    );
    expect(stored.every((e) => e.subjectId === null && e.occurredAt.getTime() === at.getTime())).toBe(true);
  });

  it('splits more rows than one statement takes, and stores each once', async () => {
    const ref = `bulk-many-${Math.random()}`;
    const n = BULK_INSERT_STATEMENT_ROWS + 3;
    await bulkInsert(
      t.prisma,
      'AuditEvent',
      COLUMNS,
      Array.from({ length: n }, (_, i) => ['SYSTEM', `a${i}`, 'Test', ref, null, new Date(), null, {}]),
    );
    const [row] = await t.prisma.$queryRaw<Array<{ n: number; distinct: number }>>`
      SELECT count(*)::int AS n, count(DISTINCT action)::int AS distinct FROM "AuditEvent" WHERE "entityId" = ${ref}`;
    expect(row).toEqual({ n, distinct: n });
  });

  it('writes nothing when one row is refused', async () => {
    const ref = `bulk-bad-${Math.random()}`;
    await expect(
      bulkInsert(t.prisma, 'AuditEvent', COLUMNS, [
        ['SYSTEM', 'ok', 'Test', ref, null, new Date(), null, {}],
        ['SYSTEM', 'bad', 'Test', ref, 'not-a-uuid', new Date(), null, {}],
      ]),
    ).rejects.toThrow();
    expect(await t.prisma.auditEvent.count({ where: { entityId: ref } })).toBe(0);
  });
});

describe('insertRowsSql', () => {
  it('gives one statement per BULK_INSERT_STATEMENT_ROWS rows, sent together as one, and none for no rows', async () => {
    expect(insertRowsSql('Notification', [])).toEqual([]);
    const person = await createIdentity(t.prisma);
    const n = BULK_INSERT_STATEMENT_ROWS + 3;
    const rows = Array.from({ length: n }, (_, i) => ({
      id: crypto.randomUUID(),
      recipientId: person.id,
      kind: 'test.bulk',
      title: `t${i}`,
      body: '',
      link: null,
      createdAt: new Date(),
    }));
    const statements = insertRowsSql('Notification', rows);
    expect(statements).toHaveLength(2);
    await t.prisma.$executeRaw(withWrites(statements));
    const [row] = await t.prisma.$queryRaw<Array<{ n: number; distinct: number }>>`
      SELECT count(*)::int AS n, count(DISTINCT title)::int AS distinct FROM "Notification" WHERE "recipientId" = ${person.id}::uuid`;
    expect(row).toEqual({ n, distinct: n });
  });
});

describe('insertRows with an array column', () => {
  it('stores each row’s array as it was, an empty one empty', async () => {
    const person = await createIdentity(t.prisma);
    const app = await createApplication(t.prisma);
    const item = await createEntitlement(t.prisma, app.id);
    const request = await t.prisma.accessRequest.create({
      data: {
        batchId: crypto.randomUUID(),
        requesterId: person.id,
        beneficiaryId: person.id,
        entitlementId: item.id,
        justification: 'Array column',
      },
    });
    const teams = [crypto.randomUUID(), crypto.randomUUID()];
    const stage = (position: number, teamIds: string[]) => ({
      id: crypto.randomUUID(),
      requestId: request.id,
      position,
      name: `Stage ${position}`,
      teamIds,
    });
    const rows = [stage(0, teams), stage(1, []), stage(2, [teams[1]!])];
    await insertRows(t.prisma, 'ApprovalStage', rows);
    const stored = await t.prisma.approvalStage.findMany({
      where: { requestId: request.id },
      orderBy: { position: 'asc' },
      select: { teamIds: true },
    });
    expect(stored.map((s) => s.teamIds)).toEqual(rows.map((r) => r.teamIds));
  });
});

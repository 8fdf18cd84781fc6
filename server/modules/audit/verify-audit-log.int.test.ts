import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { systemActor } from '@/server/auth/actor.ts';
import { isAppError } from '@/server/lib/app-error.ts';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/test-database.ts';
import { getLastAuditVerification } from './get-last-audit-verification.ts';
import { recordAuditEvents } from './record-audit-event.ts';
import { runAuditVerification } from './run-audit-verification.ts';
import { sealAuditLog } from './seal-audit-log.ts';
import { verifyAuditLog } from './verify-audit-log.ts';

// Tampering is for good (the tables are append-only), so each case gets a database of its own.
const databases: TTestDatabase[] = [];
afterAll(async () => {
  for (const db of databases) await db.drop();
});

/** A fresh database with six sealed events; their ids in seal order. */
async function sealedChain(): Promise<{ db: TTestDatabase; ids: string[] }> {
  const db = await createTestDatabase();
  databases.push(db);
  await recordAuditEvents(
    db.prisma,
    Array.from({ length: 6 }, (_, i) => ({
      actor: systemActor('WORKER'),
      action: 'identity.retired',
      entityType: 'Identity',
      entityId: `person-${i + 1}`,
      before: { status: 'ACTIVE', n: i + 1 },
      after: { status: 'TERMINATED', n: i + 1 },
      metadata: { reason: `reason ${i + 1}`, mergedInto: 'person-0', events: [], nested: { b: 2, a: 1 } },
    })),
  );
  expect(await sealAuditLog(db.prisma)).toMatchObject({ sealed: 6 });
  const seals = await db.prisma.$queryRaw<
    Array<{ eventId: string }>
  >`SELECT "eventId"::text AS "eventId" FROM "AuditSeal" s ORDER BY s.seq`;
  return { db, ids: seals.map((s) => s.eventId) };
}

/** What a superuser can do that the portal's role cannot: switch the triggers (and foreign keys) off. */
async function tamper(db: TTestDatabase, sql: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: db.ownerUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    await client.query(sql, values);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

describe('verifyAuditLog', () => {
  it('finds an intact chain intact, and reads every event’s content back the same however jsonb ordered it', async () => {
    const { db, ids } = await sealedChain();
    expect(await verifyAuditLog(db.prisma)).toEqual({
      ok: true,
      checkedSeals: 6,
      unsealedEvents: 0,
      head: { seq: '6', eventId: ids[5], hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
      firstBreak: null,
    });
  });

  it.each([
    [
      'an edited after',
      (ids: string[]) =>
        [`UPDATE "AuditEvent" SET "after" = '{"status": "ACTIVE", "n": 3}' WHERE id = $1`, [ids[2]]] as const,
      2,
    ],
    [
      'an edited metadata',
      (ids: string[]) =>
        [
          `UPDATE "AuditEvent" SET "metadata" = "metadata" || '{"reason": "nothing to see"}' WHERE id = $1`,
          [ids[3]],
        ] as const,
      3,
    ],
    [
      'a changed time',
      (ids: string[]) =>
        [
          `UPDATE "AuditEvent" SET "occurredAt" = "occurredAt" - interval '1 day' WHERE id = $1`,
          [ids[4]],
        ] as const,
      4,
    ],
    [
      'two events’ contents swapped (the earlier one is named)',
      (ids: string[]) =>
        [
          `UPDATE "AuditEvent" e SET "entityId" = o."entityId", "before" = o."before", "after" = o."after", "metadata" = o."metadata"
             FROM "AuditEvent" o WHERE (e.id, o.id) IN (($1::bigint, $2::bigint), ($2::bigint, $1::bigint))`,
          [ids[1], ids[4]],
        ] as const,
      1,
    ],
  ])('names the event whose content changed: %s', async (_name, change, index) => {
    const { db, ids } = await sealedChain();
    const [sql, values] = change(ids);
    await tamper(db, sql, [...values]);
    const result = await verifyAuditLog(db.prisma);
    expect(result).toMatchObject({
      ok: false,
      checkedSeals: index,
      firstBreak: { reason: 'content-changed', eventId: ids[index], seq: String(index + 1) },
    });
  });

  it('names a deleted event', async () => {
    const { db, ids } = await sealedChain();
    await tamper(db, `DELETE FROM "AuditEvent" WHERE id = $1`, [ids[1]]);
    expect((await verifyAuditLog(db.prisma)).firstBreak).toMatchObject({
      reason: 'event-missing',
      eventId: ids[1],
      seq: '2',
    });
  });

  it('names the first seal out of order when two seals are swapped, and the seal after a removed one', async () => {
    const swapped = await sealedChain();
    await tamper(
      swapped.db,
      `UPDATE "AuditSeal" SET seq = seq + 1000 WHERE seq IN (3, 4); UPDATE "AuditSeal" SET seq = CASE seq WHEN 1003 THEN 4 ELSE 3 END WHERE seq > 1000`,
    );
    expect((await verifyAuditLog(swapped.db.prisma)).firstBreak).toMatchObject({
      reason: 'chain-broken',
      eventId: swapped.ids[3],
      seq: '3',
    });

    const removed = await sealedChain();
    await tamper(removed.db, `DELETE FROM "AuditSeal" WHERE seq = 3`);
    expect(await verifyAuditLog(removed.db.prisma)).toMatchObject({
      ok: false,
      checkedSeals: 2,
      firstBreak: { reason: 'chain-broken', eventId: removed.ids[3], seq: '4' },
    });
  });

  it('calls an event slipped in behind the sealer a missing seal once it is older than the in-flight window; until then it waits for a seal', async () => {
    const { db } = await sealedChain();
    // An id below every sealed event's: written "earlier" than events already sealed.
    await tamper(
      db,
      `INSERT INTO "AuditEvent" (id, "actorType", "action", "entityType", "entityId") VALUES (0, 'USER', 'grant.created', 'Grant', 'backdated')`,
    );
    expect(await verifyAuditLog(db.prisma)).toMatchObject({ ok: true, unsealedEvents: 1 });
    expect(await verifyAuditLog(db.prisma, { inFlightWindowMs: 0 })).toMatchObject({
      ok: false,
      unsealedEvents: 0,
      firstBreak: { reason: 'seal-missing', eventId: '0', seq: null },
    });
  });

  it('holds the chain to the head a verification recorded: seals cut off the end, or the end rebuilt over edited events', async () => {
    const cut = await sealedChain();
    await runAuditVerification(cut.db.prisma, { trigger: 'CLI' });
    await tamper(cut.db, `DELETE FROM "AuditSeal" WHERE seq >= 5`);
    await tamper(cut.db, `DELETE FROM "AuditEvent" WHERE id IN ($1, $2)`, [cut.ids[4], cut.ids[5]]);
    expect((await verifyAuditLog(cut.db.prisma)).firstBreak).toMatchObject({
      reason: 'head-mismatch',
      seq: '6',
    });

    const rebuilt = await sealedChain();
    await runAuditVerification(rebuilt.db.prisma, { trigger: 'CLI' });
    await tamper(rebuilt.db, `DELETE FROM "AuditSeal" WHERE seq >= 4`);
    await tamper(rebuilt.db, `UPDATE "AuditEvent" SET "after" = '{}' WHERE id = $1`, [rebuilt.ids[3]]);
    await sealAuditLog(rebuilt.db.prisma);
    expect((await verifyAuditLog(rebuilt.db.prisma)).firstBreak).toMatchObject({
      reason: 'head-mismatch',
      eventId: rebuilt.ids[5],
      seq: '6',
    });
  });
});

describe('runAuditVerification', () => {
  it('records each verification, the latest is what the portal shows, and one runs at a time', async () => {
    const { db, ids } = await sealedChain();
    expect(await getLastAuditVerification(db.prisma)).toBeNull();
    const first = await runAuditVerification(db.prisma, { trigger: 'SCHEDULE' });
    expect(first).toMatchObject({
      ok: true,
      trigger: 'SCHEDULE',
      checkedSeals: 6,
      unsealedEvents: 0,
      head: { seq: '6' },
      firstBreak: null,
    });

    await tamper(db, `UPDATE "AuditEvent" SET "action" = 'grant.created' WHERE id = $1`, [ids[0]]);
    const second = await runAuditVerification(db.prisma, { trigger: 'MANUAL', actorId: null });
    expect(second).toMatchObject({
      ok: false,
      trigger: 'MANUAL',
      checkedSeals: 0,
      firstBreak: { reason: 'content-changed', eventId: ids[0], seq: '1' },
    });
    expect(await getLastAuditVerification(db.prisma)).toEqual(second);

    const results = await Promise.allSettled([
      runAuditVerification(db.prisma, { trigger: 'MANUAL' }),
      runAuditVerification(db.prisma, { trigger: 'MANUAL' }),
    ]);
    const refused = results
      .filter((r) => r.status === 'rejected')
      .map((r) => (r as PromiseRejectedResult).reason as unknown);
    // Usually one is refused; on a slow machine the first may finish before the second asks.
    expect(refused.every((e) => isAppError(e) && e.code === 'CONFLICT')).toBe(true);
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
  });
});

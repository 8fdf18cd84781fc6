import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '@/server/auth/actor.ts';
import { createPrismaClient, type TPrisma } from '@/server/db/client.ts';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/test-database.ts';
import { recordAuditEvent, recordAuditEvents, type TAuditEventInput } from './record-audit-event.ts';
import { sealAuditLog } from './seal-audit-log.ts';
import { verifyAuditLog } from './verify-audit-log.ts';

let db: TTestDatabase;
let other: TPrisma;
beforeAll(async () => {
  db = await createTestDatabase();
  // Another process, as far as PostgreSQL can tell: its own pool.
  other = createPrismaClient(db.url, { max: 4 });
});
afterAll(async () => {
  await other?.$disconnect();
  await db?.drop();
});

const event = (n: number | string, metadata: Record<string, unknown> = {}): TAuditEventInput => ({
  actor: systemActor('WORKER'),
  action: 'report.exported',
  entityType: 'Report',
  entityId: String(n),
  metadata: { filters: {}, format: 'csv', n, ...metadata },
});

const seals = () =>
  db.prisma.$queryRaw<
    Array<{ seq: string; eventId: string }>
  >`SELECT seq::text AS seq, "eventId"::text AS "eventId" FROM "AuditSeal" s ORDER BY s.seq`;

describe('sealAuditLog', () => {
  it('seals committed events in the order it sees them commit, once each, while a transaction that took an earlier id is still open', async () => {
    let releaseSlow!: () => void;
    let slowInserted!: () => void;
    const inserted = new Promise<void>((r) => (slowInserted = r));
    // Prisma's promises start only when awaited or then-ed.
    const slow = Promise.resolve(
      db.prisma.$transaction(async (tx) => {
        await recordAuditEvent(tx, event('slow'));
        slowInserted();
        await new Promise<void>((r) => (releaseSlow = r));
      }),
    );
    await inserted;
    await recordAuditEvents(db.prisma, [event('fast-1'), event('fast-2')]);

    expect(await sealAuditLog(db.prisma)).toMatchObject({ sealed: 2, headSeq: '2' });
    releaseSlow();
    await slow;
    expect(await sealAuditLog(db.prisma)).toMatchObject({ sealed: 1, headSeq: '3' });
    expect(await sealAuditLog(db.prisma)).toMatchObject({ sealed: 0, headSeq: '3' });

    const ids = await db.prisma.auditEvent.findMany({
      orderBy: { id: 'asc' },
      select: { id: true, entityId: true },
    });
    const idOf = (entityId: string) => ids.find((e) => e.entityId === entityId)!.id.toString();
    // The slow writer's event has the lowest id and the last seal.
    expect(await seals()).toEqual([
      { seq: '1', eventId: idOf('fast-1') },
      { seq: '2', eventId: idOf('fast-2') },
      { seq: '3', eventId: idOf('slow') },
    ]);
    expect(await verifyAuditLog(db.prisma)).toMatchObject({
      ok: true,
      checkedSeals: 3,
      unsealedEvents: 0,
      firstBreak: null,
    });
  });

  it('seals every event of concurrent writers exactly once while two sealers race, in batches', async () => {
    const before = await db.prisma.auditEvent.count();
    let writing = true;
    const sealers = [db.prisma, other].map(async (client, i) => {
      let rounds = 0;
      while (writing) {
        await sealAuditLog(client, { batchSize: 7, skipIfBusy: i === 1 });
        rounds++;
      }
      return rounds;
    });
    const writers = Array.from({ length: 6 }, async (_, w) => {
      const client = w % 2 ? other : db.prisma;
      for (let round = 0; round < 15; round++) {
        await client.$transaction(async (tx) => {
          await recordAuditEvents(
            tx,
            Array.from({ length: 1 + ((w + round) % 4) }, (_, k) => event(`${w}.${round}.${k}`)),
          );
          // Some transactions stay open a little, so commits land out of id order.
          if ((w + round) % 3 === 0) await new Promise((r) => setTimeout(r, 5));
        });
      }
    });
    await Promise.all(writers);
    writing = false;
    expect(Math.min(...(await Promise.all(sealers)))).toBeGreaterThan(0);
    await sealAuditLog(db.prisma);

    const all = await seals();
    const events = await db.prisma.auditEvent.count();
    expect(events - before).toBe(writtenCount());
    expect(all).toHaveLength(events);
    expect(new Set(all.map((s) => s.eventId)).size).toBe(events);
    expect(all.map((s) => s.seq)).toEqual(all.map((_, i) => String(i + 1)));
    expect(await verifyAuditLog(db.prisma)).toMatchObject({
      ok: true,
      checkedSeals: events,
      unsealedEvents: 0,
    });
  });
});

/** How many events the writers above write: 1 to 4 per transaction, by writer and round. */
function writtenCount(): number {
  let n = 0;
  for (let w = 0; w < 6; w++) for (let round = 0; round < 15; round++) n += 1 + ((w + round) % 4);
  return n;
}

import { systemActor } from '@/server/auth/actor.ts';
import { recordAuditEvents } from '@/server/modules/audit/index.ts';
import { planAccess } from '@/server/modules/provisioning/index.ts';
import { inTransaction, type TDb } from '@/server/db/client.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { deriveStatus } from './derive-status.ts';
import { loadIdentityRows, updateIdentityRows } from './identity-store.ts';
import { sessionsEndedIn, settleLifecycleChanges, stampLeavers } from './settle-lifecycle-changes.ts';

const DAY_MS = 86_400_000;
const BATCH = 500;

export type TSweepResult = { started: number; left: number; prepared: number };

/**
 * What the calendar does on its own, run hourly: pre-hires whose start date has come become active
 * (their accounts, created disabled, are enabled), people whose end date has passed leave (the kill
 * switch), and pre-hires entering the lead window get their accounts created, disabled. Each batch is
 * one transaction through the same lifecycle path as a source sync.
 */
export async function runLifecycleSweep(
  db: TDb,
  deps: { queue: TJobQueue; now?: Date; prehireLeadDays?: number },
): Promise<TSweepResult> {
  const now = deps.now ?? new Date();
  const lead = deps.prehireLeadDays ?? 7;
  const actor = systemActor('SCHEDULER');
  const due = await db.identity.findMany({
    where: {
      OR: [
        { status: 'PREHIRE', startDate: { lte: now } },
        { status: { not: 'TERMINATED' }, endDate: { lte: new Date(now.getTime() - DAY_MS) } },
      ],
    },
    select: { id: true },
    orderBy: { id: 'asc' },
  });
  const result: TSweepResult = { started: 0, left: 0, prepared: 0 };
  for (let i = 0; i < due.length; i += BATCH) {
    const ids = due.slice(i, i + BATCH).map((d) => d.id);
    await inTransaction(
      db,
      async (tx) => {
        await tx.$queryRaw`SELECT id FROM "Identity" WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
        const rows = await loadIdentityRows(tx, ids);
        const found = [...rows.values()].flatMap((before) => {
          const status = deriveStatus({
            said: before.status,
            before: before.status,
            startDate: before.startDate,
            endDate: before.endDate,
            now,
          });
          return status === before.status ? [] : [{ before, after: { ...before, status } }];
        });
        const changes = stampLeavers(found, now);
        await updateIdentityRows(
          tx,
          changes.map((c) => c.after),
          sessionsEndedIn(changes),
        );
        const { events } = await settleLifecycleChanges(tx, changes, {
          actor,
          now,
          ref: 'lifecycle:sweep',
          queue: deps.queue,
          defaultReason: 'START_DATE',
        });
        await recordAuditEvents(
          tx,
          changes.map((c) => ({
            actor,
            action: 'identity.updated',
            entityType: 'Identity',
            entityId: c.after.id,
            subjectId: c.after.id,
            before: { status: c.before.status },
            after: { status: c.after.status },
            metadata: {
              reason: c.after.status === 'TERMINATED' ? 'end date passed' : 'start date reached',
              events: events.get(c.after.id) ?? [],
            },
          })),
        );
        result.left += changes.filter((c) => c.after.status === 'TERMINATED').length;
        result.started += changes.filter((c) => c.after.status === 'ACTIVE').length;
      },
      { timeout: 300_000 },
    );
  }
  // Pre-hires inside the lead window: accounts ready, disabled, before day one (planAccess is idempotent).
  const window = await db.identity.findMany({
    where: { status: 'PREHIRE', startDate: { gt: now, lte: new Date(now.getTime() + lead * DAY_MS) } },
    select: { id: true },
    orderBy: { id: 'asc' },
  });
  for (let i = 0; i < window.length; i += BATCH) {
    const ids = window.slice(i, i + BATCH).map((w) => w.id);
    const planned = await inTransaction(
      db,
      (tx) =>
        planAccess(
          tx,
          ids,
          // Accounts prepared ahead of day one: nobody's grants change here.
          { reason: 'PREHIRE', actor, ref: 'lifecycle:sweep', accessChangedFor: [] },
          { queue: deps.queue, now, prehireLeadDays: lead },
        ),
      { timeout: 300_000 },
    );
    result.prepared += new Set(
      planned.filter((p) => p.kind === 'CREATE_ACCOUNT').map((p) => p.identityId),
    ).size;
  }
  return result;
}

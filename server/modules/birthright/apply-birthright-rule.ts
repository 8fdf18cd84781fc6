import { systemActor, type TActor } from '@/server/auth/actor.ts';
import { planAccess } from '@/server/modules/provisioning/index.ts';
import { inTransaction, type TDb } from '@/server/db/client.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { matchesCondition, ZBirthrightCondition } from './birthright-condition.ts';
import { loadBirthrightPeople } from './birthright-subjects.ts';
import { recomputeBirthright } from './recompute-birthright.ts';

const BATCH = 500;

/**
 * After a rule changed: everyone who holds access from it or matches it now is recomputed and
 * planned, one batch per transaction so a large rule does not lock a hundred thousand people at once.
 */
export async function applyBirthrightRule(
  db: TDb,
  input: { ruleId: string; actor?: TActor },
  deps: { queue: TJobQueue; now?: Date },
): Promise<{ people: number; changed: number; operations: number }> {
  const actor = input.actor ?? systemActor('SCHEDULER');
  const rule = await db.birthrightRule.findUnique({
    where: { id: input.ruleId },
    select: { id: true, enabled: true, condition: true },
  });
  const holders = await db.grant.findMany({
    where: { source: 'BIRTHRIGHT', sourceRef: input.ruleId, status: 'ACTIVE' },
    select: { identityId: true },
    distinct: ['identityId'],
  });
  const ids = new Set(holders.map((h) => h.identityId));
  if (rule?.enabled) {
    const condition = ZBirthrightCondition.parse(rule.condition);
    for (const p of await loadBirthrightPeople(db)) if (matchesCondition(p, condition)) ids.add(p.id);
  }
  const all = [...ids].sort();
  let changed = 0;
  let operations = 0;
  for (let i = 0; i < all.length; i += BATCH) {
    const batch = all.slice(i, i + BATCH);
    const now = deps.now ?? new Date();
    await inTransaction(
      db,
      async (tx) => {
        const touched = await recomputeBirthright(tx, batch, actor, { now });
        changed += touched.length;
        operations += (
          await planAccess(
            tx,
            touched,
            { reason: 'BIRTHRIGHT', actor, ref: `birthright-rule:${input.ruleId}` },
            { queue: deps.queue, now },
          )
        ).length;
      },
      { timeout: 300_000 },
    );
  }
  return { people: all.length, changed, operations };
}

import { systemActor, type TActor } from '@/server/auth/actor.ts';
import { isUniqueViolation } from '@/server/db/errors.ts';
import { inTransaction, type TDb } from '@/server/db/client.ts';
import { recordAuditEvent } from '@/server/modules/audit/record-audit-event.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { checkSod, type TSodConflictSummary } from './check-sod.ts';
import { notifySodWatchers, violationDetails } from './record-violation.ts';
import { peopleInViolation } from './sod-population.ts';

export type TScanResult = {
  people: number;
  open: number;
  found: number;
  resolved: number;
  raisedAgain: number;
};

/**
 * The detective scan (scheduled, and on demand): every person who holds both sides of a rule now,
 * through any grant, becomes an open violation with the grants that cause it; violations that no
 * longer hold are resolved. A violation whose mitigating control has expired is raised again.
 */
export async function runSodScan(
  db: TDb,
  deps: { queue?: TJobQueue; now?: Date; actor?: TActor } = {},
): Promise<TScanResult> {
  const now = deps.now ?? new Date();
  const actor = deps.actor ?? systemActor('SCHEDULER');
  const people = await peopleInViolation(db, now);
  const current = new Map<string, { identityId: string; conflict: TSodConflictSummary }>();
  for (const identityId of people) {
    const { summary } = await checkSod(db, identityId, [], { now });
    for (const c of summary.conflicts) current.set(`${c.ruleId}:${identityId}`, { identityId, conflict: c });
  }
  const open = await db.sodViolation.findMany({
    where: { resolvedAt: null },
    select: { id: true, ruleId: true, identityId: true, mitigationId: true },
  });
  const openByKey = new Map(open.map((v) => [`${v.ruleId}:${v.identityId}`, v]));
  const result: TScanResult = {
    people: people.length,
    open: current.size,
    found: 0,
    resolved: 0,
    raisedAgain: 0,
  };

  for (const v of open.filter((v) => !current.has(`${v.ruleId}:${v.identityId}`))) {
    await db.sodViolation.update({ where: { id: v.id }, data: { resolvedAt: now } });
    result.resolved++;
  }
  for (const [key, { identityId, conflict }] of current) {
    const existing = openByKey.get(key);
    const mitigationId = conflict.mitigation?.id ?? null;
    const details = violationDetails(conflict);
    if (existing) {
      const lapsed = existing.mitigationId !== null && mitigationId === null;
      await inTransaction(db, async (tx) => {
        await tx.sodViolation.update({ where: { id: existing.id }, data: { details, mitigationId } });
        if (!lapsed) return;
        result.raisedAgain++;
        await recordAuditEvent(tx, {
          actor,
          action: 'sod.mitigation_lapsed',
          entityType: 'SodViolation',
          entityId: existing.id,
          subjectId: identityId,
          after: { rule: conflict.ruleName },
        });
        await notifySodWatchers(
          tx,
          {
            kind: 'sod.raised_again',
            title: `A mitigating control expired: ${conflict.ruleName}`,
            body: conflict.explanation,
          },
          deps,
        );
      });
      continue;
    }
    try {
      await inTransaction(db, async (tx) => {
        const created = await tx.sodViolation.create({
          data: { ruleId: conflict.ruleId, identityId, details, mitigationId, detectedAt: now },
          select: { id: true },
        });
        await recordAuditEvent(tx, {
          actor,
          action: 'sod.violation_found',
          entityType: 'SodViolation',
          entityId: created.id,
          subjectId: identityId,
          after: { rule: conflict.ruleName, status: conflict.status },
        });
        if (conflict.status !== 'MITIGATED') {
          await notifySodWatchers(
            tx,
            {
              kind: 'sod.violation',
              title: `Segregation of duties violated: ${conflict.ruleName}`,
              body: conflict.explanation,
            },
            deps,
          );
        }
      });
      result.found++;
    } catch (error) {
      // Another scan recorded it a moment ago.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return result;
}

import { systemActor, type TActor } from '@/server/auth/actor.ts';
import { chunk } from '@/server/lib/chunk.ts';
import { inTransaction, type Prisma, type TDb } from '@/server/db/client.ts';
import { recordAuditEvents } from '@/server/modules/audit/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { checkSodForMany, type TSodConflictSummary } from './check-sod.ts';
import { notifySodWatchersOfMany, violationDetails } from './record-violation.ts';
import { violationPairs } from './sod-population.ts';

export type TScanResult = {
  people: number;
  open: number;
  found: number;
  resolved: number;
  raisedAgain: number;
};

/**
 * People looked at together: their (person, rule) pairs in one statement (its aggregation of every
 * rule side their holdings touch stays in memory at this size), then the ones in violation checked by
 * one checkSodForMany call asked about only their broken rules (its few queries cost the same for 1
 * or 1,000 people).
 */
const SCAN_PAGE = 1_000;
/** Violations written by one transaction (each with its audit events and notifications). */
const WRITE_CHUNK = 1_000;
const TX = { timeout: 120_000, maxWait: 30_000 };

type TFinding = { identityId: string; conflict: TSodConflictSummary };
type TOpen = { id: string; ruleId: string; identityId: string; mitigationId: string | null };
type TScanDeps = { queue?: TJobQueue; now: Date; actor: TActor };

const keyOf = (v: { ruleId: string; identityId: string }) => `${v.ruleId}:${v.identityId}`;

/**
 * The detective scan (scheduled, on demand, and for the people a change of access touched): every
 * person who holds both sides of a rule now,
 * through any grant, becomes an open violation with the grants that cause it; violations that no
 * longer hold are resolved. A violation whose mitigating control has expired is raised again.
 * Set-based (issue 14): a page of people at a time, the rules each breaks in one statement and their
 * checks, of those rules only, through the one SoD check; and the writes a thousand violations a statement, each chunk in one transaction
 * with its audit events and notifications.
 */
export async function runSodScan(
  db: TDb,
  options: {
    queue?: TJobQueue;
    now?: Date;
    actor?: TActor;
    /** Only these people (planAccess: whoever's access just changed); everyone when absent. */
    identityIds?: readonly string[];
  } = {},
): Promise<TScanResult> {
  const deps: TScanDeps = {
    queue: options.queue,
    now: options.now ?? new Date(),
    actor: options.actor ?? systemActor('SCHEDULER'),
  };
  // Everyone, a page at a time: the rules each person breaks, found set-based; then the one SoD check
  // explains and mitigates exactly those (checking every rule a person touches finds no others: a
  // rule is broken when both its sides are held, which is what the statement finds).
  const everyone = options.identityIds
    ? [...new Set(options.identityIds)].sort().map((id) => ({ id }))
    : await db.identity.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  const current = new Map<string, TFinding>();
  let people = 0;
  for (let start = 0; start < everyone.length; start += SCAN_PAGE) {
    const page = everyone.slice(start, start + SCAN_PAGE).map((p) => p.id);
    const rulesOf = new Map<string, string[]>();
    for (const { identityId, ruleId } of await violationPairs(db, deps.now, page)) {
      const rules = rulesOf.get(identityId);
      if (rules) rules.push(ruleId);
      else rulesOf.set(identityId, [ruleId]);
    }
    if (rulesOf.size === 0) continue;
    people += rulesOf.size;
    const candidates = [...rulesOf];
    const checks = await checkSodForMany(
      db,
      candidates.map(([identityId, rules]) => ({ identityId, requested: [], rules })),
      { now: deps.now },
    );
    candidates.forEach(([identityId], i) => {
      for (const conflict of checks[i]!.summary.conflicts)
        current.set(keyOf({ ruleId: conflict.ruleId, identityId }), { identityId, conflict });
    });
  }
  const open: TOpen[] = await db.sodViolation.findMany({
    where: {
      resolvedAt: null,
      ...(options.identityIds ? { identityId: { in: everyone.map((p) => p.id) } } : {}),
    },
    select: { id: true, ruleId: true, identityId: true, mitigationId: true },
  });
  const openByKey = new Map(open.map((v) => [keyOf(v), v]));
  const result: TScanResult = {
    people,
    open: current.size,
    found: 0,
    resolved: 0,
    raisedAgain: 0,
  };

  const gone = open.filter((v) => !current.has(keyOf(v))).map((v) => v.id);
  for (const ids of chunk(gone, WRITE_CHUNK)) {
    const { count } = await db.sodViolation.updateMany({
      where: { id: { in: ids }, resolvedAt: null },
      data: { resolvedAt: deps.now },
    });
    result.resolved += count;
  }
  const still: Array<TFinding & { existing: TOpen }> = [];
  const fresh: TFinding[] = [];
  for (const [key, finding] of current) {
    const existing = openByKey.get(key);
    if (existing) still.push({ ...finding, existing });
    else fresh.push(finding);
  }
  for (const part of chunk(still, WRITE_CHUNK))
    result.raisedAgain += await inTransaction(db, (tx) => refreshOpen(tx, part, deps), TX);
  for (const part of chunk(fresh, WRITE_CHUNK))
    result.found += await inTransaction(db, (tx) => recordFound(tx, part, deps), TX);
  return result;
}

/**
 * Violations still open get today's details and mitigation (rows that did not change are not
 * written); those whose mitigation has lapsed are audited and announced. Answers how many lapsed.
 */
async function refreshOpen(
  tx: Prisma.TransactionClient,
  chunk: ReadonlyArray<TFinding & { existing: TOpen }>,
  deps: TScanDeps,
): Promise<number> {
  const rows = chunk.map(({ existing, conflict }) => ({
    id: existing.id,
    details: violationDetails(conflict),
    mitigationId: conflict.mitigation?.id ?? null,
  }));
  await tx.$executeRaw`
    UPDATE "SodViolation" v SET details = u.details, "mitigationId" = u."mitigationId"
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS u(id uuid, details jsonb, "mitigationId" uuid)
     WHERE v.id = u.id AND (v.details IS DISTINCT FROM u.details OR v."mitigationId" IS DISTINCT FROM u."mitigationId")`;
  const lapsed = chunk.filter((f) => f.existing.mitigationId !== null && !f.conflict.mitigation);
  await recordAuditEvents(
    tx,
    lapsed.map((f) => ({
      actor: deps.actor,
      action: 'sod.mitigation_lapsed' as const,
      entityType: 'SodViolation' as const,
      entityId: f.existing.id,
      subjectId: f.identityId,
      after: { rule: f.conflict.ruleName },
    })),
  );
  await notifySodWatchersOfMany(
    tx,
    lapsed.map((f) => ({
      kind: 'sod.raised_again',
      title: `A mitigating control expired: ${f.conflict.ruleName}`,
      body: f.conflict.explanation,
    })),
    deps,
  );
  return lapsed.length;
}

/**
 * New violations, recorded with their audit events, and announced unless mitigated. One that
 * another scan recorded a moment ago is left to it (the partial unique index on open violations):
 * only the rows this statement inserted are audited and counted.
 */
async function recordFound(
  tx: Prisma.TransactionClient,
  chunk: readonly TFinding[],
  deps: TScanDeps,
): Promise<number> {
  const rows = chunk.map(({ identityId, conflict }) => ({
    ruleId: conflict.ruleId,
    identityId,
    details: violationDetails(conflict),
    mitigationId: conflict.mitigation?.id ?? null,
    detectedAt: deps.now.toISOString(),
  }));
  const inserted = await tx.$queryRaw<Array<{ id: string; ruleId: string; identityId: string }>>`
    INSERT INTO "SodViolation" (id, "ruleId", "identityId", details, "mitigationId", "detectedAt")
    SELECT gen_random_uuid(), v."ruleId", v."identityId", v.details, v."mitigationId", v."detectedAt"
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS v("ruleId" uuid, "identityId" uuid, details jsonb, "mitigationId" uuid, "detectedAt" timestamp(3))
    ON CONFLICT ("ruleId", "identityId") WHERE "resolvedAt" IS NULL DO NOTHING
    RETURNING id::text, "ruleId"::text, "identityId"::text`;
  const idOf = new Map(inserted.map((v) => [keyOf(v), v.id]));
  const recorded = chunk.filter((f) =>
    idOf.has(keyOf({ ruleId: f.conflict.ruleId, identityId: f.identityId })),
  );
  await recordAuditEvents(
    tx,
    recorded.map(({ identityId, conflict }) => ({
      actor: deps.actor,
      action: 'sod.violation_found' as const,
      entityType: 'SodViolation' as const,
      entityId: idOf.get(keyOf({ ruleId: conflict.ruleId, identityId }))!,
      subjectId: identityId,
      after: { rule: conflict.ruleName, status: conflict.status },
    })),
  );
  await notifySodWatchersOfMany(
    tx,
    recorded
      .filter((f) => f.conflict.status !== 'MITIGATED')
      .map(({ conflict }) => ({
        kind: 'sod.violation',
        title: `Segregation of duties violated: ${conflict.ruleName}`,
        body: conflict.explanation,
      })),
    deps,
  );
  return recorded.length;
}

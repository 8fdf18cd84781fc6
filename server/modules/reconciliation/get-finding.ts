import type { TUserActor } from '@/server/auth/actor.ts';
import { Prisma, type TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { assertMayApproveAdoption, mayDecideFinding } from './finding-scope.ts';
import { findingContextQuery, loadFindingsWithContext } from './finding-context.ts';
import { reviewScopeOf, scopeCondition } from './review-scope.ts';

/**
 * One finding with its context and its history: the run that first found it, the last run that saw
 * it, and its decision. Outside the actor's review scope it does not exist for them (NOT_FOUND, as
 * for an id that names nothing), except for the manager of its person once they have been asked
 * about it (manager-ask.ts): they read this finding, and nothing else of the queue.
 */
export async function getFinding(
  db: TDb,
  actor: TUserActor,
  input: { findingId: string },
  deps: { now: Date },
) {
  const scope = await reviewScopeOf(db, actor);
  const asked = Prisma.sql`EXISTS (SELECT 1 FROM "FindingManagerAsk" ak JOIN "Identity" ap ON ap."id" = f."identityId"
    WHERE ak."findingId" = f."id" AND ap."managerId" = ${actor.identityId}::uuid)`;
  const where = Prisma.sql`f."id" = ${input.findingId}::uuid AND (${scopeCondition(scope)} OR ${asked})`;
  const [finding] = await loadFindingsWithContext(
    db,
    findingContextQuery(where, Prisma.sql`f."id"`, 1, deps.now),
    { ...deps, actor },
  );
  if (!finding) throw new AppError('NOT_FOUND', 'No such finding, or it is not yours to review.');
  const row = await db.reconciliationFinding.findUniqueOrThrow({
    where: { id: finding.id },
    select: {
      runId: true,
      lastRunId: true,
      details: true,
      status: true,
      decision: true,
      grantId: true,
      identityId: true,
      decidedById: true,
      applicationId: true,
      entitlement: { select: { ownerId: true } },
      application: { select: { ownerId: true } },
      identity: { select: { managerId: true } },
      managerAsks: { where: { answeredAt: null }, select: { id: true }, take: 1 },
    },
  });
  const reviews = mayDecideFinding(actor, row);
  const isManager = row.identity?.managerId === actor.identityId;
  // An adoption waiting for the owner's approval (IN_PROGRESS, ADOPT, no grant yet), and whether this
  // reader is the one who may give it: the same check approveAdoption makes.
  const waiting = row.status === 'IN_PROGRESS' && row.decision === 'ADOPT' && row.grantId === null;
  const runIds = [...new Set([row.runId, ...(row.lastRunId ? [row.lastRunId] : [])])];
  const runs = await db.reconciliationRun.findMany({
    where: { id: { in: runIds } },
    select: { id: true, mode: true, trigger: true, status: true, startedAt: true, finishedAt: true },
  });
  const runOf = (id: string | null) => runs.find((r) => r.id === id) ?? null;
  return {
    ...finding,
    firstRun: runOf(row.runId),
    lastRun: runOf(row.lastRunId),
    details: JSON.stringify(row.details ?? {}),
    adoptionApproval: waiting ? { mayApprove: mayApprove(actor, row) } : null,
    viewer: {
      /** Reads it only as the manager who was asked: no decisions, no queue. */
      asManager: !reviews && scope.kind !== 'ALL' && isManager,
      mayDecide: reviews,
      mayAskManager:
        reviews &&
        row.status !== 'RESOLVED' &&
        Boolean(row.identity?.managerId) &&
        row.managerAsks.length === 0,
      mayAnswer: isManager && row.managerAsks.length > 0,
    },
  };
}

function mayApprove(actor: TUserActor, f: Parameters<typeof assertMayApproveAdoption>[1]): boolean {
  try {
    assertMayApproveAdoption(actor, f);
    return true;
  } catch (e) {
    if (e instanceof AppError) return false;
    throw e;
  }
}

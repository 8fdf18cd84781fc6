import { systemActor } from '@/server/auth/actor.ts';
import { inTransaction, type TDb } from '@/server/db/client.ts';
import { entitlementKey, type TApplicationConnection } from '@/server/connectors/registry.ts';
import type { TConnector } from '@/server/connectors/sdk/connector.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { applicationMapping, replanAccess } from '@/server/modules/provisioning/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { correlateObservedAccounts, plannedAccountLinker } from './correlate-observed-accounts.ts';
import { detectFindings } from './detect-findings.ts';
import { reactToFindings } from './react-to-findings.ts';
import { resolveUnseenFindings, upsertFindings, type TFindingCoverage } from './finding-store.ts';
import { observedLinks } from './observed-state-store.ts';
import { readTargetIntoObserved, type TReadScope } from './read-target.ts';
import { reconciliationSettingsOf } from './reconciliation-settings.ts';
import { loadPlanSide, loadReconciliationStates, type TStateScope } from './reconciliation-states.ts';
import { affectedAccounts, personScope } from './run-scope.ts';

export type TRunDeps = {
  /** The application's connector (the worker's ConnectorCache). */
  connectorFor: (app: TApplicationConnection & { id: string; updatedAt: Date }) => TConnector;
  /** For a person's resync, which re-plans the person after reading their accounts back. */
  queue: TJobQueue;
  /** Reads the application's entitlements into the catalog first (docs/decisions/058); full runs only. */
  aggregate?: (applicationId: string) => Promise<unknown>;
  now?: () => Date;
};

/** How far before the early load began a change counts as made during it (clocks of writers may differ a little). */
const EARLY_LOAD_MARGIN_MS = 5_000;

export type TRunOutcome = { status: 'SUCCEEDED' | 'FAILED' | 'SKIPPED'; error?: string };

/**
 * One reconciliation run (docs/decisions/055): read the target back into its observed state, link
 * what was read to the plan (correlating people on onboarding), diff desired, committed and
 * observed with the one diff engine, and keep one finding per fact. The run's counters move page
 * by page. A run not QUEUED any more (done, or taken by another worker) is left alone.
 */
export async function runReconciliation(db: TDb, runId: string, deps: TRunDeps): Promise<TRunOutcome> {
  const clock = deps.now ?? (() => new Date());
  const startedAt = clock();
  const claimed = await db.reconciliationRun.updateMany({
    where: { id: runId, status: 'QUEUED' },
    data: { status: 'RUNNING', startedAt },
  });
  if (claimed.count === 0) return { status: 'SKIPPED' };
  const run = await db.reconciliationRun.findUniqueOrThrow({
    where: { id: runId },
    select: { id: true, applicationId: true, mode: true, trigger: true, identityId: true },
  });
  const app = await db.application.findUniqueOrThrow({
    where: { id: run.applicationId },
    select: {
      id: true,
      name: true,
      connectorType: true,
      config: true,
      secrets: true,
      updatedAt: true,
      attributeMapping: true,
      reconciliation: true,
    },
  });
  const at = { applicationId: app.id, runId, now: startedAt };
  const stats: Record<string, unknown> = {};
  // Milliseconds per phase, kept in stats: where a slow run spends its time.
  const timings: Record<string, number> = {};
  let mark = Date.now();
  const lap = (phase: string) => {
    const at = Date.now();
    timings[phase] = at - mark;
    mark = at;
  };
  stats.timings = timings;
  try {
    const settings = reconciliationSettingsOf(app.reconciliation);
    const connector = deps.connectorFor(app);
    const mapping = applicationMapping(app);
    const previous = run.mode === 'INCREMENTAL' ? await lastWatermark(db, app.id) : null;
    const person =
      run.mode === 'PERSON' && run.identityId ? await personScope(db, app.id, run.identityId) : null;
    const readScope: TReadScope = person
      ? { kind: 'ACCOUNTS', accounts: person.accounts, observedAccountIds: person.observedAccountIds }
      : previous && connector.capabilities.has('changes')
        ? { kind: 'CHANGED', since: previous }
        : { kind: 'FULL' };
    // An incremental run with nothing to start from (the first, or a target without a change
    // marker) reads everything: it is a full run in all but name.
    stats.readAs = readScope.kind;

    // A full run starts from the catalog as the target has it now: new groups are in it (unreviewed)
    // before their memberships are read, vanished ones are flagged and their grants handled.
    if (readScope.kind === 'FULL' && deps.aggregate) {
      await deps.aggregate(app.id);
      lap('aggregate');
    }
    const keep = new Map<string, string>(
      [...Object.keys(mapping), ...settings.correlation.map((r) => r.accountAttribute)].map((n) => [
        n.toLowerCase(),
        n,
      ]),
    );
    // Keyed as the target compares ids: a catalog DN typed with other case or spacing still matches.
    const keyOf = (externalId: string) => entitlementKey(app.connectorType, externalId);
    const entitlements = new Map(
      (
        await db.entitlement.findMany({
          where: { applicationId: app.id },
          select: { id: true, externalId: true },
        })
      ).map((e) => [keyOf(e.externalId), e.id]),
    );
    // A full run's committed half does not depend on the read: it loads beside the read's own
    // preloads, before the target is read (what the portal changes until the diff is loaded again
    // afterwards, from a little before this).
    const early =
      readScope.kind === 'FULL'
        ? { since: new Date(clock().getTime() - EARLY_LOAD_MARGIN_MS), plan: loadPlanSide(db, app.id, null) }
        : undefined;
    // Awaited with the states; until then a failure must not count as unhandled.
    early?.plan.catch(() => {});
    const read = await readTargetIntoObserved(db, {
      run: { id: runId, applicationId: app.id },
      connector,
      scope: readScope,
      now: startedAt,
      keep,
      link: plannedAccountLinker(db, app.id, { whole: readScope.kind === 'FULL' }),
      loadedFirst: early?.plan,
      entitlementIdOf: (externalId) => entitlements.get(keyOf(externalId)),
      progress: (counters) =>
        db.reconciliationRun.update({ where: { id: runId }, data: counters }).then(() => undefined),
    });
    lap('read');
    stats.readTimings = read.timings;
    Object.assign(stats, {
      written: read.written,
      unknownGroups: read.unknownGroups,
      unknownMembers: read.unknownMembers,
      membershipsEnded: read.membershipsEnded,
      accountsGone: read.accountsGone,
    });

    const correlation = await correlateObservedAccounts(db, {
      applicationId: app.id,
      runId,
      rules: settings.correlation,
      onboarding: run.trigger === 'ONBOARDING',
      now: startedAt,
      wholeRead: readScope.kind === 'FULL',
    });
    lap('correlate');
    Object.assign(stats, {
      linked: correlation.linked,
      discovered: correlation.discoveredAccountIds.size,
      suggested: correlation.suggested.size,
    });

    const scope: TStateScope =
      readScope.kind === 'FULL'
        ? { kind: 'ALL' }
        : person
          ? {
              kind: 'SOME',
              observedAccountIds: [...new Set([...person.observedAccountIds, ...read.readAccountIds])],
              accountIds: person.accountIds,
            }
          : await affectedAccounts(db, app.id, runId, read);
    // A full read hands over what it left in the observed state; correlation may have linked some of
    // its unlinked accounts since.
    if (read.observed) {
      const links = await observedLinks(
        db,
        read.observed.flatMap((o) => (o.accountId ? [] : [o.id])),
      );
      for (const o of read.observed) o.accountId ??= links.get(o.id) ?? null;
    }
    const states = await loadReconciliationStates(db, app.id, scope, early, read.observed);
    lap('load');
    const detection = detectFindings({
      applicationId: app.id,
      states,
      mapping,
      startedAt,
      now: clock(),
      coversAbsence: readScope.kind !== 'CHANGED',
      discoveredAccountIds: correlation.discoveredAccountIds,
      suggested: correlation.suggested,
    });
    lap('diff');
    const upserted = await upsertFindings(db, at, detection.facts);
    const coverage: TFindingCoverage = scope.kind === 'ALL' ? { kind: 'ALL' } : scope;
    const closed = await resolveUnseenFindings(db, at, coverage, detection.deferredKeys);
    lap('findings');
    const byKind: Record<string, number> = {};
    for (const f of detection.facts) byKind[f.kind] = (byKind[f.kind] ?? 0) + 1;
    Object.assign(stats, {
      byKind,
      openedByKind: upserted.openedByKind,
      deferred: detection.deferredKeys.length,
    });

    // What the application's settings say to do about its findings (revert, adopt), unless the
    // mass-change guard holds the run for a person to confirm (docs/decisions/056).
    const reaction = await reactToFindings(db, { runId }, { queue: deps.queue, now: clock() });
    lap('react');
    Object.assign(stats, {
      reactions: {
        reverted: reaction.reverted,
        adopted: reaction.adopted,
        refused: reaction.refused,
        held: reaction.held,
      },
    });
    const status = reaction.held ? 'HELD' : 'SUCCEEDED';

    const watermark =
      readScope.kind === 'ACCOUNTS' ? null : nextWatermark(read.latestChange, startedAt, previous);
    await inTransaction(db, async (tx) => {
      await tx.reconciliationRun.update({
        where: { id: runId },
        data: {
          status,
          accountsRead: read.accountsRead,
          membershipsRead: read.membershipsRead,
          entitlementsRead: read.entitlementsRead,
          findingsOpened: upserted.opened,
          findingsClosed: closed,
          stats: stats as object,
          watermark: watermark?.toISOString() ?? null,
          finishedAt: clock(),
        },
      });
      await recordFinished(tx, app, runId, { status, byKind, opened: upserted.opened, closed });
    });
    // A resync re-applies the person's desired state once their accounts are read back.
    if (run.mode === 'PERSON' && run.identityId) {
      await replanAccess(
        db,
        {
          identityIds: [run.identityId],
          reason: 'RECONCILIATION',
          actor: systemActor('RECONCILIATION'),
          accessChanged: false,
        },
        { queue: deps.queue },
      );
    }
    return { status: 'SUCCEEDED' };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await inTransaction(db, async (tx) => {
      await tx.reconciliationRun.update({
        where: { id: runId },
        data: {
          status: 'FAILED',
          error: message.slice(0, 2000),
          stats: stats as object,
          finishedAt: clock(),
        },
      });
      await recordFinished(tx, app, runId, {
        status: 'FAILED',
        byKind: {},
        opened: 0,
        closed: 0,
        error: message.slice(0, 500),
      });
    });
    return { status: 'FAILED', error: message };
  }
}

/**
 * Where the next incremental read starts. A change this run did not see happened after it started,
 * so the run's start would do, in the target's clock; the target's own latest change time stands in
 * for that clock. Change times have whole seconds: when the latest change seen is in an earlier
 * second than the start, nothing can still change in that second, so the next read starts at the
 * second after it (entries changed in it were read whole by this run); otherwise at its second.
 * This assumes the target's clock and the worker's agree to within a second (NTP); the scheduled
 * full run is the safety net for a target whose clock does not.
 */
function nextWatermark(latestChange: Date | null, startedAt: Date, previous: Date | null): Date {
  if (!latestChange) return previous ?? startedAt;
  const second = Math.floor(latestChange.getTime() / 1000) * 1000;
  return new Date(
    second + 1000 <= startedAt.getTime() ? second + 1000 : Math.min(second, startedAt.getTime()),
  );
}

/** Where the next incremental read starts: the last successful full or incremental run's watermark. */
async function lastWatermark(db: TDb, applicationId: string): Promise<Date | null> {
  const last = await db.reconciliationRun.findFirst({
    where: {
      applicationId,
      status: 'SUCCEEDED',
      mode: { in: ['FULL', 'INCREMENTAL'] },
      watermark: { not: null },
    },
    orderBy: { finishedAt: 'desc' },
    select: { watermark: true },
  });
  return last?.watermark ? new Date(last.watermark) : null;
}

function recordFinished(
  tx: Parameters<typeof recordAuditEvent>[0],
  app: { id: string; name: string },
  runId: string,
  after: { status: string; byKind: Record<string, number>; opened: number; closed: number; error?: string },
) {
  return recordAuditEvent(tx, {
    actor: systemActor('RECONCILIATION'),
    action: 'reconciliation.run_finished',
    entityType: 'Application',
    entityId: app.id,
    metadata: { runId },
    after: { application: app.name, ...after },
  });
}

import { systemActor } from '@/server/auth/actor.ts';
import type { Prisma, TPrisma } from '@/server/db/client.ts';
import { recordAuditEvent } from '@/server/modules/audit/record-audit-event.ts';
import { ingestSourceRecords } from '@/server/modules/lifecycle/ingest-source-records.ts';
import type { TIngestOutcome, TSourceRecord } from '@/server/modules/lifecycle/source-record.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { parseSourceConfig, type TSourceConfig } from './source-config.ts';
import { retireStagedFile, type TSourceFiles } from './source-files.ts';
import { sourceReaderFor } from './source-reader-for.ts';
import type { TReadBatches } from './source-readers.ts';
import { mapSourceRow, type TReportEntry } from './source-row.ts';
import { listUnlisted, validateSource, withoutUnchanged, type TValidation } from './validate-source.ts';

export type TSourceRunDeps = {
  queue: TJobQueue;
  files: TSourceFiles;
  secretKey: Buffer;
  now?: () => Date;
  /** Overrides CHANGED_IN_MEMORY_LIMIT (tests exercise the second read with it). */
  changedInMemoryLimit?: number;
};

export type TRunStats = {
  rows: number;
  fatal: number;
  warnings: number;
  deprovisions: number;
  population?: number;
  created?: number;
  updated?: number;
  unchanged?: number;
  pending?: number;
  conflicts?: number;
  joiners?: number;
  movers?: number;
  leavers?: number;
  rehires?: number;
  durationMs?: number;
  identitiesPerSecond?: number;
  confirmedDeprovisions?: number;
  error?: string;
};

export type TRunStatus = 'SUCCEEDED' | 'FAILED' | 'REJECTED' | 'HELD';

/**
 * Runs a source run to its end. First pass: validate every row and count who would be
 * deprovisioned; fatal errors reject the run and apply nothing; a deprovisioning share above the
 * source's threshold holds it for the identity team (a confirmed run applies up to what was
 * confirmed). Second pass: apply batch by batch through the one ingestion path, then set managers
 * who appeared later in the file, and (snapshot sources) retire the people no longer listed.
 */
export async function runSource(db: TPrisma, runId: string, deps: TSourceRunDeps): Promise<TRunStatus | null> {
  const run = await db.sourceRun.findUnique({
    where: { id: runId },
    select: { id: true, status: true, trigger: true, fileName: true, confirmedById: true, stats: true, source: { select: { id: true, name: true, kind: true, config: true, secrets: true } } },
  });
  if (!run || run.status !== 'RUNNING') return null;
  const clock = deps.now ?? (() => new Date());
  const startedAt = Date.now();
  let config: TSourceConfig | undefined;
  let stats: TRunStats = { rows: 0, fatal: 0, warnings: 0, deprovisions: 0 };
  let status: TRunStatus = 'FAILED';
  let report: TReportEntry[] = [];
  let heldReason: string | null = null;
  try {
    config = parseSourceConfig(run.source.config);
    const read = sourceReaderFor(run, config, deps);
    const validation = await validateSource(db, { id: run.source.id, config }, read, { now: clock(), changedInMemoryLimit: deps.changedInMemoryLimit });
    report = validation.report;
    stats = { rows: validation.rows, fatal: validation.fatal, warnings: validation.warnings, deprovisions: validation.deprovisions };
    if (validation.fatal > 0) {
      status = 'REJECTED';
      return status;
    }
    const population = await db.identity.count({ where: { status: { not: 'TERMINATED' } } });
    stats.population = population;
    const confirmed = run.confirmedById ? Number((run.stats as TRunStats).confirmedDeprovisions ?? 0) : -1;
    if (validation.deprovisions > 0 && validation.deprovisions / Math.max(1, population) > config.massChangeThreshold && validation.deprovisions > confirmed) {
      status = 'HELD';
      heldReason = `This sync would deprovision ${validation.deprovisions} of ${population} people (${percent(validation.deprovisions / Math.max(1, population))}), above the ${percent(config.massChangeThreshold)} safeguard. Nothing was applied.`;
      return status;
    }
    Object.assign(stats, await applySource(db, run, config, read, validation, deps, clock));
    stats.durationMs = Date.now() - startedAt;
    stats.identitiesPerSecond = Math.round((stats.rows / Math.max(1, stats.durationMs)) * 1000);
    status = 'SUCCEEDED';
    return status;
  } catch (error) {
    stats.error = (error as Error).message;
    status = 'FAILED';
    return status;
  } finally {
    if (run.confirmedById) stats.confirmedDeprovisions = (run.stats as TRunStats).confirmedDeprovisions;
    await finishRun(db, run, { status, stats, report, heldReason }, clock());
    if (status !== 'HELD') await retireStagedFile(deps.files, run, config?.folder).catch(() => {});
  }
}

async function applySource(
  db: TPrisma,
  run: { id: string; source: { id: string; kind: string } },
  config: TSourceConfig,
  read: TReadBatches,
  validation: TValidation,
  deps: TSourceRunDeps,
  clock: () => Date,
): Promise<Partial<TRunStats>> {
  const source = { id: run.source.id, origin: run.source.kind };
  const ingestDeps = { queue: deps.queue, ref: `source-run:${run.id}`, actor: systemActor('SOURCE') };
  const tally: Partial<TRunStats> = { created: 0, updated: 0, unchanged: 0, pending: 0, conflicts: 0, joiners: 0, movers: 0, leavers: 0, rehires: 0 };
  const unresolved: TSourceRecord[] = [];
  const count = (outcomes: TIngestOutcome[]) => {
    for (const o of outcomes) {
      const key = ({ created: 'created', updated: 'updated', unchanged: 'unchanged', correlation_pending: 'pending' } as const)[o.outcome];
      tally[key] = (tally[key] ?? 0) + 1;
      if (o.conflicts?.length) tally.conflicts! += 1;
      for (const e of o.events) tally[({ JOINER: 'joiners', MOVER: 'movers', LEAVER: 'leavers', REHIRE: 'rehires' } as const)[e]]! += 1;
      if (o.unresolvedManager) unresolved.push({ externalId: o.externalId, managerEmployeeNumber: o.unresolvedManager });
    }
  };
  // Batches of one run touch different people (the file has no duplicates: validation saw to that),
  // so a few are applied side by side: the database works on one while this process prepares the next.
  const inFlight = new Set<Promise<void>>();
  const apply = async (records: TSourceRecord[]) => {
    const applying: Promise<void> = ingestSourceRecords(db, source, records, { ...ingestDeps, now: clock() })
      .then(count)
      .finally(() => inFlight.delete(applying));
    inFlight.add(applying);
    if (inFlight.size >= config.parallelBatches) await Promise.race(inFlight);
  };
  // Rows identical to what the source sent last time are recognised by their stored hash (one read
  // per batch) and never enter a transaction, so the work goes into full batches of people who
  // changed. A small change set came from the first pass already; a large one is read again.
  const applyChanged = async (changed: TSourceRecord[]) => {
    for (let i = 0; i < changed.length; i += config.batchSize) await apply(changed.slice(i, i + config.batchSize));
  };
  try {
    if (validation.changed) {
      tally.unchanged = validation.unchanged;
      await applyChanged(validation.changed);
    } else {
      let pendingWork: TSourceRecord[] = [];
      for await (const batch of read()) {
        const records = batch.flatMap((raw) => mapSourceRow(raw, config).record ?? []);
        const changed = await withoutUnchanged(db, source.id, records);
        tally.unchanged! += records.length - changed.length;
        pendingWork.push(...changed);
        while (pendingWork.length >= config.batchSize) {
          await apply(pendingWork.slice(0, config.batchSize));
          pendingWork = pendingWork.slice(config.batchSize);
        }
      }
      await applyChanged(pendingWork);
    }
    await Promise.all(inFlight);
  } finally {
    await Promise.allSettled(inFlight);
  }
  // Managers listed after their reports: now that everyone is in, set them.
  const fixups = unresolved.splice(0);
  for (let i = 0; i < fixups.length; i += config.batchSize) {
    await ingestSourceRecords(db, source, fixups.slice(i, i + config.batchSize), { ...ingestDeps, now: clock(), force: true });
  }
  if (config.snapshot) {
    const gone = await listUnlisted(db, run.source.id, validation.seen);
    for (let i = 0; i < gone.length; i += config.batchSize) {
      const records = gone.slice(i, i + config.batchSize).map((externalId) => ({ externalId, status: 'TERMINATED' as const }));
      count(await ingestSourceRecords(db, source, records, { ...ingestDeps, now: clock() }));
    }
  }
  return tally;
}

async function finishRun(
  db: TPrisma,
  run: { id: string; source: { name: string } },
  result: { status: TRunStatus; stats: TRunStats; report: TReportEntry[]; heldReason: string | null },
  now: Date,
) {
  await db.$transaction(async (tx) => {
    await tx.sourceRun.update({
      where: { id: run.id },
      data: {
        status: result.status,
        stats: result.stats as Prisma.InputJsonValue,
        report: result.report as unknown as Prisma.InputJsonValue,
        heldReason: result.heldReason,
        finishedAt: result.status === 'HELD' ? null : now,
      },
    });
    await recordAuditEvent(tx, {
      actor: systemActor('SOURCE'),
      action: result.status === 'HELD' ? 'source.run_held' : 'source.run_finished',
      entityType: 'SourceRun',
      entityId: run.id,
      after: { source: run.source.name, status: result.status, stats: result.stats, heldReason: result.heldReason },
    });
  });
}

const percent = (x: number) => `${(x * 100).toFixed(x < 0.1 ? 1 : 0)}%`;

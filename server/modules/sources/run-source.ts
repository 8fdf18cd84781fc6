import { systemActor } from '@/server/auth/actor.ts';
import { inTransaction, type Prisma, type TPrisma } from '@/server/db/client.ts';
import { isAppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { applySource, ApplyStoppedError, type TRunPeople } from './apply-source.ts';
import { loadRunDeciders } from './run-deciders.ts';
import { parseSourceConfig, type TSourceConfig } from './source-config.ts';
import { sourceReaderFor } from './source-reader-for.ts';
import { deleteStagedFile } from './staged-files.ts';
import { SourceReadError } from './source-readers.ts';
import type { TReportEntry } from './source-row.ts';
import { REPORT_LIMIT, validateSource, type TLeaving } from './validate-source.ts';

export type TSourceRunDeps = {
  queue: TJobQueue;
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
  /** Valid rows a run that stopped part-way did not apply (each is in the report as NOT_APPLIED). */
  notApplied?: number;
  /** What stopped the run, in words for the admin; the underlying error goes to the log. */
  error?: string;
  /** Required columns the file lacks (it was rejected for them), and columns it has that the source does not read. */
  missingColumns?: string[];
  unknownColumns?: string[];
  /** Who joined, moved, left and came back, by identity id (the first PEOPLE_LIMIT of each; the counts say how many). */
  people?: TRunPeople;
  /** Held: whom it would deprovision and why (the first LEAVING_LIMIT; `deprovisions` counts them all). */
  leaving?: TLeaving[];
};

/** PARTIAL: applying stopped after some batches committed; the stats count exactly what they did. */
export type TRunStatus = 'SUCCEEDED' | 'PARTIAL' | 'FAILED' | 'REJECTED' | 'HELD';

/**
 * Runs a source run to its end. First pass: validate every row and count who would be
 * deprovisioned; fatal errors reject the run and apply nothing; a deprovisioning share above the
 * source's threshold holds it for the identity team (a confirmed run applies up to what was
 * confirmed). Second pass: apply batch by batch through the one ingestion path, then set managers
 * who appeared later in the file, and (snapshot sources) retire the people no longer listed.
 */
export async function runSource(
  db: TPrisma,
  runId: string,
  deps: TSourceRunDeps,
): Promise<TRunStatus | null> {
  const run = await db.sourceRun.findUnique({
    where: { id: runId },
    select: {
      id: true,
      status: true,
      trigger: true,
      fileName: true,
      confirmedById: true,
      stats: true,
      source: { select: { id: true, name: true, kind: true, config: true, secrets: true } },
    },
  });
  if (!run || run.status !== 'RUNNING') return null;
  const clock = deps.now ?? (() => new Date());
  const startedAt = Date.now();
  let config: TSourceConfig | undefined;
  let stats: TRunStats = { rows: 0, fatal: 0, warnings: 0, deprovisions: 0 };
  let status: TRunStatus = 'FAILED';
  let report: TReportEntry[] = [];
  let heldReason: string | null = null;
  let touchedDeciderIds: string[] = [];
  try {
    config = parseSourceConfig(run.source.config);
    const read = sourceReaderFor(db, run, config, deps);
    // The mass-change guard's population, counted on another connection while this process validates
    // (validation writes nothing, so it is the same count as after it: about 0.1 s at 100,000 people).
    const counting = db.identity.count({ where: { status: { not: 'TERMINATED' } } });
    counting.catch(() => {}); // awaited below unless validation fails first
    const validation = await validateSource(db, { id: run.source.id, config }, read, {
      now: clock(),
      changedInMemoryLimit: deps.changedInMemoryLimit,
      deciders: await loadRunDeciders(db, run.source.id, run.confirmedById),
    });
    report = validation.report;
    stats = {
      rows: validation.rows,
      fatal: validation.fatal,
      warnings: validation.warnings,
      deprovisions: validation.deprovisions,
    };
    if (validation.missingColumns?.length) stats.missingColumns = validation.missingColumns;
    if (validation.unknownColumns?.length) stats.unknownColumns = validation.unknownColumns;
    if (validation.fatal > 0) {
      status = 'REJECTED';
      return status;
    }
    const population = await counting;
    stats.population = population;
    // What is applied now is this validation, not the one held: an HR database is queried again and
    // the config may have changed, and the confirmer may have become a decider after the hold (or the
    // run was held before touchedDeciderIds existed). So a confirmed run whose changes reach its
    // confirmer's own record applies nothing and waits for another identity admin (decision 030).
    if (run.confirmedById && validation.touchedDeciders.has(run.confirmedById)) {
      status = 'HELD';
      touchedDeciderIds = [...validation.touchedDeciders];
      stats.leaving = validation.leaving;
      heldReason =
        'This sync changes the own record of the person who confirmed it: another identity admin decides it. Nothing was applied.';
      return status;
    }
    const confirmed = run.confirmedById ? Number((run.stats as TRunStats).confirmedDeprovisions ?? 0) : -1;
    if (
      validation.deprovisions > 0 &&
      validation.deprovisions / Math.max(1, population) > config.massChangeThreshold &&
      validation.deprovisions > confirmed
    ) {
      status = 'HELD';
      touchedDeciderIds = [...validation.touchedDeciders];
      stats.leaving = validation.leaving;
      heldReason = `This sync would deprovision ${validation.deprovisions} of ${population} people (${percent(validation.deprovisions / Math.max(1, population))}), above the ${percent(config.massChangeThreshold)} safeguard. Nothing was applied.`;
      return status;
    }
    Object.assign(
      stats,
      await applySource(db, run, config, read, validation, { queue: deps.queue, now: clock }),
    );
    stats.durationMs = Date.now() - startedAt;
    stats.identitiesPerSecond = Math.round((stats.rows / Math.max(1, stats.durationMs)) * 1000);
    status = 'SUCCEEDED';
    return status;
  } catch (error) {
    if (error instanceof ApplyStoppedError) {
      Object.assign(stats, error.tally, { notApplied: error.notApplied.length });
      for (const externalId of error.notApplied.slice(0, Math.max(0, REPORT_LIMIT - report.length))) {
        report.push({
          row: 0,
          field: 'externalId',
          code: 'NOT_APPLIED',
          message: `${externalId} was not applied`,
          fatal: false,
        });
      }
      status = error.hasApplied ? 'PARTIAL' : 'FAILED';
      stats.error = `${describeRunError(run.id, error.stoppedBy)} ${appliedSummary(error)}`;
    } else {
      stats.error = describeRunError(run.id, error);
      status = 'FAILED';
    }
    return status;
  } finally {
    if (run.confirmedById) stats.confirmedDeprovisions = (run.stats as TRunStats).confirmedDeprovisions;
    await finishRun(db, run, { status, stats, report, heldReason, touchedDeciderIds }, clock());
    // The file is consumed (a staged upload is not history: the run keeps its stats and report); the sweep catches a failed delete.
    if (status !== 'HELD') await deleteStagedFile(db, run.id).catch(() => {});
  }
}

async function finishRun(
  db: TPrisma,
  run: { id: string; source: { name: string } },
  result: {
    status: TRunStatus;
    stats: TRunStats;
    report: TReportEntry[];
    heldReason: string | null;
    touchedDeciderIds: string[];
  },
  now: Date,
) {
  await inTransaction(db, async (tx) => {
    // Only a run still RUNNING: one closed as interrupted meanwhile keeps what the sweep said, and
    // gets no second source.run_finished.
    const { count } = await tx.sourceRun.updateMany({
      where: { id: run.id, status: 'RUNNING' },
      data: {
        status: result.status,
        stats: result.stats as Prisma.InputJsonValue,
        report: result.report as unknown as Prisma.InputJsonValue,
        heldReason: result.heldReason,
        touchedDeciderIds: result.touchedDeciderIds,
        // A held run awaits a decision: whoever confirmed it before decided a run that is no longer the one held.
        ...(result.status === 'HELD' ? { confirmedById: null } : {}),
        finishedAt: result.status === 'HELD' ? null : now,
      },
    });
    if (count === 0) return;
    await recordAuditEvent(tx, {
      actor: systemActor('SOURCE'),
      action: result.status === 'HELD' ? 'source.run_held' : 'source.run_finished',
      entityType: 'SourceRun',
      entityId: run.id,
      after: {
        source: run.source.name,
        status: result.status,
        // Without the held run's would-be leavers: the run keeps them for the page, the append-only
        // log need not keep up to 500 names again at every hold (docs/decisions/030).
        stats: { ...result.stats, leaving: undefined },
        heldReason: result.heldReason,
      },
    });
  });
}

/**
 * What an admin reads about a failure: a domain error says it in its own words; anything else (a
 * database or programming error) is logged in full and described without its internals.
 */
function describeRunError(runId: string, error: unknown): string {
  if (isAppError(error) || error instanceof SourceReadError) return error.message;
  console.error(`[source-run ${runId}]`, error);
  return 'An internal error stopped the run (the details are in the worker log).';
}

function appliedSummary(stopped: ApplyStoppedError): string {
  const t = stopped.tally;
  const applied = stopped.hasApplied
    ? `Applied before it: ${t.created} created, ${t.updated} updated, ${t.unchanged} unchanged`
    : 'Nothing was applied';
  return `${applied}; ${stopped.notApplied.length} not applied. Running the same file again applies the rest: rows already applied are recognised and skipped.`;
}

const percent = (x: number) => `${(x * 100).toFixed(x < 0.1 ? 1 : 0)}%`;

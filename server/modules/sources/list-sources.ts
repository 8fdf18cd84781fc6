import type { TUserActor } from '@/server/auth/actor.ts';
import type { TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { parseSourceConfig, type TSourceConfig } from './source-config.ts';
import type { TRunPeople } from './apply-source.ts';
import { decideVerdict } from './run-deciders.ts';
import type { TRunStats } from './run-source.ts';
import { expectedColumns, templateCsv } from './source-columns.ts';
import type { TReportEntry } from './source-row.ts';
import type { TLeaving } from './validate-source.ts';

const RUN = {
  id: true,
  status: true,
  trigger: true,
  fileName: true,
  stats: true,
  heldReason: true,
  startedAt: true,
  finishedAt: true,
} as const;

type TRunRow = {
  id: string;
  status: string;
  trigger: string;
  fileName: string | null;
  stats: unknown;
  heldReason: string | null;
  startedAt: Date;
  finishedAt: Date | null;
};
const toRun = (r: TRunRow) => ({ ...r, stats: r.stats as TRunStats });

/** The authoritative sources with their last run and how many people each one describes. */
export async function listSources(db: TDb) {
  const sources = await db.identitySource.findMany({
    orderBy: [{ precedence: 'asc' }, { name: 'asc' }],
    select: {
      id: true,
      key: true,
      name: true,
      kind: true,
      enabled: true,
      schedule: true,
      precedence: true,
      _count: { select: { records: true } },
      runs: { orderBy: { startedAt: 'desc' }, take: 1, select: RUN },
    },
  });
  const held = await db.sourceRun.groupBy({
    by: ['sourceId'],
    where: { status: 'HELD' },
    _count: { _all: true },
  });
  const heldBy = new Map(held.map((h) => [h.sourceId, h._count._all]));
  return sources.map(({ _count, runs, ...s }) => ({
    ...s,
    records: _count.records,
    lastRun: runs[0] ? toRun(runs[0]) : null,
    heldRuns: heldBy.get(s.id) ?? 0,
  }));
}

/** One source's settings (never its secrets: only whether they are set) and its recent runs. */
export async function getSource(db: TDb, input: { sourceId: string }) {
  const s = await db.identitySource.findUnique({
    where: { id: input.sourceId },
    select: {
      id: true,
      key: true,
      name: true,
      kind: true,
      enabled: true,
      schedule: true,
      precedence: true,
      config: true,
      secrets: true,
      runs: { orderBy: { startedAt: 'desc' }, take: 25, select: RUN },
    },
  });
  if (!s) throw new AppError('NOT_FOUND', 'No such source');
  let config: TSourceConfig;
  try {
    config = parseSourceConfig(s.config);
  } catch {
    config = parseSourceConfig({});
  }
  const { secrets, runs, ...rest } = s;
  return {
    ...rest,
    config,
    hasConnectionString: Boolean(secrets),
    runs: runs.map(toRun),
    expectedColumns: expectedColumns(config),
    template: templateCsv(config),
  };
}

/**
 * A run with its validation report, and whether the caller may decide it if it is held
 * (`canDecide`, with the reason when not), so the page offers no button decideHeldRun would refuse.
 */
export async function getSourceRun(db: TDb, actor: TUserActor, input: { runId: string }) {
  const run = await db.sourceRun.findUnique({
    where: { id: input.runId },
    select: {
      ...RUN,
      report: true,
      confirmedById: true,
      discardedById: true,
      touchedDeciderIds: true,
      source: { select: { id: true, name: true, kind: true } },
    },
  });
  if (!run) throw new AppError('NOT_FOUND', 'No such run');
  const deciderIds = [run.confirmedById, run.discardedById].filter((id): id is string => id !== null);
  const deciders = deciderIds.length
    ? await db.identity.findMany({
        where: { id: { in: deciderIds } },
        select: { id: true, displayName: true },
      })
    : [];
  const decider = (id: string | null) => deciders.find((d) => d.id === id) ?? null;
  const stats = run.stats as TRunStats;
  return {
    ...toRun(run),
    ...decideVerdict(actor, run),
    source: run.source,
    report: run.report as TReportEntry[],
    confirmedBy: decider(run.confirmedById),
    discardedBy: decider(run.discardedById),
    people: await runPeople(db, stats.people),
    leaving: await leavingPeople(db, stats.leaving),
  };
}

/** Whom a held run would deprovision, as people, in the order validation found them. */
async function leavingPeople(db: TDb, leaving: TLeaving[] | undefined) {
  if (!leaving?.length) return [];
  const found = await db.identity.findMany({
    where: { id: { in: leaving.map((l) => l.id) } },
    select: { id: true, displayName: true, username: true, department: true, title: true },
  });
  const byId = new Map(found.map((p) => [p.id, p]));
  return leaving.flatMap((l) => {
    const person = byId.get(l.id);
    return person ? [{ ...person, reason: l.reason }] : [];
  });
}

/** Who a run brought in, moved, let go and took back, as people (one read for all four lists). */
async function runPeople(db: TDb, people: TRunPeople | undefined) {
  const lists = {
    joiners: people?.joiners ?? [],
    movers: people?.movers ?? [],
    leavers: people?.leavers ?? [],
    rehires: people?.rehires ?? [],
  };
  const ids = [...new Set(Object.values(lists).flat())];
  const found = ids.length
    ? await db.identity.findMany({
        where: { id: { in: ids } },
        select: { id: true, displayName: true, username: true, department: true, title: true },
      })
    : [];
  const byId = new Map(found.map((p) => [p.id, p]));
  const resolve = (list: string[]) => list.flatMap((id) => byId.get(id) ?? []);
  return {
    joiners: resolve(lists.joiners),
    movers: resolve(lists.movers),
    leavers: resolve(lists.leavers),
    rehires: resolve(lists.rehires),
  };
}

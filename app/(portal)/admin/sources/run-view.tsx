'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { errorMessage, useTRPC } from '../../../_trpc/client.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Card, Notice, PageHeader, Spinner } from '../../../_components/ui/card.tsx';
import { DayText } from '../../../_components/ui/day-text.tsx';
import { HeldLeaving } from './held-leaving.tsx';
import { RunPeople } from './run-people.tsx';
import { ValidationReport } from './run-tables.tsx';
import { RunStatusBadge, runSummary, TRIGGER_LABEL } from './source-labels.tsx';
import { QueryError } from '@/app/_components/ui/query-state.tsx';
import { useDocumentTitle } from '@/app/_components/use-document-title.ts';

const STATS: Array<[string, string]> = [
  ['rows', 'Rows'],
  ['notApplied', 'Not applied'],
  ['created', 'Created'],
  ['updated', 'Updated'],
  ['unchanged', 'Unchanged'],
  ['joiners', 'Joiners'],
  ['movers', 'Movers'],
  ['leavers', 'Leavers'],
  ['rehires', 'Rehires'],
  ['pending', 'To correlate'],
  ['conflicts', 'With conflicts'],
  ['fatal', 'Fatal errors'],
  ['warnings', 'Warnings'],
  ['deprovisions', 'Would deprovision'],
  ['identitiesPerSecond', 'People per second'],
];

/** One run: what it did, its row-by-row report, and (when the safeguard held it) the decision. */
export function RunView({ runId }: { runId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const run = useQuery({
    ...trpc.sources.getRun.queryOptions({ runId }),
    refetchInterval: (q) => (q.state.data?.status === 'RUNNING' ? 1_000 : false),
  });
  const decide = useMutation(
    trpc.sources.decideRun.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.sources.getRun.queryKey({ runId }) }),
    }),
  );
  useDocumentTitle(run.data ? [`Run of ${run.data.source.name}`, 'Sources'] : null);
  if (run.isPending) return <Spinner label="Loading the run" />;
  if (run.error) return <QueryError query={run} />;
  const r = run.data;
  const stats = r.stats as Record<string, number | string | undefined>;
  const reportTotal = (r.stats.fatal ?? 0) + (r.stats.warnings ?? 0) + (r.stats.notApplied ?? 0);
  return (
    <>
      <PageHeader
        title={`Run of ${r.source.name}`}
        description={
          <>
            {TRIGGER_LABEL[r.trigger] ?? r.trigger}
            {r.fileName ? ` · ${r.fileName}` : ''} · started <DayText at={r.startedAt} to="minute" />
            {r.finishedAt ? (
              <>
                {' '}
                · finished <DayText at={r.finishedAt} to="minute" />
              </>
            ) : null}
          </>
        }
        actions={<RunStatusBadge status={r.status} />}
      />
      <p className="-mt-3 mb-5 text-sm">
        <Link href={`/admin/sources/${r.source.id}`} className="text-brand-700 hover:underline">
          ← {r.source.name}
        </Link>
      </p>
      <div className="space-y-5">
        {r.status === 'HELD' ? (
          <Card className="border-amber-300 bg-amber-50 p-5">
            <h2 className="font-semibold text-amber-900">Held by the mass-change safeguard</h2>
            <p className="mt-1 text-sm text-amber-900">{r.heldReason}</p>
            <HeldLeaving run={r} />
            {/* The server says whether the caller may decide: not a run that changes their own record. */}
            {r.cannotDecideReason ? (
              <p className="mt-2 text-sm font-medium text-amber-900">{r.cannotDecideReason}</p>
            ) : null}
            {r.canDecide ? (
              <div className="mt-3 flex gap-2">
                <Button
                  onClick={() => decide.mutate({ runId, decision: 'CONFIRM' })}
                  disabled={decide.isPending}
                >
                  Confirm and apply
                </Button>
                <Button
                  variant="danger"
                  onClick={() => decide.mutate({ runId, decision: 'DISCARD' })}
                  disabled={decide.isPending}
                >
                  Discard
                </Button>
              </div>
            ) : null}
            {decide.error ? (
              <div className="mt-3">
                <Notice tone="error">{errorMessage(decide.error)}</Notice>
              </div>
            ) : null}
          </Card>
        ) : null}
        {r.confirmedBy ? (
          <Notice>Confirmed by {r.confirmedBy.displayName} after the safeguard held it.</Notice>
        ) : null}
        {r.status === 'DISCARDED' ? (
          <Notice>
            {r.discardedBy ? `Discarded by ${r.discardedBy.displayName}` : 'Discarded'}
            {r.finishedAt ? (
              <>
                , <DayText at={r.finishedAt} to="minute" />
              </>
            ) : null}
            , after the safeguard held it: nothing was applied.
          </Notice>
        ) : null}
        {r.stats.error ? (
          <Notice tone="error">
            {r.status === 'PARTIAL' ? 'The run stopped part-way' : 'The run failed'}: {r.stats.error}
          </Notice>
        ) : null}
        {r.status === 'REJECTED' ? (
          <Notice tone="error">
            {r.stats.missingColumns?.length
              ? `Rejected: the file has no ${r.stats.missingColumns.length === 1 ? 'column' : 'columns'} ${r.stats.missingColumns.map((c) => `“${c}”`).join(', ')}, which this source requires. Nothing from this file was applied; add ${r.stats.missingColumns.length === 1 ? 'it' : 'them'} and upload it again.`
              : 'Rejected: the report below lists every fatal error. Nothing from this file was applied; fix the file and upload it again.'}
          </Notice>
        ) : null}
        {r.stats.unknownColumns?.length ? (
          <Notice>
            {r.stats.unknownColumns.length === 1 ? 'The column' : 'The columns'}{' '}
            {r.stats.unknownColumns.map((c) => `“${c}”`).join(', ')}{' '}
            {r.stats.unknownColumns.length === 1 ? 'is' : 'are'} not read by this source and
            {r.stats.unknownColumns.length === 1 ? ' was' : ' were'} ignored.
          </Notice>
        ) : null}
        <Card className="p-5">
          <h2 className="font-semibold text-slate-900">Summary</h2>
          <p className="text-sm text-slate-600">{runSummary(r.status, r.stats)}</p>
          <dl className="mt-3 grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4">
            {STATS.filter(([k]) => stats[k] !== undefined).map(([k, label]) => (
              <div key={k}>
                <dt className="text-slate-500">{label}</dt>
                <dd className="font-semibold text-slate-900">
                  {typeof stats[k] === 'number' ? stats[k].toLocaleString('en') : stats[k]}
                </dd>
              </div>
            ))}
          </dl>
        </Card>
        <RunPeople run={r} />
        {/* The table draws its own frame; a Card around it drew a second border. */}
        <section aria-labelledby="validation-report-title" className="min-w-0 space-y-2">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="validation-report-title" className="font-semibold text-slate-900">
              Validation report
            </h2>
            <span className="text-sm text-slate-500">
              {reportTotal > r.report.length
                ? `first ${r.report.length} of ${reportTotal}`
                : `${r.report.length} entries`}
            </span>
          </div>
          {r.report.length === 0 ? (
            <Card>
              <p className="px-4 py-6 text-sm text-slate-500">
                {r.status === 'RUNNING' ? 'Reading the source…' : 'Every row is valid.'}
              </p>
            </Card>
          ) : (
            <ValidationReport entries={r.report} />
          )}
        </section>
      </div>
    </>
  );
}

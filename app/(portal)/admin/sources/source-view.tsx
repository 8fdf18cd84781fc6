'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, useTRPC } from '../../../_trpc/client.tsx';
import { Badge } from '../../../_components/ui/badge.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Card, EmptyState, Notice, PageHeader, Spinner } from '../../../_components/ui/card.tsx';
import { TabPanel, Tabs } from '@/app/_components/ui/tabs.tsx';
import { SourceEditor } from './source-editor.tsx';
import { KIND_LABEL } from './source-labels.tsx';
import { ExpectedColumns } from './expected-columns.tsx';
import { UploadFile } from './upload-file.tsx';
import { RunsTable } from './run-tables.tsx';
import { QueryError } from '@/app/_components/ui/query-state.tsx';
import { useDocumentTitle } from '@/app/_components/use-document-title.ts';
import { scheduleText } from '@/app/_components/ui/cron-text.ts';

export function SourceView({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [tab, setTab] = useState<'runs' | 'settings'>('runs');
  const source = useQuery({
    ...trpc.sources.get.queryOptions({ sourceId: id }),
    refetchInterval: (q) => (q.state.data?.runs.some((r) => r.status === 'RUNNING') ? 1_000 : 10_000),
  });
  const runNow = useMutation(
    trpc.sources.runNow.mutationOptions({
      onSuccess: () =>
        queryClient.invalidateQueries({ queryKey: trpc.sources.get.queryKey({ sourceId: id }) }),
    }),
  );
  useDocumentTitle(source.data ? [source.data.name, 'Sources'] : null);
  if (source.isPending) return <Spinner label="Loading the source" />;
  if (source.error) return <QueryError query={source} />;
  const s = source.data;
  return (
    <>
      <PageHeader
        title={s.name}
        description={`${KIND_LABEL[s.kind]} · precedence ${s.precedence} · ${scheduleText(s.schedule)}`}
        actions={
          <div className="flex items-center gap-2">
            {s.enabled ? <Badge tone="green">Enabled</Badge> : <Badge tone="gray">Disabled</Badge>}
            {s.kind !== 'SCIM' ? (
              <Button
                variant="secondary"
                onClick={() => runNow.mutate({ sourceId: id })}
                disabled={runNow.isPending || !s.enabled}
              >
                {s.kind === 'HR_CSV' ? 'Check the folder now' : 'Run now'}
              </Button>
            ) : null}
          </div>
        }
      />
      {runNow.error ? (
        <div className="mb-4">
          <Notice tone="error">{errorMessage(runNow.error)}</Notice>
        </div>
      ) : null}
      {runNow.isSuccess ? (
        <div className="mb-4">
          <Notice tone="success">
            Started {runNow.data.runIds.length === 1 ? 'a run' : `${runNow.data.runIds.length} runs`}.
          </Notice>
        </div>
      ) : null}
      <Tabs
        tabs={[
          { id: 'runs', label: 'Runs' },
          { id: 'settings', label: 'Settings' },
        ]}
        active={tab}
        onChange={setTab}
        label="Source"
      >
        <TabPanel id={tab}>
          {tab === 'runs' ? (
            <div className="space-y-5">
              {s.kind === 'HR_CSV' ? (
                <Card className="p-5">
                  <UploadFile sourceId={id} />
                  <ExpectedColumns source={s} />
                  {s.config.folder ? (
                    <p className="mt-3 text-sm text-slate-600">
                      Or drop files in{' '}
                      <code className="rounded bg-slate-100 px-1 font-mono text-xs">{s.config.folder}</code>:
                      they are picked up within a minute.
                    </p>
                  ) : null}
                </Card>
              ) : null}
              {s.kind === 'SCIM' ? (
                <Notice>
                  This source is pushed to by an identity provider over SCIM (tokens under “SCIM tokens”); it
                  has no runs.
                </Notice>
              ) : null}
              {s.runs.length === 0 && s.kind !== 'SCIM' ? <EmptyState title="No runs yet" /> : null}
              {s.runs.length ? <RunsTable runs={s.runs} /> : null}
            </div>
          ) : (
            <SourceEditor
              key={JSON.stringify(s.config) + s.name + s.precedence + String(s.schedule) + String(s.enabled)}
              source={s}
              hasConnectionString={s.hasConnectionString}
            />
          )}
        </TabPanel>
      </Tabs>
    </>
  );
}

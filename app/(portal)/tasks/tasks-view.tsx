'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTRPC } from '../../_trpc/client.tsx';
import { EmptyState, Notice, PageHeader } from '../../_components/ui/card.tsx';
import { TabPanel, Tabs } from '@/app/_components/ui/tabs.tsx';
import { ClosedTaskCard, OpenTaskCard, type TSettledNote } from './task-card.tsx';
import { QueryState } from '@/app/_components/ui/query-state.tsx';

type TView = 'open' | 'closed';

/** The time, ticking each half minute: enough to flip a task to overdue while the page is open. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function TasksView() {
  const trpc = useTRPC();
  const now = useNow();
  const [view, setView] = useState<TView>('open');
  const [note, setNote] = useState<TSettledNote | null>(null);
  const me = useQuery(trpc.me.get.queryOptions());
  const open = useQuery(
    trpc.fulfilment.listTasks.queryOptions({ status: 'OPEN' }, { refetchInterval: 15_000 }),
  );
  const closed = useQuery({
    ...trpc.fulfilment.listTasks.queryOptions({ status: 'CLOSED' }),
    enabled: view === 'closed',
  });
  const overdue = open.data?.filter((t) => t.dueAt.getTime() < now).length ?? 0;
  const list = view === 'open' ? open : closed;

  return (
    <>
      <PageHeader
        title="Tasks"
        description="Changes to make by hand in applications that Gatehouse cannot reach. Do each one in the application, then report it done (with the new account’s ID) or failed."
      />
      {me.data && !me.data.fulfilment.isFulfiller ? (
        <EmptyState title="No tasks for you">Tasks go to the members of fulfilment teams.</EmptyState>
      ) : (
        <>
          <Tabs
            label="Tasks"
            active={view}
            onChange={(v) => {
              setView(v);
              setNote(null);
            }}
            tabs={[
              { id: 'open', label: open.data ? `Open (${open.data.length})` : 'Open' },
              { id: 'closed', label: 'Closed' },
            ]}
          >
            <TabPanel id={view}>
              {view === 'open' && note ? (
                <div className="mb-4 break-words">
                  <Notice tone={note.tone}>{note.text}</Notice>
                </div>
              ) : null}
              {view === 'open' && overdue > 0 ? (
                <div className="mb-4">
                  <Notice tone="error">
                    {overdue} {overdue === 1 ? 'task is' : 'tasks are'} overdue.
                  </Notice>
                </div>
              ) : null}
              <QueryState query={list} loading="Loading tasks">
                {list.data?.length === 0 ? (
                  <EmptyState title={view === 'open' ? 'Nothing to do' : 'No closed tasks yet'}>
                    {view === 'open' ? 'New tasks appear here as soon as access is approved.' : null}
                  </EmptyState>
                ) : null}
                <ul
                  aria-label={view === 'open' ? 'Open tasks' : 'Closed tasks'}
                  className="grid grid-cols-1 gap-4"
                >
                  {list.data?.map((task) =>
                    view === 'open' ? (
                      <OpenTaskCard key={task.id} task={task} now={now} onSettled={setNote} />
                    ) : (
                      <ClosedTaskCard key={task.id} task={task} />
                    ),
                  )}
                </ul>
              </QueryState>
            </TabPanel>
          </Tabs>
        </>
      )}
    </>
  );
}

'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import type { TTask } from '@/server/trpc/routers/fulfilment/fulfilment.schema.ts';
import { errorMessage, useTRPC } from '../../_trpc/client.tsx';
import { Badge } from '../../_components/ui/badge.tsx';
import { Button } from '../../_components/ui/button.tsx';
import { Card, Notice } from '../../_components/ui/card.tsx';
import { capitalise, formatDateTime, formatRelative } from '../../_components/ui/format.ts';
import { Field, inputClass } from '@/app/_components/ui/field.tsx';
import { TextArea } from '@/app/_components/ui/text-field.tsx';
import { kindLabel } from '../admin/_components/operations.tsx';
import { fieldError, serverFieldErrors } from '../admin/_components/server-errors.ts';
import { DayText } from '@/app/_components/ui/day-text.tsx';

const titleOf = (t: TTask) =>
  `${kindLabel(t.operation.kind)}${t.operation.entitlement ? `: ${t.operation.entitlement.name}` : ''}`;
const labelOf = (t: TTask) =>
  `${titleOf(t)} for ${t.operation.identity?.displayName ?? 'nobody'} in ${t.application.name}`;

function TaskFacts({ task }: { task: TTask }) {
  const person = task.operation.identity;
  return (
    <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_minmax(0,1fr)]">
      <dt className="text-slate-500">Person</dt>
      <dd className="min-w-0 break-words text-slate-900">
        {person ? (
          <>
            {person.displayName} <span className="text-slate-500">· {person.email}</span>
            {person.department ? <span className="text-slate-500"> · {person.department}</span> : null}
          </>
        ) : (
          'No person'
        )}
      </dd>
      <dt className="text-slate-500">Application</dt>
      <dd className="min-w-0 break-words text-slate-900">
        {task.application.name}
        {task.team ? <span className="text-slate-500"> · {task.team.name}</span> : null}
      </dd>
      <dt className="text-slate-500">Why</dt>
      <dd className="min-w-0 break-words text-slate-900">
        <Cause cause={task.cause} />
      </dd>
      {task.operation.account ? (
        <>
          <dt className="text-slate-500">Account</dt>
          <dd className="min-w-0 font-mono break-all text-slate-900">
            {task.operation.account.username}
            {task.operation.account.nativeId ? (
              <span className="text-slate-500"> (ID {task.operation.account.nativeId})</span>
            ) : null}
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/** The phrase as the start of a sentence, then the request it came from: a link where the caller may open it. */
function Cause({ cause }: { cause: TTask['cause'] }) {
  const { request } = cause;
  return (
    <>
      {capitalise(cause.phrase)}
      {request ? (
        <span className="text-slate-500">
          {' · request '}
          {request.canOpen ? (
            <Link
              href={`/reports/requests/${request.id}`}
              className="font-mono text-brand-700 hover:underline"
            >
              {request.number}
            </Link>
          ) : (
            <span className="font-mono">{request.number}</span>
          )}
        </span>
      ) : null}
    </>
  );
}

/** What the page says once a task is reported: its card leaves the open list, so the card cannot. */
export type TSettledNote = { tone: 'success' | 'info'; text: string };

export function OpenTaskCard({
  task,
  now,
  onSettled,
}: {
  task: TTask;
  now: number;
  onSettled: (note: TSettledNote) => void;
}) {
  const isOverdue = task.dueAt.getTime() < now;
  return (
    <Card as="li" className={`p-5 ${isOverdue ? 'border-red-300 ring-1 ring-red-200' : ''}`}>
      <article aria-label={labelOf(task)}>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <p className="text-sm text-slate-500">{task.application.name}</p>
            <h2 className="text-lg font-semibold text-slate-900">{titleOf(task)}</h2>
          </div>
          <div className="text-sm sm:text-right">
            {isOverdue ? <Badge tone="red">Overdue</Badge> : <Badge tone="amber">Open</Badge>}
            <p className={`mt-1 ${isOverdue ? 'font-medium text-red-700' : 'text-slate-600'}`}>
              Due{' '}
              <time dateTime={task.dueAt.toISOString()}>
                <DayText at={task.dueAt} to="minute" />
              </time>
            </p>
            <p className="text-xs text-slate-500">created {formatRelative(task.createdAt, new Date(now))}</p>
          </div>
        </div>
        <TaskFacts task={task} />
        <div className="mt-3 rounded-md border-l-4 border-brand-600/50 bg-slate-50 px-3 py-2 text-sm break-words [overflow-wrap:anywhere] whitespace-pre-wrap text-slate-800">
          {task.instructions}
        </div>

        {task.canSettle ? (
          <SettleForm task={task} onSettled={onSettled} />
        ) : (
          // The server says who may settle: nobody reports their own access done or failed.
          <p className="mt-4 border-t border-slate-100 pt-4 text-sm text-slate-600">
            This task is about your own access: another member of the team settles it.
          </p>
        )}
      </article>
    </Card>
  );
}

/** Done (with the new account's ID when one was created) or failed (with why), for a task the caller may settle. */
function SettleForm({ task, onSettled }: { task: TTask; onSettled: (note: TSettledNote) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<'done' | 'failed'>('done');
  const [targetId, setTargetId] = useState('');
  const [reason, setReason] = useState('');
  const settle = useMutation(
    trpc.fulfilment.settle.mutationOptions({
      onSuccess: async (_, input) => {
        onSettled(
          input.outcome === 'DONE'
            ? {
                tone: 'success',
                text: `Reported done: ${labelOf(task)}${input.targetId ? ` (account ID ${input.targetId})` : ''}. It is under Closed.`,
              }
            : {
                tone: 'info',
                text: `Reported failed: ${labelOf(task)}. The identity team sees why on the provisioning page.`,
              },
        );
        await queryClient.invalidateQueries({ queryKey: trpc.fulfilment.listTasks.queryKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.me.get.queryKey() });
      },
    }),
  );
  const errors = serverFieldErrors(settle.error);
  const targetError = fieldError(errors, 'targetId');
  const reasonError = fieldError(errors, 'reason');
  const isCreate = task.operation.kind === 'CREATE_ACCOUNT';
  return (
    <div className="mt-4 border-t border-slate-100 pt-4">
      <div role="group" aria-label="Outcome" className="mb-3 inline-flex rounded-md bg-slate-100 p-1 text-sm">
        {(['done', 'failed'] as const).map((m) => (
          <button
            key={m}
            type="button"
            aria-pressed={mode === m}
            onClick={() => {
              setMode(m);
              settle.reset();
            }}
            className={`rounded px-3 py-1 font-medium ${mode === m ? 'bg-white text-slate-900 shadow-xs' : 'text-slate-600 hover:text-slate-900'}`}
          >
            {m === 'done' ? 'Completed' : 'Could not be done'}
          </button>
        ))}
      </div>
      {mode === 'done' ? (
        <form
          noValidate
          className={`flex flex-wrap gap-3 ${isCreate ? 'items-start' : 'items-center'}`}
          onSubmit={(e) => {
            e.preventDefault();
            settle.mutate({
              taskId: task.id,
              outcome: 'DONE',
              targetId: isCreate ? targetId.trim() || undefined : undefined,
            });
          }}
        >
          {isCreate ? (
            <Field
              label={`Account ID in ${task.application.name}`}
              required
              error={targetError}
              hint={
                targetError
                  ? undefined
                  : `The ID ${task.application.name} gave the new account; ${task.operation.identity?.displayName ?? 'the person'} sees it under My access.`
              }
              className="min-w-56 flex-1"
            >
              <input
                value={targetId}
                onChange={(e) => setTargetId(e.target.value)}
                required
                maxLength={1000}
                spellCheck={false}
                placeholder="e.g. the user ID it shows"
                // The ID is code, the hint in the box words: in monospace it was cut off on a phone.
                className={`${inputClass} font-mono placeholder:font-sans`}
              />
            </Field>
          ) : (
            <p className="min-w-56 flex-1 text-sm text-slate-600">
              Report it done once the change is made in {task.application.name}.
            </p>
          )}
          <Button type="submit" disabled={settle.isPending} className={isCreate ? 'mt-6' : ''}>
            {settle.isPending ? 'Saving…' : 'Done'}
          </Button>
        </form>
      ) : (
        <form
          noValidate
          className="grid gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            settle.mutate({ taskId: task.id, outcome: 'FAILED', reason: reason.trim() });
          }}
        >
          <TextArea
            label="What went wrong?"
            required
            error={reasonError}
            hint={
              reasonError
                ? undefined
                : 'The identity team sees this on the provisioning page and can retry or cancel.'
            }
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            rows={2}
            maxLength={2000}
          />
          <div>
            <Button type="submit" variant="danger" disabled={settle.isPending}>
              {settle.isPending ? 'Saving…' : 'Failed'}
            </Button>
          </div>
        </form>
      )}
      {settle.error && !targetError && !reasonError ? (
        <div className="mt-3">
          <Notice tone="error">{errorMessage(settle.error)}</Notice>
        </div>
      ) : null}
    </div>
  );
}

const CLOSED: Record<string, { label: string; tone: 'green' | 'red' | 'gray' }> = {
  DONE: { label: 'Done', tone: 'green' },
  FAILED: { label: 'Failed', tone: 'red' },
  CANCELLED: { label: 'Cancelled', tone: 'gray' },
};

export function ClosedTaskCard({ task }: { task: TTask }) {
  const state = CLOSED[task.status] ?? { label: task.status, tone: 'gray' as const };
  return (
    <Card as="li" className="p-5">
      <article aria-label={labelOf(task)}>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <p className="text-sm text-slate-500">{task.application.name}</p>
            <h2 className="font-semibold text-slate-900">{titleOf(task)}</h2>
          </div>
          <div className="text-sm sm:text-right">
            <Badge tone={state.tone}>{state.label}</Badge>
            <p className="mt-1 text-slate-600">{formatDateTime(task.completedAt)}</p>
          </div>
        </div>
        <TaskFacts task={task} />
        {task.targetId ? (
          <p className="mt-2 text-sm text-slate-700">
            Account ID{' '}
            <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono break-all text-slate-900">
              {task.targetId}
            </code>
          </p>
        ) : null}
        {task.failureReason ? (
          <p className="mt-2 rounded-md bg-red-50 px-3 py-2 text-sm break-words text-red-800">
            {task.failureReason}
          </p>
        ) : null}
      </article>
    </Card>
  );
}

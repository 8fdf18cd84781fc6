'use client';

import type { TOperationRow } from '@/server/trpc/routers/provisioning/provisioning.schema.ts';
import { Badge } from '../../../_components/ui/badge.tsx';
import { formatDateTime } from '../../../_components/ui/format.ts';

export type TOperationStatus = TOperationRow['status'];

export const OPERATION_STATUSES: TOperationStatus[] = [
  'PENDING',
  'RUNNING',
  'RETRYING',
  'WAITING',
  'SUCCEEDED',
  'NOOP',
  'FAILED',
  'CANCELLED',
];
export const OPEN_STATUSES: TOperationStatus[] = ['PENDING', 'RUNNING', 'RETRYING', 'WAITING'];

const STATUS: Record<
  TOperationStatus,
  { label: string; tone: 'gray' | 'green' | 'amber' | 'red' | 'blue' | 'indigo' }
> = {
  PENDING: { label: 'Queued', tone: 'gray' },
  RUNNING: { label: 'Running', tone: 'blue' },
  RETRYING: { label: 'Retrying', tone: 'amber' },
  WAITING: { label: 'Waiting (manual)', tone: 'indigo' },
  SUCCEEDED: { label: 'Done', tone: 'green' },
  NOOP: { label: 'Already so', tone: 'green' },
  FAILED: { label: 'Failed', tone: 'red' },
  CANCELLED: { label: 'Cancelled', tone: 'gray' },
};

export const statusLabel = (s: TOperationStatus) => STATUS[s].label;

const KIND: Record<string, string> = {
  CREATE_ACCOUNT: 'Create account',
  UPDATE_ACCOUNT: 'Update account',
  DISABLE_ACCOUNT: 'Disable account',
  ENABLE_ACCOUNT: 'Enable account',
  DELETE_ACCOUNT: 'Delete account',
  ADD_ENTITLEMENT: 'Add entitlement',
  REMOVE_ENTITLEMENT: 'Remove entitlement',
};
export const kindLabel = (kind: string) => KIND[kind] ?? kind;

export function OperationStatusBadge({ status }: { status: TOperationStatus }) {
  const s = STATUS[status];
  return (
    <Badge tone={s.tone}>
      {status === 'RUNNING' || status === 'RETRYING' ? (
        <span className="size-1.5 animate-pulse rounded-full bg-current" aria-hidden />
      ) : null}
      {s.label}
    </Badge>
  );
}

/**
 * Operations as rows that read as a table on wide screens and as cards on a phone. `actions` adds
 * buttons to a row (Retry / Cancel on the failures list); `selection` a checkbox to each, for the
 * failures retried together.
 */
export function OperationList({
  items,
  label,
  showApplication = true,
  actions,
  selection,
}: {
  items: TOperationRow[];
  label: string;
  showApplication?: boolean;
  actions?: (op: TOperationRow) => React.ReactNode;
  selection?: {
    selected: ReadonlySet<string>;
    toggle: (op: TOperationRow) => void;
    label: (op: TOperationRow) => string;
  };
}) {
  // The last column is as wide as its moment ("6 Dec 2026, 11:15 UTC", never wrapped): a fixed 8.5rem
  // broke it over three lines.
  const cols = showApplication
    ? 'md:grid-cols-[minmax(0,1.3fr)_minmax(0,1fr)_minmax(0,0.9fr)_max-content]'
    : 'md:grid-cols-[minmax(0,1.5fr)_minmax(0,0.9fr)_max-content]';
  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs">
      <div
        className={`hidden gap-4 border-b border-slate-100 bg-slate-50/60 px-4 py-2 text-xs font-semibold tracking-wide text-slate-500 uppercase md:grid ${cols}`}
        aria-hidden
      >
        <span>Change</span>
        {showApplication ? <span>Application</span> : null}
        <span>Status</span>
        <span>When</span>
      </div>
      <ul aria-label={label} className="divide-y divide-slate-100">
        {items.map((op) => (
          <li
            key={op.id}
            className={`grid gap-x-4 gap-y-1.5 px-4 py-3 text-sm md:items-start ${cols}`}
            data-operation={op.id}
          >
            <div className="flex min-w-0 gap-3">
              {selection ? (
                <input
                  type="checkbox"
                  className="mt-1 size-4 shrink-0 rounded border-slate-300 text-brand-600"
                  aria-label={selection.label(op)}
                  checked={selection.selected.has(op.id)}
                  onChange={() => selection.toggle(op)}
                />
              ) : null}
              <div className="min-w-0">
                <p className="font-medium text-slate-900">
                  {kindLabel(op.kind)}
                  {op.entitlement ? (
                    <span className="font-normal text-slate-600"> · {op.entitlement.name}</span>
                  ) : null}
                </p>
                <p className="truncate text-slate-600">
                  {op.identity?.displayName ?? 'No person'}
                  {op.account ? (
                    <span className="text-slate-500"> · {op.nativeId ?? op.account.username}</span>
                  ) : null}
                </p>
              </div>
            </div>
            {showApplication ? (
              <p className="min-w-0 truncate text-slate-700">{op.application.name}</p>
            ) : null}
            <div className="flex flex-wrap items-center gap-1.5">
              <OperationStatusBadge status={op.status} />
              {op.attempts > 1 || op.status === 'FAILED' ? (
                <span className="text-xs text-slate-500">
                  {op.attempts} {op.attempts === 1 ? 'attempt' : 'attempts'}
                </span>
              ) : null}
            </div>
            <p className="text-slate-600">
              <time
                className="whitespace-nowrap"
                dateTime={op.createdAt.toISOString()}
                title={`Planned ${formatDateTime(op.createdAt)}`}
              >
                {formatDateTime(op.finishedAt ?? op.createdAt)}
              </time>
              <span className="block text-xs text-slate-500">
                {op.reason.toLowerCase().replaceAll('_', ' ')}
              </span>
            </p>
            {op.lastError && (op.status === 'FAILED' || op.status === 'RETRYING') ? (
              <p className="rounded-md bg-red-50 px-2.5 py-1.5 font-mono text-xs break-words text-red-800 md:col-span-full">
                {op.message ?? op.lastError}
              </p>
            ) : null}
            {actions ? <div className="flex flex-wrap gap-2 md:col-span-full">{actions(op)}</div> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

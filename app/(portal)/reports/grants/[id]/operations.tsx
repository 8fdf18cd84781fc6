import { Badge } from '../../../../_components/ui/badge.tsx';
import { formatDateTime } from '../../../../_components/ui/format.ts';
import type { TGrantEvidence } from '../../_components/types.ts';
import { DayText, SentenceText } from '@/app/_components/ui/day-text.tsx';

type TOp = TGrantEvidence['operations'][number];

const KIND = {
  CREATE_ACCOUNT: 'Create account',
  UPDATE_ACCOUNT: 'Update account',
  DISABLE_ACCOUNT: 'Disable account',
  ENABLE_ACCOUNT: 'Enable account',
  DELETE_ACCOUNT: 'Delete account',
  ADD_ENTITLEMENT: 'Add',
  REMOVE_ENTITLEMENT: 'Remove',
} as const;
const TONE = {
  SUCCEEDED: 'green',
  NOOP: 'green',
  FAILED: 'red',
  CANCELLED: 'gray',
  PENDING: 'amber',
  RUNNING: 'blue',
  RETRYING: 'amber',
  WAITING: 'blue',
} as const;

/** The provisioning operations on this access: what was done to the target, when, how it ended, and the target's id. */
export function Operations({ operations }: { operations: TOp[] }) {
  if (operations.length === 0)
    return <p className="text-sm text-slate-500">No provisioning operation touched this access.</p>;
  return (
    <ol className="space-y-2 text-sm" aria-label="Provisioning operations">
      {operations.map((o) => (
        <li key={o.id} className="min-w-0 rounded-md border border-slate-200 p-2.5 break-words">
          <span className="font-medium text-slate-800">
            {KIND[o.kind]}
            {o.entitlement ? ` ${o.entitlement.name}` : ''}
          </span>{' '}
          <span className="text-slate-500">in {o.application.name}</span>{' '}
          <Badge tone={TONE[o.status]}>
            {o.status === 'NOOP' ? 'Already in place' : o.status.charAt(0) + o.status.slice(1).toLowerCase()}
          </Badge>
          <span className="block text-xs text-slate-600">
            Planned <DayText at={o.createdAt} to="minute" />
            {o.finishedAt ? <SentenceText text={` · finished ${formatDateTime(o.finishedAt)}`} /> : ''} ·
            because {o.reason.toLowerCase().replaceAll('_', ' ')}
            {o.attempts > 1 ? ` · ${o.attempts} attempts` : ''}
          </span>
          {o.targetId ? (
            <span className="block text-xs text-slate-600">
              Target id <code className="font-mono break-all text-slate-800">{o.targetId}</code>
              {o.account ? ` (account ${o.account})` : ''}
            </span>
          ) : null}
          {o.lastError ? <span className="block text-xs text-red-700">{o.lastError}</span> : null}
        </li>
      ))}
    </ol>
  );
}

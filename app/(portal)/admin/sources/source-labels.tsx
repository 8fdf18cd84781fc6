import { Badge } from '../../../_components/ui/badge.tsx';

export const KIND_LABEL: Record<string, string> = {
  HR_CSV: 'HR file (CSV)',
  HR_DATABASE: 'HR database',
  SCIM: 'SCIM (identity provider)',
};
export const TRIGGER_LABEL: Record<string, string> = {
  MANUAL: 'Run now',
  UPLOAD: 'Upload',
  SCHEDULE: 'Schedule',
  FOLDER: 'Folder',
};

const RUN_TONE: Record<string, 'gray' | 'green' | 'amber' | 'red' | 'blue'> = {
  RUNNING: 'blue',
  SUCCEEDED: 'green',
  PARTIAL: 'amber',
  FAILED: 'red',
  REJECTED: 'red',
  HELD: 'amber',
  DISCARDED: 'gray',
};
const RUN_LABEL: Record<string, string> = {
  RUNNING: 'Running',
  SUCCEEDED: 'Applied',
  PARTIAL: 'Partly applied',
  FAILED: 'Failed',
  REJECTED: 'Rejected',
  HELD: 'Held for review',
  DISCARDED: 'Discarded',
};

export function RunStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={RUN_TONE[status] ?? 'gray'}>
      {status === 'RUNNING' ? (
        <span className="size-1.5 animate-pulse rounded-full bg-current" aria-hidden />
      ) : null}
      {RUN_LABEL[status] ?? status}
    </Badge>
  );
}

type TStats = {
  rows?: number;
  notApplied?: number;
  created?: number;
  updated?: number;
  unchanged?: number;
  joiners?: number;
  movers?: number;
  leavers?: number;
  rehires?: number;
  pending?: number;
  fatal?: number;
  warnings?: number;
};

/** One line a person can read: what a run did. */
export function runSummary(status: string, s: TStats): string {
  if (status === 'REJECTED')
    return `${s.fatal ?? 0} fatal error${s.fatal === 1 ? '' : 's'} in ${s.rows ?? 0} rows; nothing applied`;
  if (status === 'RUNNING') return 'Validating and applying…';
  if (status === 'HELD') return 'Waiting for the identity team; nothing applied';
  if (status === 'DISCARDED') return 'Discarded; nothing applied';
  const parts = [
    `${s.rows ?? 0} rows`,
    s.notApplied ? `${s.notApplied} not applied` : null,
    s.joiners ? `${s.joiners} joiners` : null,
    s.movers ? `${s.movers} movers` : null,
    s.leavers ? `${s.leavers} leavers` : null,
    s.rehires ? `${s.rehires} rehires` : null,
    s.pending ? `${s.pending} to correlate` : null,
    s.warnings ? `${s.warnings} warnings` : null,
  ].filter(Boolean);
  return parts.join(' · ');
}

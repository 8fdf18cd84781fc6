import type { IdentityStatus } from '@/prisma/generated/enums.ts';
import type { TLifecycleEvent } from './source-record.ts';

export type TLifecycleFacts = {
  status: IdentityStatus;
  department: string | null;
  title: string | null;
  location: string | null;
  managerId: string | null;
  employmentType: string;
  costCenter: string | null;
};

/** The attributes whose change makes a mover (they feed birthright and approvals). */
export const MOVER_ATTRIBUTES = [
  'department',
  'title',
  'location',
  'managerId',
  'employmentType',
  'costCenter',
] as const;

const isGone = (s: IdentityStatus) => s === 'TERMINATED';

/** Joiner, mover, leaver or rehire: what a change from `before` (null: new) to `after` means. */
export function classifyLifecycle(before: TLifecycleFacts | null, after: TLifecycleFacts): TLifecycleEvent[] {
  if (!before) return isGone(after.status) ? [] : ['JOINER'];
  const events: TLifecycleEvent[] = [];
  if (!isGone(before.status) && isGone(after.status)) return ['LEAVER'];
  if (isGone(before.status) && !isGone(after.status)) events.push('REHIRE');
  if (!isGone(after.status) && MOVER_ATTRIBUTES.some((a) => (before[a] ?? null) !== (after[a] ?? null)))
    events.push('MOVER');
  return events;
}

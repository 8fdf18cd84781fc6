import type { IdentityStatus } from '@/prisma/generated/enums.ts';
import type { TLifecycleEvent } from './source-record.ts';
import { MOVER_ATTRIBUTES, type TProfileAttribute } from '@/server/shared/identity-attributes.ts';

export type TLifecycleFacts = {
  status: IdentityStatus;
  managerId: string | null;
  employmentType: string;
} & Record<TProfileAttribute, string | null>;

export { MOVER_ATTRIBUTES };

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

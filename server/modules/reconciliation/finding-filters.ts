import { z } from 'zod';
import { FindingKind } from '@/prisma/generated/enums.ts';

/*
 * The review queue's filters: the page keeps them in its query string, so a link reproduces the
 * queue. Without `status` the queue shows the findings still waiting: OPEN and IN_PROGRESS.
 */
const ZId = z.string().uuid('must be an id');

export const FINDING_STATUS_FILTERS = ['OPEN', 'IN_PROGRESS', 'EXCEPTION', 'RESOLVED', 'ALL'] as const;
export type TFindingStatusFilter = (typeof FINDING_STATUS_FILTERS)[number];

export const ZFindingFilters = z.object({
  application: ZId.optional(),
  kind: z.enum(FindingKind).optional(),
  status: z.enum(FINDING_STATUS_FILTERS).optional(),
  entitlement: ZId.optional(),
  person: ZId.optional(),
  /** Part of a person's name or username, an account's name or DN, or an entitlement's name. */
  text: z.string().trim().max(100, 'is longer than 100 characters').optional(),
});
export type TFindingFilters = z.infer<typeof ZFindingFilters>;

/** The statuses a status filter stands for. */
export function statusesOf(
  filter: TFindingStatusFilter | undefined,
): Array<'OPEN' | 'IN_PROGRESS' | 'EXCEPTION' | 'RESOLVED'> {
  if (!filter) return ['OPEN', 'IN_PROGRESS'];
  if (filter === 'ALL') return ['OPEN', 'IN_PROGRESS', 'EXCEPTION', 'RESOLVED'];
  return [filter];
}

import type { IdentityStatus } from '@/prisma/generated/enums.ts';

const DAY_MS = 86_400_000;

/**
 * The status a person ends up with, from what the sources say and the dates: an end date that has
 * passed is a leaver whatever the status says; a start date still ahead makes a newcomer (or a
 * rehire) a pre-hire; a pre-hire whose start date has come is active. Someone already working is
 * not turned back into a pre-hire by a corrected start date.
 */
export function deriveStatus(input: {
  said: IdentityStatus | null | undefined;
  before: IdentityStatus | null;
  startDate: Date | null;
  endDate: Date | null;
  now: Date;
}): IdentityStatus {
  const { said, before, startDate, endDate, now } = input;
  if (endDate && endDate.getTime() + DAY_MS <= now.getTime()) return 'TERMINATED';
  const status = said ?? before ?? 'ACTIVE';
  if (status === 'TERMINATED' || status === 'SUSPENDED') return status;
  const startsLater = startDate !== null && startDate.getTime() > now.getTime();
  if (startsLater) return before === 'ACTIVE' && said !== 'PREHIRE' ? 'ACTIVE' : 'PREHIRE';
  if (status === 'PREHIRE' && startDate) return 'ACTIVE';
  return status;
}

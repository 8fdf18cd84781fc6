import { PROFILE_MASK } from '@/server/shared/identity-attributes.ts';
import type { TDb } from '@/server/db/client.ts';
import type { TBirthrightSubject } from './birthright-condition.ts';

export type TBirthrightPerson = TBirthrightSubject & { id: string; displayName: string };

/**
 * Everyone a rule could apply to (people who have not left), with the attributes rules read. A
 * narrow select: 100,000 people are a few megabytes.
 */
export async function loadBirthrightPeople(db: TDb): Promise<TBirthrightPerson[]> {
  return db.identity.findMany({
    where: { status: { not: 'TERMINATED' } },
    select: {
      id: true,
      displayName: true,
      employmentType: true,
      ...PROFILE_MASK,
    },
    orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }],
  });
}

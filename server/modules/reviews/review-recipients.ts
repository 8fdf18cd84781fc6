import type { TDb } from '@/server/db/client.ts';

/** Where a reviewer's notification takes them: their queue, on that campaign. */
export const reviewQueueLink = (campaignId: string) => `/reviews?campaign=${campaignId}`;

export type TAssigned = { identityId: string; reviewerId: string | null; reviewerTeamId: string | null };

/** The identity team: who decides the items nobody else can. */
export async function identityTeamIds(db: TDb): Promise<string[]> {
  const admins = await db.identity.findMany({
    where: { status: 'ACTIVE', portalRoles: { some: { role: 'IDENTITY_ADMIN' } } },
    select: { id: true },
  });
  return admins.map((a) => a.id);
}

/**
 * Who may decide each item: its reviewer, every active member of its team, or (neither set) the
 * identity team; never the person the item is about. Returns how many items each person may decide.
 */
export async function reviewersOf(db: TDb, items: readonly TAssigned[]): Promise<Map<string, number>> {
  const teamIds = [...new Set(items.flatMap((i) => (i.reviewerTeamId ? [i.reviewerTeamId] : [])))];
  const needsAdmins = items.some((i) => !i.reviewerId && !i.reviewerTeamId);
  const members = teamIds.length
    ? await db.teamMember.findMany({
        where: { teamId: { in: teamIds }, identity: { status: 'ACTIVE' } },
        select: { teamId: true, identityId: true },
      })
    : [];
  const admins = needsAdmins ? await identityTeamIds(db) : [];
  const counts = new Map<string, number>();
  const add = (id: string) => counts.set(id, (counts.get(id) ?? 0) + 1);
  for (const item of items) {
    const who = item.reviewerId
      ? [item.reviewerId]
      : item.reviewerTeamId
        ? members.filter((m) => m.teamId === item.reviewerTeamId).map((m) => m.identityId)
        : admins;
    for (const id of who) if (id !== item.identityId) add(id);
  }
  return counts;
}

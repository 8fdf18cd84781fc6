import type { TDb } from '@/server/db/client.ts';

export type TStageFacts = {
  reviewerKind: 'MANAGER' | 'OWNER' | 'TEAM' | 'PERSON';
  teamId: string | null;
  reviewerId: string | null;
};
export type TItemSubject = { identityId: string; entitlementId: string | null; roleId: string | null };

/**
 * Who decides an item at a stage. `reviewerId` and `reviewerTeamId` both null is the fallback: the
 * identity team (any IDENTITY_ADMIN but the person themselves), with `fallback` saying why in words.
 */
export type TResolvedReviewer = {
  reviewerId: string | null;
  reviewerTeamId: string | null;
  fallback: string | null;
};

const FALLBACK = (why: string): TResolvedReviewer => ({
  reviewerId: null,
  reviewerTeamId: null,
  fallback: why,
});

/**
 * Resolves a stage's reviewer for each item, as things are now (a stage that starts later reads the
 * manager and owner of that day): the person's manager, the entitlement's owner (else its
 * application's) or the role's owner, a team, or a named person. Whoever cannot act, or would be
 * reviewing their own access, is replaced by the identity team.
 */
export async function resolveReviewers(
  db: TDb,
  stage: TStageFacts,
  items: readonly TItemSubject[],
): Promise<TResolvedReviewer[]> {
  if (items.length === 0) return [];
  const people = [...new Set(items.map((i) => i.identityId))];
  const entitlementIds = [...new Set(items.flatMap((i) => (i.entitlementId ? [i.entitlementId] : [])))];
  const roleIds = [...new Set(items.flatMap((i) => (i.roleId ? [i.roleId] : [])))];
  // In sequence: this runs inside a transaction, one connection, one query at a time.
  const identities =
    stage.reviewerKind === 'MANAGER'
      ? await db.identity.findMany({
          where: { id: { in: people } },
          select: { id: true, manager: { select: { id: true, status: true } } },
        })
      : [];
  const entitlements =
    stage.reviewerKind === 'OWNER' && entitlementIds.length
      ? await db.entitlement.findMany({
          where: { id: { in: entitlementIds } },
          select: {
            id: true,
            owner: { select: { id: true, status: true } },
            application: { select: { owner: { select: { id: true, status: true } } } },
          },
        })
      : [];
  const roles =
    stage.reviewerKind === 'OWNER' && roleIds.length
      ? await db.role.findMany({
          where: { id: { in: roleIds } },
          select: { id: true, owner: { select: { id: true, status: true } } },
        })
      : [];
  const team =
    stage.reviewerKind === 'TEAM' && stage.teamId
      ? await db.teamMember.findMany({
          where: { teamId: stage.teamId, identity: { status: 'ACTIVE' } },
          select: { identityId: true },
        })
      : [];
  const named =
    stage.reviewerKind === 'PERSON' && stage.reviewerId
      ? await db.identity.findUnique({ where: { id: stage.reviewerId }, select: { id: true, status: true } })
      : null;
  const active = (p: { id: string; status: string } | null | undefined) =>
    p && p.status === 'ACTIVE' ? p.id : null;
  const managers = new Map(identities.map((i) => [i.id, active(i.manager)]));
  const entitlementOwners = new Map(
    entitlements.map((e) => [e.id, active(e.owner) ?? active(e.application.owner)]),
  );
  const roleOwners = new Map(roles.map((r) => [r.id, active(r.owner)]));
  const members = team.map((m) => m.identityId);

  return items.map((item): TResolvedReviewer => {
    const person = (id: string | null | undefined, missing: string) => {
      if (!id) return FALLBACK(missing);
      if (id === item.identityId) return FALLBACK('The reviewer would be the person themselves');
      return { reviewerId: id, reviewerTeamId: null, fallback: null };
    };
    switch (stage.reviewerKind) {
      case 'MANAGER':
        return person(managers.get(item.identityId), 'The person has no manager who can act');
      case 'OWNER':
        return person(
          item.roleId
            ? roleOwners.get(item.roleId)
            : item.entitlementId
              ? entitlementOwners.get(item.entitlementId)
              : null,
          'The access has no owner who can act',
        );
      case 'PERSON':
        return person(active(named), 'The named reviewer can no longer act');
      case 'TEAM':
        if (!stage.teamId || members.every((m) => m === item.identityId))
          return FALLBACK('Nobody in the team but the person themselves can act');
        return { reviewerId: null, reviewerTeamId: stage.teamId, fallback: null };
    }
  });
}

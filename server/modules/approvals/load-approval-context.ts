import type { TDb } from '@/server/db/client.ts';
import { ACTING_STATUSES, canAct } from '@/server/modules/identities/index.ts';
import type { IdentityStatus } from '@/prisma/generated/enums.ts';
import type { TApprovalPolicyStages } from './approval-policy-schema.ts';
import type { TChainContext, TChainPerson } from './resolve-approval-chain.ts';

export type TApprovalSubject = {
  requesterId: string;
  beneficiaryId: string;
  itemOwnerIds: string[];
  applicationOwnerIds: string[];
};

/**
 * Loads what chain resolution needs in three queries: the teams the policy names, the identity
 * admins, and every person involved with their whole management chain (one recursive query).
 */
export async function loadApprovalContext(
  db: TDb,
  subject: TApprovalSubject,
  stages: TApprovalPolicyStages,
): Promise<TChainContext> {
  const teamKeys = [
    ...new Set(stages.flatMap((s) => s.approvers.flatMap((a) => (a.type === 'TEAM' ? [a.teamKey] : [])))),
  ];
  const named = stages.flatMap((s) => s.approvers.flatMap((a) => (a.type === 'PEOPLE' ? a.identityIds : [])));
  const [teams, admins] = await Promise.all([
    teamKeys.length
      ? db.team.findMany({
          where: { key: { in: teamKeys } },
          select: {
            key: true,
            name: true,
            members: { select: { identityId: true }, orderBy: { identityId: 'asc' } },
          },
        })
      : Promise.resolve([]),
    db.identity.findMany({
      where: { status: { in: [...ACTING_STATUSES] }, portalRoles: { some: { role: 'IDENTITY_ADMIN' } } },
      select: { id: true },
      orderBy: { id: 'asc' },
    }),
  ]);
  const ids = [
    subject.requesterId,
    subject.beneficiaryId,
    ...subject.itemOwnerIds,
    ...subject.applicationOwnerIds,
    ...named,
    ...teams.flatMap((t) => t.members.map((m) => m.identityId)),
    ...admins.map((a) => a.id),
  ];
  return {
    requesterId: subject.requesterId,
    beneficiaryId: subject.beneficiaryId,
    people: await loadManagementChains(db, ids),
    itemOwnerIds: subject.itemOwnerIds,
    applicationOwnerIds: subject.applicationOwnerIds,
    teams: new Map(
      teams.map((t) => [t.key, { name: t.name, memberIds: t.members.map((m) => m.identityId) }]),
    ),
    fallbackAdminIds: admins.map((a) => a.id),
  };
}

/** These people and everyone above them, in one recursive query (UNION stops at cycles). */
export async function loadManagementChains(db: TDb, ids: string[]): Promise<Map<string, TChainPerson>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.$queryRaw<Array<{ id: string; managerId: string | null; status: IdentityStatus }>>`
    WITH RECURSIVE chain AS (
      SELECT id, "managerId", status FROM "Identity" WHERE id = ANY(${unique}::uuid[])
      UNION
      SELECT i.id, i."managerId", i.status FROM "Identity" i JOIN chain c ON i.id = c."managerId"
    )
    SELECT id::text, "managerId"::text, status::text FROM chain`;
  return new Map(rows.map((r) => [r.id, { id: r.id, managerId: r.managerId, isActive: canAct(r.status) }]));
}

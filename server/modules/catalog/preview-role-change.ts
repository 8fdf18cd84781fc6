import type { TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import type { TPreviewItem } from '@/server/modules/birthright/index.ts';
import { assessMassChange, type TMassChange } from '@/server/modules/mass-change/index.ts';
import {
  conflictsOfRoleChange,
  conflictsWithinRole,
  type TRoleChangeConflict,
  type TRoleContentsConflict,
} from '@/server/modules/sod/index.ts';

const NAMES_SHOWN = 100;

export type TRoleChangePreview = {
  holders: number;
  gains: TPreviewItem[];
  losses: TPreviewItem[];
  /** People who would lose at least one entitlement (what the mass-change guard counts). */
  peopleLosing: number;
  conflicts: TRoleChangeConflict[];
  /** Rules the new contents break by themselves, whoever holds the role: a blocking one refuses the save. */
  withinRole: TRoleContentsConflict[];
  massChange: TMassChange;
};

/**
 * What-if for a role edit, without saving (the same shape as a birthright rule's): who holds the role
 * (through any grant: a request, birthright, the identity team), who would gain and lose which
 * entitlements, who would end up in a segregation-of-duties conflict, and whether the losses are a
 * mass change. A holder who has an entitlement another way (directly, through another role) neither
 * gains nor loses it. It also names the rules the new contents break by themselves (conflictsWithinRole),
 * which is all there is to say of a role not saved yet (no roleId: nobody holds it). saveRole runs the
 * same assessment inside its transaction: this one is advisory.
 */
export async function previewRoleChange(
  db: TDb,
  input: { roleId: string | null; entitlementIds: readonly string[] },
  deps: { now?: Date } = {},
): Promise<TRoleChangePreview> {
  const now = deps.now ?? new Date();
  const wanted = [...new Set(input.entitlementIds)];
  const [role, known, withinRole] = await Promise.all([
    input.roleId
      ? db.role.findUnique({
          where: { id: input.roleId },
          select: { id: true, entitlements: { select: { entitlementId: true } } },
        })
      : { id: null, entitlements: [] },
    db.entitlement.findMany({
      where: { id: { in: wanted } },
      select: { id: true, name: true, application: { select: { name: true } } },
    }),
    conflictsWithinRole(db, { roleId: input.roleId, entitlementIds: wanted }),
  ]);
  if (!role) throw new AppError('NOT_FOUND', 'No such role');
  if (known.length !== wanted.length)
    throw new AppError('INVALID_INPUT', 'Some entitlements do not exist', { field: 'entitlementIds' });
  const before = new Set(role.entitlements.map((e) => e.entitlementId));
  const after = new Set(wanted);
  const added = wanted.filter((id) => !before.has(id));
  const removed = [...before].filter((id) => !after.has(id));

  const holderRows = role.id
    ? await db.grant.findMany({
        where: { roleId: role.id, status: 'ACTIVE' },
        select: { identityId: true, identity: { select: { displayName: true } } },
        distinct: ['identityId'],
      })
    : [];
  const holders = holderRows.map((h) => h.identityId);
  const names = new Map(holderRows.map((h) => [h.identityId, h.identity.displayName]));
  const elsewhere = role.id
    ? await heldElsewhere(db, role.id, holders, [...added, ...removed])
    : new Set<string>();
  const described = new Map([
    ...known.map((e) => [e.id, { name: e.name, application: e.application.name }] as const),
    ...(
      await db.entitlement.findMany({
        where: { id: { in: removed } },
        select: { id: true, name: true, application: { select: { name: true } } },
      })
    ).map((e) => [e.id, { name: e.name, application: e.application.name }] as const),
  ]);
  const summarise = (ids: string[]): TPreviewItem[] =>
    ids.map((entitlementId) => {
      const affected = holders
        .filter((h) => !elsewhere.has(`${h}|${entitlementId}`))
        .sort((a, b) => (names.get(a) ?? '').localeCompare(names.get(b) ?? ''));
      return {
        kind: 'ENTITLEMENT',
        id: entitlementId,
        name: described.get(entitlementId)?.name ?? 'an entitlement',
        application: described.get(entitlementId)?.application ?? null,
        count: affected.length,
        unaffected: holders.length - affected.length,
        people: affected.slice(0, NAMES_SHOWN).map((id) => ({ id, displayName: names.get(id) ?? id })),
      };
    });
  const losing = new Set(removed.flatMap((e) => holders.filter((h) => !elsewhere.has(`${h}|${e}`))));
  const [conflicts, massChange] = await Promise.all([
    role.id
      ? conflictsOfRoleChange(db, { roleId: role.id, entitlementIds: wanted, holderIds: holders }, { now })
      : [],
    assessMassChange(db, losing.size),
  ]);
  return {
    holders: holders.length,
    gains: summarise(added),
    losses: summarise(removed),
    peopleLosing: losing.size,
    conflicts,
    withinRole,
    massChange,
  };
}

/** "person|entitlement" for each holder who has the entitlement through a grant other than this role. */
async function heldElsewhere(
  db: TDb,
  roleId: string,
  holders: string[],
  entitlementIds: string[],
): Promise<Set<string>> {
  if (holders.length === 0 || entitlementIds.length === 0) return new Set();
  const rows = await db.$queryRaw<Array<{ identityId: string; entitlementId: string }>>`
    SELECT DISTINCT g."identityId"::text, COALESCE(g."entitlementId", re."entitlementId")::text AS "entitlementId"
      FROM "Grant" g LEFT JOIN "RoleEntitlement" re ON re."roleId" = g."roleId"
     WHERE g.status = 'ACTIVE' AND g."identityId" = ANY(${holders}::uuid[])
       AND (g."roleId" IS NULL OR g."roleId" <> ${roleId}::uuid)
       AND COALESCE(g."entitlementId", re."entitlementId") = ANY(${entitlementIds}::uuid[])`;
  return new Set(rows.map((r) => `${r.identityId}|${r.entitlementId}`));
}

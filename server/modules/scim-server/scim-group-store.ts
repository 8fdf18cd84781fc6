import type { Prisma, TDb } from '@/server/db/client.ts';

export type TGroupRow = {
  id: string;
  displayName: string;
  externalId: string | null;
  memberIds: string[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

const SELECT = {
  id: true,
  displayName: true,
  externalId: true,
  memberIds: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} as const;

/** Every read and write names the caller's source: one IdP never sees or changes another's Groups. */
export const findGroup = (db: TDb, sourceId: string, id: string): Promise<TGroupRow | null> =>
  db.scimGroup.findFirst({ where: { id, sourceId }, select: SELECT });

/** The group row, locked until the transaction ends, so concurrent member PATCHes never lose one another. */
export async function lockGroup(
  tx: Prisma.TransactionClient,
  sourceId: string,
  id: string,
): Promise<TGroupRow | null> {
  await tx.$queryRaw`SELECT 1 FROM "ScimGroup" WHERE id = ${id}::uuid AND "sourceId" = ${sourceId}::uuid FOR UPDATE`;
  return findGroup(tx, sourceId, id);
}

export const listGroups = (
  db: TDb,
  sourceId: string,
  narrow: { displayName?: string } = {},
): Promise<TGroupRow[]> =>
  db.scimGroup.findMany({
    where: {
      sourceId,
      ...(narrow.displayName ? { displayName: { equals: narrow.displayName, mode: 'insensitive' } } : {}),
    },
    select: SELECT,
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });

export const createGroupRow = (
  db: TDb,
  data: { sourceId: string; displayName: string; externalId: string | null; memberIds: string[] },
): Promise<TGroupRow> => db.scimGroup.create({ data, select: SELECT });

export const updateGroupRow = (
  db: TDb,
  id: string,
  data: { displayName: string; externalId: string | null; memberIds: string[] },
): Promise<TGroupRow> =>
  db.scimGroup.update({ where: { id }, data: { ...data, version: { increment: 1 } }, select: SELECT });

export const deleteGroupRow = (db: TDb, id: string) => db.scimGroup.delete({ where: { id } });

export async function groupsOf(
  db: TDb,
  sourceId: string,
  identityIds: readonly string[],
): Promise<Map<string, Array<{ id: string; displayName: string }>>> {
  const out = new Map<string, Array<{ id: string; displayName: string }>>();
  if (identityIds.length === 0) return out;
  const rows = await db.scimGroup.findMany({
    where: { sourceId, memberIds: { hasSome: [...identityIds] } },
    select: { id: true, displayName: true, memberIds: true },
  });
  const wanted = new Set(identityIds);
  for (const g of rows) {
    for (const m of g.memberIds) {
      if (!wanted.has(m)) continue;
      out.set(m, [...(out.get(m) ?? []), { id: g.id, displayName: g.displayName }]);
    }
  }
  return out;
}

/**
 * A User that is deleted leaves every group of its source (RFC 7644 §3.6: it is gone from that service
 * provider); another IdP's Groups are that IdP's to change.
 */
export async function removeMemberEverywhere(
  tx: Prisma.TransactionClient,
  sourceId: string,
  identityId: string,
): Promise<string[]> {
  const rows = await tx.$queryRaw<Array<{ id: string }>>`
    UPDATE "ScimGroup" SET "memberIds" = array_remove("memberIds", ${identityId}), version = version + 1, "updatedAt" = now()
     WHERE "sourceId" = ${sourceId}::uuid AND ${identityId} = ANY("memberIds") RETURNING id::text AS id`;
  return rows.map((r) => r.id);
}

export async function displayNames(db: TDb, identityIds: readonly string[]): Promise<Map<string, string>> {
  if (identityIds.length === 0) return new Map();
  const rows = await db.identity.findMany({
    where: { id: { in: [...identityIds] } },
    select: { id: true, displayName: true },
  });
  return new Map(rows.map((r) => [r.id, r.displayName]));
}

import { Prisma, type TDb } from '@/server/db/client.ts';
import { containsPattern, countCapped } from '@/server/db/count-capped.ts';
import type { IdentityStatus } from '@/prisma/generated/enums.ts';

export type TListIdentitiesInput = {
  search?: string;
  status?: IdentityStatus;
  department?: string;
  cursor?: string;
  limit: number;
};

/**
 * The directory of people for the identity team and auditors: search by name, email, employee number
 * or username; filter by status and department; keyset pages by display name. The first page also
 * says how many match (capped, docs/decisions/075) and which departments exist; later pages only
 * carry rows. Substring search is served by the trigram indexes on displayName, email and username.
 */
export async function listIdentities(db: TDb, input: TListIdentitiesInput) {
  const from = Prisma.sql`FROM "Identity" i WHERE ${filterSql(input)}`;
  const after = input.cursor
    ? Prisma.sql`AND (i."displayName", i.id) > (SELECT c."displayName", c.id FROM "Identity" c WHERE c.id = ${input.cursor}::uuid)`
    : Prisma.empty;
  const isFirstPage = !input.cursor;
  const [ids, total, departments] = await Promise.all([
    db.$queryRaw<
      Array<{ id: string }>
    >`SELECT i.id::text ${from} ${after} ORDER BY i."displayName", i.id LIMIT ${input.limit + 1}`,
    isFirstPage ? countCapped(db, from) : null,
    isFirstPage ? listDepartments(db) : null,
  ]);
  const pageIds = ids.slice(0, input.limit).map((r) => r.id);
  const rows = await db.identity.findMany({
    where: { id: { in: pageIds } },
    select: {
      id: true,
      displayName: true,
      email: true,
      username: true,
      employeeNumber: true,
      department: true,
      title: true,
      employmentType: true,
      status: true,
      startDate: true,
      endDate: true,
      origin: true,
      manager: { select: { id: true, displayName: true } },
      _count: { select: { sourceRecords: true } },
    },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const page = pageIds.map((id) => byId.get(id)!).filter(Boolean);
  return {
    items: page.map(({ _count, ...r }) => ({ ...r, sources: _count.sourceRecords })),
    nextCursor: ids.length > input.limit ? pageIds[pageIds.length - 1]! : null,
    total,
    departments,
  };
}

function filterSql(input: TListIdentitiesInput): Prisma.Sql {
  const q = input.search?.trim();
  const conditions = [
    ...(input.status ? [Prisma.sql`i.status = ${input.status}::"IdentityStatus"`] : []),
    ...(input.department ? [Prisma.sql`i.department = ${input.department}`] : []),
    ...(q
      ? [
          Prisma.sql`(i."displayName" ILIKE ${containsPattern(q)} OR i.email ILIKE ${containsPattern(q)} OR i.username ILIKE ${containsPattern(q)} OR i."employeeNumber" = ${q})`,
        ]
      : []),
  ];
  return conditions.length ? Prisma.join(conditions, ' AND ') : Prisma.sql`TRUE`;
}

/** The distinct departments, found by skipping through the department index (a few probes, not a scan of everyone). */
async function listDepartments(db: TDb): Promise<string[]> {
  const rows = await db.$queryRaw<Array<{ department: string }>>`
    WITH RECURSIVE d AS (
      (SELECT department FROM "Identity" WHERE department IS NOT NULL ORDER BY department LIMIT 1)
      UNION ALL
      SELECT (SELECT i.department FROM "Identity" i WHERE i.department > d.department ORDER BY i.department LIMIT 1) FROM d WHERE d.department IS NOT NULL
    )
    SELECT department FROM d WHERE department IS NOT NULL`;
  return rows.map((r) => r.department);
}

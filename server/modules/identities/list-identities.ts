import { Prisma, type TDb } from '@/server/db/client.ts';
import { containsPattern, countCapped, prefixPattern } from '@/server/db/count-capped.ts';
import { NAME_WALK, walkThenTrigram } from '@/server/db/walk-then-trigram.ts';
import type { IdentityStatus } from '@/prisma/generated/enums.ts';

export type TListIdentitiesInput = {
  search?: string;
  status?: IdentityStatus;
  department?: string;
  cursor?: string;
  limit: number;
};

/**
 * Where a searched list's count stops (docs/decisions/092): counting a common name's 5,000 matches
 * cost as much as the page itself, and "1,000+ people" tells the reader to type more just as well.
 */
export const SEARCH_COUNT_CAP = 1_000;

/**
 * The directory of people for the identity team and auditors: search by name, email, employee number
 * or username; filter by status and department; keyset pages by display name. A search lists first
 * the people whose display name begins with it, then those whose last name does, then every other
 * match by display name (docs/decisions/092). The first page also says how many match (capped,
 * docs/decisions/075, lower for a search) and which departments exist; later pages only carry rows.
 */
export async function listIdentities(
  db: TDb,
  input: TListIdentitiesInput,
  /** `nameWalk`: how far a search's rest walks the name index (NAME_WALK; a test makes it short). */
  deps: { nameWalk?: number } = {},
) {
  const search = input.search?.trim() || undefined;
  const filters = filterConditions(input);
  const where = [...filters, ...(search ? [matchCondition(search)] : [])];
  const from = Prisma.sql`FROM "Identity" i WHERE ${where.length ? Prisma.join(where, ' AND ') : Prisma.sql`TRUE`}`;
  const isFirstPage = !input.cursor;
  const [ids, total, departments] = await Promise.all([
    search ? searchedIds(db, filters, search, input, deps.nameWalk) : byNameIds(db, from, input),
    isFirstPage ? countCapped(db, from, search ? SEARCH_COUNT_CAP : undefined) : null,
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
  const page = pageIds.flatMap((id) => byId.get(id) ?? []);
  return {
    items: page.map(({ _count, ...r }) => ({ ...r, sources: _count.sourceRecords })),
    nextCursor: ids.length > input.limit ? pageIds[pageIds.length - 1]! : null,
    total,
    departments,
  };
}

function byNameIds(db: TDb, from: Prisma.Sql, input: TListIdentitiesInput) {
  const after = input.cursor ? Prisma.sql`AND ${afterByName(input.cursor)}` : Prisma.empty;
  return db.$queryRaw<
    Array<{ id: string }>
  >`SELECT i.id::text ${from} ${after} ORDER BY i."displayName", i.id LIMIT ${input.limit + 1}`;
}

/**
 * A searched page in three parts, each read from an index in its own order, in one statement whose
 * later branches run only while the page is short: the display names that begin with the search
 * (a range of db_identity_display_name_folded), the last names that do (db_identity_last_name_folded),
 * then every other match by display name, a bounded walk and then the trigram indexes
 * (walkThenTrigram). Sorting a common last name's 5,000 matches, or walking the name index to where
 * they sit, was what made a search slow. The cursor's own row says which part it is in: parts before
 * it are left out, its own continues after it, later ones start from their beginning.
 */
async function searchedIds(
  db: TDb,
  filters: readonly Prisma.Sql[],
  search: string,
  input: TListIdentitiesInput,
  walk: number | undefined,
): Promise<Array<{ id: string }>> {
  const prefix = prefixPattern(search);
  const begins = (column: string, t = 'i') =>
    Prisma.sql`lower(${Prisma.raw(`${t}."${column}"`)}) COLLATE "C" LIKE lower(${prefix})`;
  // -1: no cursor, every part from its beginning.
  const cursorPart = input.cursor ? await partOf(db, input.cursor, begins) : -1;
  if (cursorPart === null) return []; // an id that is nobody: the list ends, as by name
  const limit = input.limit + 1;
  // Each part's order is its index's: the folded name, then (last names) the display name, then id.
  const keys = [
    (t: string) => Prisma.sql`lower(${Prisma.raw(t)}."displayName") COLLATE "C", ${Prisma.raw(t)}.id`,
    (t: string) =>
      Prisma.sql`lower(${Prisma.raw(t)}."lastName") COLLATE "C", ${Prisma.raw(t)}."displayName", ${Prisma.raw(t)}.id`,
  ];
  const part = (k: 0, conditions: Prisma.Sql[]) => {
    const key = keys[k]!;
    const after =
      cursorPart === k
        ? [
            Prisma.sql`(${key('i')}) > (SELECT ${key('c')} FROM "Identity" c WHERE c.id = ${input.cursor}::uuid)`,
          ]
        : [];
    return Prisma.sql`(SELECT i.id FROM "Identity" i WHERE ${Prisma.join([...filters, ...conditions, ...after], ' AND ')}
       ORDER BY ${key('i')} LIMIT ${limit})`;
  };
  // The last-name range must also match the search (content as before 092). Given that condition,
  // the planner sorts the whole range from a bitmap (5,000 rows for "kowal"); so the range is read
  // in order under a LIMIT, which nothing can reorder, and the condition applied outside it, lazily.
  // Past `walk` range rows, the rest of the range comes through the condition and a sort.
  const lastNames = () => {
    const key = keys[1]!;
    const range = [
      ...filters,
      begins('lastName'),
      Prisma.sql`NOT (${begins('displayName')})`,
      ...(cursorPart === 1
        ? [
            Prisma.sql`(${key('i')}) > (SELECT ${key('c')} FROM "Identity" c WHERE c.id = ${input.cursor}::uuid)`,
          ]
        : []),
    ];
    const n = walk ?? NAME_WALK;
    return Prisma.sql`(SELECT l.id FROM (
        (SELECT w.id FROM (SELECT i.id, ${matchCondition(search)} AS hit FROM "Identity" i
                            WHERE ${Prisma.join(range, ' AND ')} ORDER BY ${key('i')} LIMIT ${n}) w
          WHERE w.hit LIMIT ${limit})
        UNION ALL
        (SELECT i.id FROM "Identity" i WHERE ${Prisma.join([...range, matchCondition(search)], ' AND ')}
            AND (${key('i')}) > (SELECT ${key('i')} FROM "Identity" i WHERE ${Prisma.join(range, ' AND ')}
                                  ORDER BY ${key('i')} OFFSET ${n - 1} LIMIT 1)
          ORDER BY ${key('i')} LIMIT ${limit})) l LIMIT ${limit})`;
  };
  const branches = [
    ...(cursorPart <= 0 ? [part(0, [begins('displayName')])] : []),
    ...(cursorPart <= 1 ? [lastNames()] : []),
    Prisma.sql`(${walkThenTrigram({
      from: Prisma.sql`"Identity" i`,
      alias: 'i',
      name: 'displayName',
      candidates: [...filters, ...(cursorPart === 2 ? [afterByName(input.cursor!)] : [])],
      matches: [
        matchCondition(search),
        Prisma.sql`NOT (${begins('displayName')})`,
        Prisma.sql`NOT (${begins('lastName')})`,
      ],
      limit,
      walk,
    })})`,
  ];
  // The parts come in the order listed, and the outer LIMIT stops before a later part runs when the
  // earlier fill the page: a non-parallel Append runs its children in order, and each part has a LIMIT,
  // which PostgreSQL never hands to parallel workers (allpaths.c, set_rel_consider_parallel), so no
  // Parallel Append can interleave them. An ORDER BY over the parts would run every part first.
  return db.$queryRaw<Array<{ id: string }>>`
    SELECT p.id::text FROM (${Prisma.join(branches, ' UNION ALL ')}) p LIMIT ${limit}`;
}

/** Which part of a search the cursor's row is in (0 display name, 1 last name, 2 the rest), null if it is nobody. */
async function partOf(
  db: TDb,
  cursor: string,
  begins: (column: string, t: string) => Prisma.Sql,
): Promise<number | null> {
  const [row] = await db.$queryRaw<Array<{ part: number }>>`
    SELECT CASE WHEN ${begins('displayName', 'c')} THEN 0 WHEN ${begins('lastName', 'c')} THEN 1 ELSE 2 END AS part
      FROM "Identity" c WHERE c.id = ${cursor}::uuid`;
  return row ? row.part : null;
}

function afterByName(cursor: string): Prisma.Sql {
  return Prisma.sql`(i."displayName", i.id) > (SELECT c."displayName", c.id FROM "Identity" c WHERE c.id = ${cursor}::uuid)`;
}

/** What a search matches: a substring of the display name, email or username (trigram indexes), or the employee number. */
function matchCondition(search: string): Prisma.Sql {
  const pattern = containsPattern(search);
  return Prisma.sql`(i."displayName" ILIKE ${pattern} OR i.email ILIKE ${pattern} OR i.username ILIKE ${pattern} OR i."employeeNumber" = ${search})`;
}

function filterConditions(input: TListIdentitiesInput): Prisma.Sql[] {
  return [
    ...(input.status ? [Prisma.sql`i.status = ${input.status}::"IdentityStatus"`] : []),
    ...(input.department ? [Prisma.sql`i.department = ${input.department}`] : []),
  ];
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

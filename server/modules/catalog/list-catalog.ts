import type { TUserActor } from '@/server/auth/actor.ts';
import { Prisma, type TDb } from '@/server/db/client.ts';
import { prefixPattern } from '@/server/db/count-capped.ts';
import { queryArrays } from '@/server/db/query-arrays.ts';
import type { RiskLevel } from '@/prisma/generated/enums.ts';
import { listCatalogConflicts } from '@/server/modules/sod/index.ts';
import { LISTED_IN_CATALOG_SQL } from './catalog-visibility.ts';
import { chooseLeadingTerm, idsByLeadingTerm, lookUpSearchTerms, termCondition } from './search-words.ts';

export type TCatalogQuery = {
  search?: string;
  applicationId?: string;
  risk?: RiskLevel;
  cursor?: string;
  limit: number;
};

type TPageRow = {
  id: string;
  name: string;
  description: string;
  risk: RiskLevel;
  maxDurationDays: number | null;
  applicationId: string;
  applicationName: string;
  ownerId: string | null;
  ownerName: string | null;
  isHeld: boolean;
  pendingRequestId: string | null;
};

/**
 * How a search's rest is read: `auto` through the words when one search word allows it, else by the
 * planner (docs/decisions/098); `planner` always the latter (the tests compare the two).
 */
export type TRestReading = 'auto' | 'planner';

/**
 * Requestable entitlements of enabled applications, searched by name, description and application
 * name, with what the actor already holds or has asked for and which would conflict with what they
 * hold (segregation of duties). Unsearched, by name; searched, first the matches whose name begins
 * with the search (case folded, in that order), then every other match by name (docs/decisions/085).
 * Keyset paging either way: `nextCursor` is the last id of the page. A search's first part is a
 * range of the folded-name index read in its order, so it costs the page; its rest is read through
 * the catalog's words, a few index ranges in name order (docs/decisions/098), or, for a search word
 * too short or too common for that, as before 098: the planner's walk of the name index or its
 * trigram bitmap. Then one statement finds the page's SoD hints.
 */
export async function listCatalog(
  db: TDb,
  actor: TUserActor,
  q: TCatalogQuery,
  deps: { now?: Date; restReading?: TRestReading } = {},
) {
  const words = (q.search ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 8);
  const filters = [
    LISTED_IN_CATALOG_SQL,
    ...(q.applicationId ? [Prisma.sql`e."applicationId" = ${q.applicationId}::uuid`] : []),
    ...(q.risk ? [Prisma.sql`e.risk = ${q.risk}::"RiskLevel"`] : []),
  ];
  const rows = words.length
    ? await searchedPage(db, actor.identityId, filters, words, q, deps.restReading ?? 'auto')
    : await readPage(
        db,
        actor.identityId,
        idsInOrder({
          where: [...filters, ...(q.cursor ? [afterByName(q.cursor)] : [])],
          order: 'name',
          limit: q.limit + 1,
        }),
        'name',
      );
  const page = rows.slice(0, q.limit);
  const conflicts = await listCatalogConflicts(
    db,
    actor.identityId,
    page.map((r) => r.id),
    deps.now ?? new Date(),
  );
  return {
    items: page.map((r) => ({
      id: r.id,
      name: r.name,
      description: r.description,
      risk: r.risk,
      maxDurationDays: r.maxDurationDays,
      application: { id: r.applicationId, name: r.applicationName },
      owner: r.ownerId ? { id: r.ownerId, displayName: r.ownerName! } : null,
      isHeld: r.isHeld,
      pendingRequestId: r.pendingRequestId,
      sodConflicts: conflicts
        .filter((c) => c.entitlementId === r.id)
        .map(({ ruleName, severity }) => ({ ruleName, severity })),
    })),
    nextCursor: rows.length > q.limit ? page.at(-1)!.id : null,
  };
}

/**
 * A searched page in two parts, each read from an index in its own order. First the names that
 * begin with the search (its words as typed, one space between them): a range of the folded-name
 * b-tree, so a common word costs the page, not its ten thousand matches. Then, once those run out,
 * every other match by name: through the words of one search word when it allows (docs/decisions/098),
 * else through the name index or the trigram indexes as the planner judges. Sorting all the matches
 * of a common word by name (or walking the name index to where they sit) was what made a search slow
 * (docs/decisions/085). The cursor's own name says which part it is in.
 */
async function searchedPage(
  db: TDb,
  identityId: string,
  filters: readonly Prisma.Sql[],
  words: readonly string[],
  q: TCatalogQuery,
  restReading: TRestReading,
): Promise<TPageRow[]> {
  const prefix = prefixPattern(words.join(' '));
  const begins = Prisma.sql`lower(e.name) COLLATE "C" LIKE lower(${prefix})`;
  const [terms, cursorBegins, begun] = await Promise.all([
    lookUpSearchTerms(db, words),
    q.cursor ? cursorNameBegins(db, q.cursor, prefix) : true,
    readPage(
      db,
      identityId,
      idsInOrder({
        where: [...filters, begins, ...(q.cursor ? [afterFolded(q.cursor, begins)] : [])],
        order: 'folded',
        limit: q.limit + 1,
      }),
      'folded',
    ),
  ]);
  if (begun.length > q.limit) return begun;
  const where = [...filters, ...terms.map(termCondition), Prisma.sql`NOT (${begins})`];
  const keyset = q.cursor && !cursorBegins ? afterKey(q.cursor) : null;
  const limit = q.limit + 1 - begun.length;
  const leading = restReading === 'auto' ? chooseLeadingTerm(terms) : null;
  const rest = await readPage(
    db,
    identityId,
    leading
      ? idsByLeadingTerm(leading, where, keyset, limit)
      : idsInOrder({
          where: [...where, ...(keyset ? [keyset(Prisma.sql`e.name`, Prisma.sql`e.id`)] : [])],
          order: 'name',
          limit,
        }),
    'name',
  );
  return [...begun, ...rest];
}

async function cursorNameBegins(db: TDb, cursor: string, prefix: string): Promise<boolean> {
  const [row] = await db.$queryRaw<Array<{ begins: boolean }>>`
    SELECT lower(name) COLLATE "C" LIKE lower(${prefix}) AS begins FROM "Entitlement" WHERE id = ${cursor}::uuid`;
  // An id that is no entitlement: the rest's keyset compares with null and ends the list.
  return row?.begins ?? false;
}

function afterByName(cursor: string): Prisma.Sql {
  return afterKey(cursor)(Prisma.sql`e.name`, Prisma.sql`e.id`);
}

/** The keyset after the cursor's (name, id), on the columns given: the entitlement's or a word holder's. */
function afterKey(cursor: string) {
  return (name: Prisma.Sql, id: Prisma.Sql) =>
    Prisma.sql`(${name}, ${id}) > (SELECT c.name, c.id FROM "Entitlement" c WHERE c.id = ${cursor}::uuid)`;
}

/** `begins` is written of `e`: inside the subquery that is the cursor's row, so a cursor among the rest gives null. */
function afterFolded(cursor: string, begins: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(lower(e.name) COLLATE "C", e.id) > (SELECT lower(e.name) COLLATE "C", e.id FROM "Entitlement" e WHERE e.id = ${cursor}::uuid AND ${begins})`;
}

type TOrder = 'name' | 'folded';
const orderOf = (order: TOrder, t: Prisma.Sql) =>
  order === 'name' ? Prisma.sql`${t}.name, ${t}.id` : Prisma.sql`lower(${t}.name) COLLATE "C", ${t}.id`;

/**
 * A page's ids in `order`, chosen by the planner: `name` walks db_entitlement_name_covering, `folded`
 * the b-tree on `lower(name) COLLATE "C"`, id (db_entitlement_name_folded), or it takes the trigram
 * bitmap. The ids are chosen from the entitlement's searched and filtered columns, the short ones of
 * which the covering index holds (the description is too long for a b-tree entry, so a search's
 * description match reads the table; docs/decisions/095).
 */
function idsInOrder(page: { where: readonly Prisma.Sql[]; order: TOrder; limit: number }): Prisma.Sql {
  return Prisma.sql`
    SELECT e.id FROM "Entitlement" e JOIN "Application" a ON a.id = e."applicationId" AND a.enabled
     WHERE ${Prisma.join(page.where, ' AND ')}
     ORDER BY ${orderOf(page.order, Prisma.raw('e'))} LIMIT ${page.limit}`;
}

/**
 * One page with its application, owner, held and pending, in `order`, for the ids `chosen` selects
 * (already in that order and limited): the rest of each row is read for those ids only.
 */
async function readPage(db: TDb, identityId: string, chosen: Prisma.Sql, order: TOrder): Promise<TPageRow[]> {
  // As arrays through the pool: the catalog's first page is a few milliseconds, of which Prisma's
  // per-row objects and conversions were a measurable part.
  const rows = await queryArrays(
    db,
    Prisma.sql`
    WITH chosen AS (${chosen}),
    page AS (
      SELECT e.id, e.name, e.description, e.risk, e."maxDurationDays", a.id AS "applicationId", a.name AS "applicationName",
             o.id AS "ownerId", o."displayName" AS "ownerName"
        FROM chosen JOIN "Entitlement" e ON e.id = chosen.id JOIN "Application" a ON a.id = e."applicationId"
        LEFT JOIN "Identity" o ON o.id = e."ownerId")
    SELECT page.id::text, page.name, page.description, page.risk::text AS risk, page."maxDurationDays",
           page."applicationId"::text, page."applicationName", page."ownerId"::text, page."ownerName",
           EXISTS (SELECT 1 FROM "Grant" g WHERE g."identityId" = ${identityId}::uuid AND g.status = 'ACTIVE' AND g."entitlementId" = page.id) AS "isHeld",
           (SELECT r.id::text FROM "AccessRequest" r WHERE r."beneficiaryId" = ${identityId}::uuid AND r.status = 'PENDING'
               AND r."entitlementId" = page.id ORDER BY r."createdAt" LIMIT 1) AS "pendingRequestId"
      FROM page ORDER BY ${orderOf(order, Prisma.raw('page'))}`,
  );
  return rows.map((r) => ({
    id: r[0] as string,
    name: r[1] as string,
    description: r[2] as string,
    risk: r[3] as RiskLevel,
    maxDurationDays: r[4] as number | null,
    applicationId: r[5] as string,
    applicationName: r[6] as string,
    ownerId: r[7] as string | null,
    ownerName: r[8] as string | null,
    isHeld: r[9] as boolean,
    pendingRequestId: r[10] as string | null,
  }));
}

export async function listCatalogApplications(db: TDb) {
  return db.application.findMany({
    where: { enabled: true, entitlements: { some: { requestable: true } } },
    select: { id: true, name: true },
    orderBy: { name: 'asc' },
  });
}

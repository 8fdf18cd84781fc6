import { Prisma, type TDb } from '@/server/db/client.ts';
import {
  countsTargetOnly,
  entitlementFilter,
  grantLiveAt,
  membershipsSql,
  periodLiveAt,
  reasonsSql,
  sourceFilter,
  type TAccessScope,
  when,
} from './access-reasons-sql.ts';
import { queryArrays } from '@/server/db/query-arrays.ts';
import type { GrantSource, GrantStatus, IdentityStatus, RiskLevel } from '@/prisma/generated/enums.ts';
import type { TGrantFacts } from '@/server/modules/reviews/index.ts';

export type { TAccessScope } from './access-reasons-sql.ts';

/**
 * One reason access was held at the moment asked about: a grant, direct or through a role (`roleId`
 * set when the role bundled the entitlement at that moment). What a grant row says of itself, as the
 * why of a grant reads it.
 */
export type TAccessReason = TGrantFacts;

/** The keyset: rows come in person-name order, then entitlement name. */
export type TAccessKey = {
  displayName: string;
  identityId: string;
  entitlementName: string;
  entitlementId: string;
};

/** One person holding one entitlement at the moment, with every reason and whether the target had it. */
export type TAccessRow = {
  identityId: string;
  displayName: string;
  username: string;
  department: string | null;
  identityStatus: IdentityStatus;
  entitlementId: string;
  entitlementName: string;
  risk: RiskLevel;
  applicationId: string;
  applicationName: string;
  /** The target had confirmed the membership by then (the committed plan). */
  inTarget: boolean;
  /** Oldest first; empty when the target holds it and no grant says it should. */
  reasons: TAccessReason[];
};

type TQuery = TAccessScope & { at: Date; after?: TAccessKey | null };

/*
 * Access as of a moment, answered from the history the database keeps (docs/decisions/050), never
 * by replaying the audit log. A grant counts from its start until it ended or its end date passed
 * (whichever is first: an expired grant the sweep had not reached yet no longer counts); a role's
 * grant counts for the entitlements the role bundled at that moment; `inTarget` says whether the
 * target had confirmed the membership by then (the committed plan; what reconciliation observes
 * comes with its own history). "Now" is the same question asked at the present moment.
 */
export const keyOf = (
  r: Pick<TAccessRow, 'displayName' | 'identityId' | 'entitlementName' | 'entitlementId'>,
): TAccessKey => ({
  displayName: r.displayName,
  identityId: r.identityId,
  entitlementName: r.entitlementName,
  entitlementId: r.entitlementId,
});
const pairOf = (r: { identityId: string; entitlementId: string }) => `${r.identityId}:${r.entitlementId}`;

/** Whether the rows come from the entitlements in scope (their holders) or from people in name order. */
export const isTargetDriven = (s: TAccessScope) =>
  !s.identityId && Boolean(s.entitlementId || s.roleId || s.applicationId || s.risk);
const afterKey = (a: TAccessKey | null | undefined) =>
  a
    ? Prisma.sql`AND (i."displayName", i."id", e."name", e."id") > (${a.displayName}, ${a.identityId}::uuid, ${a.entitlementName}, ${a.entitlementId}::uuid)`
    : Prisma.empty;

/**
 * Who held what at `at`, with why: a page of (person, entitlement) rows after `after`, in name order.
 * Two ways to find the page, one way to explain it. Scoped to entitlements (one, a role's, an
 * application's, a risk level) held by a few thousand people at most, the holders are collected
 * and sorted; otherwise (everything, or an entitlement everyone holds) people are walked in name
 * order through the (displayName, id) index, a batch at a time, until the page is full. Either way the page's people are then read in one set-based pass: every
 * grant in force (direct and through roles), the memberships the targets had confirmed, the names.
 */
export async function listAccessRows(
  db: TDb,
  input: TQuery & {
    limit?: number;
    /** Holders from which a scoped question walks people (tests compare both ways). */ denseAt?: number;
  },
): Promise<{ rows: TAccessRow[]; next: TAccessKey | null }> {
  const limit = Math.min(Math.max(input.limit ?? 100, 1), 10_000);
  const rows =
    isTargetDriven(input) && !(await isDense(db, input, input.denseAt))
      ? await targetRows(db, input, limit)
      : await peopleRows(db, input, limit);
  const last = rows.at(-1);
  return { rows, next: rows.length === limit && last ? keyOf(last) : null };
}

type TPerson = Pick<TAccessRow, 'identityId' | 'displayName' | 'username' | 'department' | 'identityStatus'>;

/**
 * Walking people in name order finds a page sooner than sorting every holder only when most people
 * hold it: holders cluster (a department's entitlement, in a stretch of names), and a walk through a
 * stretch without them reads thousands of people for nothing. Sorting a holder costs about a fifth
 * of reading a person.
 */
const DENSE_SHARE = 0.3;
const DENSE_MIN = 5000;

/**
 * Whether the entitlements in scope are held widely (counted, up to the threshold, from the grants in force
 * now, direct and through the roles that bundle them now: a guess at which way is quicker, never
 * part of the answer).
 */
export async function isDense(db: TDb, s: TQuery, denseAt?: number): Promise<boolean> {
  const held = s.roleId
    ? Prisma.sql`SELECT 1 FROM "Grant" g WHERE g."roleId" = ${s.roleId}::uuid AND g."status" = 'ACTIVE'`
    : Prisma.sql`SELECT 1 FROM "Entitlement" e JOIN "Grant" g ON g."entitlementId" = e."id" AND g."status" = 'ACTIVE' WHERE TRUE ${entitlementFilter(s)}
        UNION ALL
        SELECT 1 FROM "Entitlement" e JOIN "RoleEntitlement" re ON re."entitlementId" = e."id" JOIN "Grant" g ON g."roleId" = re."roleId" AND g."status" = 'ACTIVE' WHERE TRUE ${entitlementFilter(s)}`;
  // The threshold: a share of the people, by PostgreSQL's own estimate of their number.
  const threshold =
    denseAt ??
    Prisma.sql`(SELECT greatest(${DENSE_MIN}, ceil(reltuples * ${DENSE_SHARE}))::int FROM pg_class WHERE oid = '"Identity"'::regclass)`;
  const [row] = await db.$queryRaw<Array<{ dense: boolean }>>`
    SELECT count(*) >= ${threshold} AS "dense" FROM (SELECT 1 FROM (${held}) h LIMIT ${threshold}) x`;
  return row?.dense ?? false;
}

/** The page's (person, entitlement) pairs among the holders of the entitlements in scope (exported so the benchmark can EXPLAIN it). */
export function holdersPageSql(s: TQuery, limit: number) {
  const { at } = s;
  const ents = s.roleId
    ? Prisma.sql`SELECT DISTINCT e."id" FROM "RoleEntitlementPeriod" rp JOIN "Entitlement" e ON e."id" = rp."entitlementId"
        WHERE rp."roleId" = ${s.roleId}::uuid AND ${periodLiveAt('rp', 'startedAt', at)} ${entitlementFilter(s)}`
    : Prisma.sql`SELECT e."id" FROM "Entitlement" e WHERE TRUE ${entitlementFilter(s)}`;
  return Prisma.sql`
    WITH ents AS MATERIALIZED (${ents}),
    pairs AS (
      ${when(!s.roleId, Prisma.sql`SELECT g."identityId", g."entitlementId" FROM ents JOIN "Grant" g ON g."entitlementId" = ents."id" WHERE ${grantLiveAt(at)} ${sourceFilter(s)} UNION`)}
      SELECT g."identityId", rp."entitlementId"
        FROM ents
        JOIN "RoleEntitlementPeriod" rp ON rp."entitlementId" = ents."id" AND ${periodLiveAt('rp', 'startedAt', at)} ${when(s.roleId, Prisma.sql`AND rp."roleId" = ${s.roleId}::uuid`)}
        JOIN "Grant" g ON g."roleId" = rp."roleId"
       WHERE ${grantLiveAt(at)} ${sourceFilter(s)}
      ${when(
        countsTargetOnly(s),
        Prisma.sql`UNION SELECT a."identityId", ap."entitlementId" FROM ents
          JOIN "AccountEntitlementPeriod" ap ON ap."entitlementId" = ents."id" AND ${periodLiveAt('ap', 'confirmedAt', at)}
          JOIN "Account" a ON a."id" = ap."accountId" WHERE a."identityId" IS NOT NULL`,
      )}
    )
    SELECT i."id" AS "identityId", e."id" AS "entitlementId"
      FROM pairs p
      JOIN "Identity" i ON i."id" = p."identityId"
      JOIN "Entitlement" e ON e."id" = p."entitlementId"
     WHERE TRUE ${when(s.department, Prisma.sql`AND i."department" = ${s.department}`)} ${afterKey(s.after)}
     ORDER BY i."displayName", i."id", e."name", e."id"
     LIMIT ${limit}`;
}

async function targetRows(db: TDb, s: TQuery, limit: number): Promise<TAccessRow[]> {
  const page = await db.$queryRaw<Array<{ identityId: string; entitlementId: string }>>(
    holdersPageSql(s, limit),
  );
  if (page.length === 0) return [];
  const wanted = new Set(page.map(pairOf));
  return (await rowsOfPeople(db, s, [...new Set(page.map((p) => p.identityId))])).filter((r) =>
    wanted.has(pairOf(r)),
  );
}

type TFrom = { displayName: string; identityId: string; inclusive: boolean };

/** People in name order from `from` on (in the department asked about), through the (displayName, id) index. */
const peopleFrom = (db: TDb, s: TQuery, from: TFrom | null, limit: number) => db.$queryRaw<
  Array<{ id: string; displayName: string }>
>`
  SELECT i."id", i."displayName" FROM "Identity" i
   WHERE TRUE ${when(s.department, Prisma.sql`AND i."department" = ${s.department}`)}
     ${from ? Prisma.sql`AND (i."displayName", i."id") ${Prisma.raw(from.inclusive ? '>=' : '>')} (${from.displayName}, ${from.identityId}::uuid)` : Prisma.empty}
   ORDER BY i."displayName", i."id" LIMIT ${limit}`;

const onePerson = async (db: TDb, s: TQuery & { identityId: string }) =>
  (await rowsOfPeople(db, s, [s.identityId])).filter((r) => !s.department || r.department === s.department);

/** People in name order, a batch at a time, sized by how much access the last batch held, until the page is full. */
async function peopleRows(db: TDb, s: TQuery, limit: number): Promise<TAccessRow[]> {
  if (s.identityId) return (await onePerson(db, { ...s, identityId: s.identityId })).slice(0, limit);
  const rows: TAccessRow[] = [];
  let from: TFrom | null = s.after
    ? { displayName: s.after.displayName, identityId: s.after.identityId, inclusive: true }
    : null;
  let rowsPerPerson = 10;
  let batch = 0;
  let read = 0;
  for (;;) {
    // Never smaller than the last batch: sparse access (a scoped question) must not end in a trickle of tiny reads.
    batch = Math.min(5000, Math.max(batch, 8, Math.ceil(((limit - rows.length) / rowsPerPerson) * 1.2)));
    const people = await peopleFrom(db, s, from, batch);
    if (people.length === 0) break;
    rows.push(
      ...(await rowsOfPeople(
        db,
        s,
        people.map((p) => p.id),
      )),
    );
    read += people.length;
    // Measured over every person read so far (one more row than found: an empty batch doubles the next, not more).
    rowsPerPerson = Math.max((rows.length + 1) / read, 0.001);
    if (rows.length >= limit || people.length < batch) break;
    const last = people.at(-1)!;
    from = { displayName: last.displayName, identityId: last.id, inclusive: false };
  }
  return rows.slice(0, limit);
}

/**
 * Every row of these people (in their order) within the scope, after the keyset: one row per
 * reason from the database, grouped here. Set-based: the people's grants are found through the
 * grant index by person, whatever their number, and nothing is built per row in SQL. The people's
 * names are read once each, beside the rows (a person has ten); the rows carry their entitlements'
 * names, to answer in one round trip. Read as arrays (server/db/query-arrays.ts).
 */
async function rowsOfPeople(db: TDb, s: TQuery, ids: string[]): Promise<TAccessRow[]> {
  const [raw, people] = await Promise.all([
    queryArrays(db, rowsOfPeopleSql(s, ids)) as Promise<TReasonRow[]>,
    namePeople(db, ids),
  ]);
  const rows: TAccessRow[] = [];
  let row: TAccessRow | undefined;
  let ord = 0;
  for (const r of raw) {
    if (!row || ord !== r[0] || row.entitlementId !== r[1]) {
      ord = r[0];
      const person = people[ord - 1]!;
      row = {
        identityId: person.identityId,
        displayName: person.displayName,
        username: person.username,
        department: person.department,
        identityStatus: person.identityStatus,
        entitlementId: r[1],
        entitlementName: r[12],
        risk: r[13],
        applicationId: r[14],
        applicationName: r[15],
        inTarget: r[2],
        reasons: [],
      };
      rows.push(row);
    }
    if (r[3])
      row.reasons.push({
        grantId: r[3],
        source: r[4]!,
        sourceRef: r[5],
        status: r[6]!,
        roleId: r[7],
        grantedById: r[8],
        startsAt: r[9]!,
        endsAt: r[10],
        endedAt: r[11],
      });
  }
  return rows;
}

/** The people, in the order of `ids`, one for each (a person's rows name them by their place in it). */
async function namePeople(db: TDb, ids: string[]): Promise<TPerson[]> {
  const people = await queryArrays(
    db,
    Prisma.sql`SELECT p."id"::text, i."displayName", i."username", i."department", i."status" FROM unnest(${ids}::uuid[]) WITH ORDINALITY AS p("id", "ord") LEFT JOIN "Identity" i ON i."id" = p."id" ORDER BY p."ord"`,
  );
  return (people as Array<[string, string, string, string | null, IdentityStatus]>).map(
    ([identityId, displayName, username, department, identityStatus]) => ({
      identityId,
      displayName,
      username,
      department,
      identityStatus,
    }),
  );
}

/** A row of rowsOfPeopleSql, in its column order. */
type TReasonRow = [
  /** The person's place in the ids asked about, from 1. */
  person: number,
  entitlementId: string,
  inTarget: boolean,
  grantId: string | null,
  source: GrantSource | null,
  sourceRef: string | null,
  status: GrantStatus | null,
  roleId: string | null,
  grantedById: string | null,
  startsAt: Date | null,
  endsAt: Date | null,
  endedAt: Date | null,
  entitlementName: string,
  risk: RiskLevel,
  applicationId: string,
  applicationName: string,
];

/** The query behind rowsOfPeople (exported so the benchmark can EXPLAIN it); its columns are TReasonRow's. */
export function rowsOfPeopleSql(s: TQuery, ids: string[]) {
  const { after } = s;
  return Prisma.sql`
    WITH ppl AS (SELECT * FROM unnest(${ids}::uuid[]) WITH ORDINALITY AS p("id", "ord")),
    r AS (${reasonsSql(s, { ids })}),
    t AS (${membershipsSql(s, { ids })})
    -- Each reason, and whether the target had the membership; with a full join, also what the target holds with no reason.
    SELECT ppl."ord"::int AS "person", e."id" AS "entitlementId", t."identityId" IS NOT NULL AS "inTarget",
           r."grantId", r."source", r."sourceRef", r."status", r."roleId", r."grantedById", r."startsAt", r."endsAt", r."endedAt",
           e."name" AS "entitlementName", e."risk", app."id" AS "applicationId", app."name" AS "applicationName"
      FROM r ${Prisma.raw(countsTargetOnly(s) ? 'FULL' : 'LEFT')} JOIN t ON t."identityId" = r."identityId" AND t."entitlementId" = r."entitlementId"
      JOIN ppl ON ppl."id" = COALESCE(r."identityId", t."identityId")
      JOIN "Entitlement" e ON e."id" = COALESCE(r."entitlementId", t."entitlementId") ${entitlementFilter(s)}
      JOIN "Application" app ON app."id" = e."applicationId"
     ${after ? Prisma.sql`WHERE NOT (ppl."id" = ${after.identityId}::uuid AND (e."name", e."id") <= (${after.entitlementName}, ${after.entitlementId}::uuid))` : Prisma.empty}
     ORDER BY ppl."ord", e."name", e."id", r."startsAt", r."grantId"`;
}

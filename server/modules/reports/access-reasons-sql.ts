import { Prisma } from '@/server/db/client.ts';
import type { GrantSource, RiskLevel } from '@/prisma/generated/enums.ts';

/** What narrows the rows: the entitlements (one, a role's, an application's, a risk level's), the people, the source. */
export type TAccessScope = {
  entitlementId?: string;
  /** Only access through this role (its grants, for what it bundled at the moment). */
  roleId?: string;
  applicationId?: string;
  risk?: RiskLevel;
  department?: string;
  identityId?: string;
  /** Only grants of this source; access the target holds without a grant then no longer shows. */
  source?: GrantSource;
};

/*
 * What counts as access at a moment, in SQL, for the page's batches of people and for the whole
 * question at once (an export written by PostgreSQL): one definition of the reasons and of the
 * memberships the targets confirmed, so both read the same rows. A grant counts from its start until
 * it ended or its end date passed (whichever is first); a role's grant counts for the entitlements
 * the role bundled at that moment (docs/decisions/050).
 */
export const grantLiveAt = (at: Date) =>
  Prisma.sql`g."startsAt" <= ${at} AND (LEAST(g."endedAt", g."endsAt") IS NULL OR LEAST(g."endedAt", g."endsAt") > ${at})`;
export const periodLiveAt = (alias: string, start: string, at: Date) =>
  Prisma.sql`${Prisma.raw(`${alias}."${start}"`)} <= ${at} AND (${Prisma.raw(`${alias}."endedAt"`)} IS NULL OR ${Prisma.raw(`${alias}."endedAt"`)} > ${at})`;

export const when = (cond: unknown, sql: Prisma.Sql) => (cond ? sql : Prisma.empty);

/** Access the target holds with no grant of the asked kind is shown only when no role or source narrows the question. */
export const countsTargetOnly = (s: TAccessScope) => !s.roleId && !s.source;
export const sourceFilter = (s: TAccessScope) =>
  when(s.source, Prisma.sql`AND g."source" = ${s.source}::"GrantSource"`);
export const entitlementFilter = (s: TAccessScope) =>
  Prisma.sql`${when(s.entitlementId, Prisma.sql`AND e."id" = ${s.entitlementId}::uuid`)} ${when(s.applicationId, Prisma.sql`AND e."applicationId" = ${s.applicationId}::uuid`)} ${when(s.risk, Prisma.sql`AND e."risk" = ${s.risk}::"RiskLevel"`)}`;

/**
 * Whose access: the people asked about by id, or those a subquery gives (a batch; found through the
 * indexes by person), or everyone in scope (the whole question; read in one pass, the entitlements in
 * scope narrowed first).
 */
export type TWhose = { ids: string[] } | { idsFrom: Prisma.Sql } | { everyone: true };
const isBatch = (w: TWhose): w is { ids: string[] } | { idsFrom: Prisma.Sql } => !('everyone' in w);
const among = (column: string, w: { ids: string[] } | { idsFrom: Prisma.Sql }) =>
  'ids' in w
    ? Prisma.sql`${Prisma.raw(column)} = ANY(${w.ids}::uuid[])`
    : Prisma.sql`${Prisma.raw(column)} IN (${w.idsFrom})`;
const hasEntitlementFilter = (s: TAccessScope) => Boolean(s.entitlementId || s.applicationId || s.risk);
const inScope = (s: TAccessScope, column: string) =>
  when(
    hasEntitlementFilter(s),
    Prisma.sql`AND ${Prisma.raw(column)} IN (SELECT e."id" FROM "Entitlement" e WHERE TRUE ${entitlementFilter(s)})`,
  );

/**
 * Every grant of these people in force at `at`, one row per entitlement it gives: a direct grant
 * gives its entitlement, a role's one row per entitlement the role bundled then (a grant names an
 * entitlement or a role, never both: db_grant_one_target). Columns: identityId, entitlementId,
 * grantId, source, sourceRef, status, roleId, grantedById, startsAt, endsAt, endedAt.
 */
export function reasonsSql(s: TAccessScope & { at: Date }, whose: TWhose) {
  const { at } = s;
  const people = isBatch(whose)
    ? among('g."identityId"', whose)
    : Prisma.sql`${when(s.identityId, Prisma.sql`g."identityId" = ${s.identityId}::uuid AND`)} TRUE ${inScope(s, 'COALESCE(rp."entitlementId", g."entitlementId")')}`;
  return Prisma.sql`
      SELECT g."identityId", COALESCE(rp."entitlementId", g."entitlementId") AS "entitlementId", g."id" AS "grantId", g."source", g."sourceRef", g."status", g."roleId", g."grantedById", g."startsAt", g."endsAt", g."endedAt"
        FROM "Grant" g
        LEFT JOIN "RoleEntitlementPeriod" rp ON rp."roleId" = g."roleId" AND ${periodLiveAt('rp', 'startedAt', at)}
       WHERE ${people} AND ${grantLiveAt(at)} ${sourceFilter(s)} ${when(s.roleId, Prisma.sql`AND g."roleId" = ${s.roleId}::uuid`)}
         AND COALESCE(rp."entitlementId", g."entitlementId") IS NOT NULL`;
}

/**
 * The people's memberships the targets had confirmed by `at` (the committed plan), one row per
 * (identityId, entitlementId). A batch finds them account by account through the (accountId,
 * entitlementId) index: a plain join lets the planner hash all of them (880,000 periods at 100,000
 * people) for each batch of 500 people; OFFSET 0 keeps the lookup per account. Everyone's are one
 * join, which the planner rightly hashes.
 */
export function membershipsSql(s: TAccessScope & { at: Date }, whose: TWhose) {
  const { at } = s;
  if ('idsFrom' in whose) {
    // Person by person through the account index: as a semi-join the planner scans every account.
    return Prisma.sql`
      SELECT DISTINCT a."identityId", ap."entitlementId" FROM (${whose.idsFrom}) p("id")
        CROSS JOIN LATERAL (SELECT a."id", a."identityId" FROM "Account" a WHERE a."identityId" = p."id" OFFSET 0) a
        CROSS JOIN LATERAL (SELECT ap."entitlementId" FROM "AccountEntitlementPeriod" ap WHERE ap."accountId" = a."id" AND ${periodLiveAt('ap', 'confirmedAt', at)} OFFSET 0) ap`;
  }
  if (isBatch(whose)) {
    return Prisma.sql`
      SELECT DISTINCT a."identityId", ap."entitlementId" FROM "Account" a
        CROSS JOIN LATERAL (SELECT ap."entitlementId" FROM "AccountEntitlementPeriod" ap WHERE ap."accountId" = a."id" AND ${periodLiveAt('ap', 'confirmedAt', at)} OFFSET 0) ap
       WHERE ${among('a."identityId"', whose)}`;
  }
  return Prisma.sql`
      SELECT DISTINCT a."identityId", ap."entitlementId" FROM "Account" a
        JOIN "AccountEntitlementPeriod" ap ON ap."accountId" = a."id" AND ${periodLiveAt('ap', 'confirmedAt', at)}
       WHERE ${s.identityId ? Prisma.sql`a."identityId" = ${s.identityId}::uuid` : Prisma.sql`a."identityId" IS NOT NULL`} ${inScope(s, 'ap."entitlementId"')}`;
}

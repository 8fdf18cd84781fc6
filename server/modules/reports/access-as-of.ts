import { Prisma, type TDb } from '@/server/db/client.ts';
import type { GrantSource } from '@/prisma/generated/enums.ts';

/** One reason access was held at the moment asked about: a grant, direct or through a role. */
export type TAccessReason = {
  grantId: string;
  source: GrantSource;
  sourceRef: string | null;
  /** Set when the grant is of a role that bundled the entitlement at that moment. */
  roleId: string | null;
  startsAt: Date;
  endedAt: Date | null;
};

type TRawReason = Omit<TAccessReason, 'startsAt' | 'endedAt'> & { startsAt: string; endedAt: string | null };

const PAGE = 100;

/*
 * Access as of a moment, answered from the history the database keeps (docs/decisions/050), never
 * by replaying the audit log. A grant counts from its start until it ended or its end date passed
 * (whichever is first: an expired grant the sweep had not reached yet no longer counts); a role's
 * grant counts for the entitlements the role bundled at that moment; `inTarget` says whether the
 * target had confirmed the membership by then (the committed plan; what reconciliation observes
 * comes with its own history).
 */
const grantLiveAt = (at: Date) => Prisma.sql`g."startsAt" <= ${at} AND (LEAST(g."endedAt", g."endsAt") IS NULL OR LEAST(g."endedAt", g."endsAt") > ${at})`;
const periodLiveAt = (alias: string, start: string, at: Date) =>
  Prisma.sql`${Prisma.raw(`${alias}."${start}"`)} <= ${at} AND (${Prisma.raw(`${alias}."endedAt"`)} IS NULL OR ${Prisma.raw(`${alias}."endedAt"`)} > ${at})`;

const toReasons = (raw: TRawReason[]): TAccessReason[] =>
  raw.map((r) => ({ ...r, startsAt: new Date(`${r.startsAt}Z`), endedAt: r.endedAt ? new Date(`${r.endedAt}Z`) : null })).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());

export type THolderAsOf = { identityId: string; displayName: string; username: string; department: string | null; inTarget: boolean; reasons: TAccessReason[] };

/** Who held an entitlement at `at`, with why; a page at a time in name order (`after` is the last row's cursor). */
export async function listHoldersAsOf(db: TDb, input: { entitlementId: string; at: Date; after?: { displayName: string; identityId: string }; limit?: number }) {
  const { entitlementId, at } = input;
  const limit = Math.min(input.limit ?? PAGE, 1000);
  const after = input.after ? Prisma.sql`AND (i."displayName", i."id") > (${input.after.displayName}, ${input.after.identityId}::uuid)` : Prisma.empty;
  const rows = await db.$queryRaw<Array<Omit<THolderAsOf, 'reasons'> & { reasons: TRawReason[] }>>`
    WITH reasons AS (
      SELECT g."id" AS "grantId", g."identityId", g."source", g."sourceRef", NULL::uuid AS "roleId", g."startsAt", g."endedAt"
        FROM "Grant" g
       WHERE g."entitlementId" = ${entitlementId}::uuid AND ${grantLiveAt(at)}
      UNION ALL
      SELECT g."id", g."identityId", g."source", g."sourceRef", g."roleId", g."startsAt", g."endedAt"
        FROM "RoleEntitlementPeriod" rp
        JOIN "Grant" g ON g."roleId" = rp."roleId"
       WHERE rp."entitlementId" = ${entitlementId}::uuid AND ${periodLiveAt('rp', 'startedAt', at)} AND ${grantLiveAt(at)}
    ), in_target AS (
      SELECT DISTINCT a."identityId"
        FROM "AccountEntitlementPeriod" ap
        JOIN "Account" a ON a."id" = ap."accountId"
       WHERE ap."entitlementId" = ${entitlementId}::uuid AND a."identityId" IS NOT NULL AND ${periodLiveAt('ap', 'confirmedAt', at)}
    ), people AS (
      SELECT "identityId" FROM reasons UNION SELECT "identityId" FROM in_target
    )
    SELECT i."id" AS "identityId", i."displayName", i."username", i."department",
           EXISTS (SELECT 1 FROM in_target t WHERE t."identityId" = i."id") AS "inTarget",
           COALESCE((SELECT json_agg(r) FROM (SELECT "grantId", "source", "sourceRef", "roleId", "startsAt", "endedAt" FROM reasons WHERE reasons."identityId" = i."id") r), '[]') AS "reasons"
      FROM people p
      JOIN "Identity" i ON i."id" = p."identityId"
     WHERE TRUE ${after}
     ORDER BY i."displayName", i."id"
     LIMIT ${limit}`;
  const holders = rows.map((r) => ({ ...r, reasons: toReasons(r.reasons) }));
  const last = holders.at(-1);
  return { holders, next: holders.length === limit && last ? { displayName: last.displayName, identityId: last.identityId } : null };
}

export type THeldAsOf = { entitlementId: string; entitlementName: string; applicationName: string; inTarget: boolean; reasons: TAccessReason[] };

/** What a person held at `at`, with why, by application and entitlement. */
export async function listAccessAsOf(db: TDb, input: { identityId: string; at: Date }): Promise<THeldAsOf[]> {
  const { identityId, at } = input;
  const rows = await db.$queryRaw<Array<Omit<THeldAsOf, 'reasons'> & { reasons: TRawReason[] }>>`
    WITH reasons AS (
      SELECT g."id" AS "grantId", g."entitlementId", g."source", g."sourceRef", NULL::uuid AS "roleId", g."startsAt", g."endedAt"
        FROM "Grant" g
       WHERE g."identityId" = ${identityId}::uuid AND g."entitlementId" IS NOT NULL AND ${grantLiveAt(at)}
      UNION ALL
      SELECT g."id", rp."entitlementId", g."source", g."sourceRef", g."roleId", g."startsAt", g."endedAt"
        FROM "Grant" g
        JOIN "RoleEntitlementPeriod" rp ON rp."roleId" = g."roleId"
       WHERE g."identityId" = ${identityId}::uuid AND ${periodLiveAt('rp', 'startedAt', at)} AND ${grantLiveAt(at)}
    ), in_target AS (
      SELECT DISTINCT ap."entitlementId"
        FROM "AccountEntitlementPeriod" ap
        JOIN "Account" a ON a."id" = ap."accountId"
       WHERE a."identityId" = ${identityId}::uuid AND ${periodLiveAt('ap', 'confirmedAt', at)}
    ), held AS (
      SELECT "entitlementId" FROM reasons UNION SELECT "entitlementId" FROM in_target
    )
    SELECT e."id" AS "entitlementId", e."name" AS "entitlementName", app."name" AS "applicationName",
           EXISTS (SELECT 1 FROM in_target t WHERE t."entitlementId" = e."id") AS "inTarget",
           COALESCE((SELECT json_agg(r) FROM (SELECT "grantId", "source", "sourceRef", "roleId", "startsAt", "endedAt" FROM reasons WHERE reasons."entitlementId" = e."id") r), '[]') AS "reasons"
      FROM held h
      JOIN "Entitlement" e ON e."id" = h."entitlementId"
      JOIN "Application" app ON app."id" = e."applicationId"
     ORDER BY app."name", e."name"`;
  return rows.map((r) => ({ ...r, reasons: toReasons(r.reasons) }));
}

import { Prisma, type TDb } from '@/server/db/client.ts';
import type { GrantSource, IdentityStatus, RiskLevel } from '@/prisma/generated/enums.ts';

/** One reason access was held at the moment asked about: a grant, direct or through a role. */
export type TAccessReason = {
  grantId: string;
  source: GrantSource;
  sourceRef: string | null;
  /** Set when the grant is of a role that bundled the entitlement at that moment. */
  roleId: string | null;
  startsAt: Date;
  endsAt: Date | null;
  endedAt: Date | null;
};

type TRawReason = Omit<TAccessReason, 'startsAt' | 'endsAt' | 'endedAt'> & { startsAt: string; endsAt: string | null; endedAt: string | null };

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

/** The keyset: rows come in person-name order, then entitlement name. */
export type TAccessKey = { displayName: string; identityId: string; entitlementName: string; entitlementId: string };

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

/*
 * Access as of a moment, answered from the history the database keeps (docs/decisions/050), never
 * by replaying the audit log. A grant counts from its start until it ended or its end date passed
 * (whichever is first: an expired grant the sweep had not reached yet no longer counts); a role's
 * grant counts for the entitlements the role bundled at that moment; `inTarget` says whether the
 * target had confirmed the membership by then (the committed plan; what reconciliation observes
 * comes with its own history). "Now" is the same question asked at the present moment.
 */
export const grantLiveAt = (at: Date) => Prisma.sql`g."startsAt" <= ${at} AND (LEAST(g."endedAt", g."endsAt") IS NULL OR LEAST(g."endedAt", g."endsAt") > ${at})`;
const periodLiveAt = (alias: string, start: string, at: Date) =>
  Prisma.sql`${Prisma.raw(`${alias}."${start}"`)} <= ${at} AND (${Prisma.raw(`${alias}."endedAt"`)} IS NULL OR ${Prisma.raw(`${alias}."endedAt"`)} > ${at})`;

const when = (cond: unknown, sql: Prisma.Sql) => (cond ? sql : Prisma.empty);
const date = (s: string | null) => (s ? new Date(`${s}Z`) : null);
const toReasons = (raw: TRawReason[]): TAccessReason[] =>
  raw
    .map((r) => ({ ...r, startsAt: date(r.startsAt)!, endsAt: date(r.endsAt), endedAt: date(r.endedAt) }))
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.grantId.localeCompare(b.grantId));

/** Whether the rows come from the entitlements in scope (few holders to find) or from people in name order. */
const isTargetDriven = (s: TAccessScope) => !s.identityId && Boolean(s.entitlementId || s.roleId || s.applicationId || s.risk);

type TPageRow = Omit<TAccessRow, 'inTarget' | 'reasons'>;

/**
 * Who held what at `at`, with why: a page of (person, entitlement) rows after `after`, in name order.
 * Two plans, one answer: scoped to entitlements, it collects their holders then sorts (a few
 * thousand at most for most entitlements); otherwise it walks people in name order through the
 * (displayName, id) index and stops at the page (every person's access, a million rows, page by page).
 */
export async function listAccessRows(db: TDb, input: TAccessScope & { at: Date; after?: TAccessKey | null; limit?: number }): Promise<{ rows: TAccessRow[]; next: TAccessKey | null }> {
  const limit = Math.min(Math.max(input.limit ?? 100, 1), 10_000);
  const page = isTargetDriven(input) ? await targetPage(db, input, limit) : await peoplePage(db, input, limit);
  const rows = await withReasons(db, page, input);
  const last = rows.at(-1);
  return { rows, next: rows.length === limit && last ? keyOf(last) : null };
}

export const keyOf = (r: Pick<TAccessRow, 'displayName' | 'identityId' | 'entitlementName' | 'entitlementId'>): TAccessKey => ({
  displayName: r.displayName,
  identityId: r.identityId,
  entitlementName: r.entitlementName,
  entitlementId: r.entitlementId,
});

const after = (a: TAccessKey | null | undefined) =>
  a ? Prisma.sql`AND (i."displayName", i."id", e."name", e."id") > (${a.displayName}, ${a.identityId}::uuid, ${a.entitlementName}, ${a.entitlementId}::uuid)` : Prisma.empty;

/** The same bound on the person alone, which the (displayName, id) index can seek to. */
const afterPerson = (a: TAccessKey | null | undefined) => (a ? Prisma.sql`AND (i."displayName", i."id") >= (${a.displayName}, ${a.identityId}::uuid)` : Prisma.empty);

const columns = Prisma.sql`i."id" AS "identityId", i."displayName", i."username", i."department", i."status" AS "identityStatus",
  e."id" AS "entitlementId", e."name" AS "entitlementName", e."risk", app."id" AS "applicationId", app."name" AS "applicationName"`;

const entitlementFilter = (s: TAccessScope) =>
  Prisma.sql`${when(s.entitlementId, Prisma.sql`AND e."id" = ${s.entitlementId}::uuid`)} ${when(s.applicationId, Prisma.sql`AND e."applicationId" = ${s.applicationId}::uuid`)} ${when(s.risk, Prisma.sql`AND e."risk" = ${s.risk}::"RiskLevel"`)}`;
const sourceFilter = (s: TAccessScope) => when(s.source, Prisma.sql`AND g."source" = ${s.source}::"GrantSource"`);
/** Access the target holds with no grant of the asked kind is shown only when no role or source narrows the question. */
const countsTargetOnly = (s: TAccessScope) => !s.roleId && !s.source;

function targetPage(db: TDb, s: TAccessScope & { at: Date; after?: TAccessKey | null }, limit: number) {
  const { at } = s;
  const ents = s.roleId
    ? Prisma.sql`SELECT DISTINCT e."id" FROM "RoleEntitlementPeriod" rp JOIN "Entitlement" e ON e."id" = rp."entitlementId"
        WHERE rp."roleId" = ${s.roleId}::uuid AND ${periodLiveAt('rp', 'startedAt', at)} ${entitlementFilter(s)}`
    : Prisma.sql`SELECT e."id" FROM "Entitlement" e WHERE TRUE ${entitlementFilter(s)}`;
  return db.$queryRaw<TPageRow[]>`
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
    SELECT ${columns}
      FROM pairs p
      JOIN "Identity" i ON i."id" = p."identityId"
      JOIN "Entitlement" e ON e."id" = p."entitlementId"
      JOIN "Application" app ON app."id" = e."applicationId"
     WHERE TRUE ${when(s.department, Prisma.sql`AND i."department" = ${s.department}`)} ${after(s.after)}
     ORDER BY i."displayName", i."id", e."name", e."id"
     LIMIT ${limit}`;
}

function peoplePage(db: TDb, s: TAccessScope & { at: Date; after?: TAccessKey | null }, limit: number) {
  const { at } = s;
  return db.$queryRaw<TPageRow[]>`
    SELECT ${columns}
      FROM "Identity" i
      CROSS JOIN LATERAL (
        ${when(!s.roleId, Prisma.sql`SELECT g."entitlementId" FROM "Grant" g WHERE g."identityId" = i."id" AND g."entitlementId" IS NOT NULL AND ${grantLiveAt(at)} ${sourceFilter(s)} UNION`)}
        SELECT rp."entitlementId" FROM "Grant" g
          JOIN "RoleEntitlementPeriod" rp ON rp."roleId" = g."roleId" AND ${periodLiveAt('rp', 'startedAt', at)}
         WHERE g."identityId" = i."id" AND g."roleId" IS NOT NULL AND ${grantLiveAt(at)} ${sourceFilter(s)} ${when(s.roleId, Prisma.sql`AND g."roleId" = ${s.roleId}::uuid`)}
        ${when(
          countsTargetOnly(s),
          Prisma.sql`UNION SELECT ap."entitlementId" FROM "Account" a
            JOIN "AccountEntitlementPeriod" ap ON ap."accountId" = a."id" AND ${periodLiveAt('ap', 'confirmedAt', at)}
           WHERE a."identityId" = i."id"`,
        )}
      ) p
      JOIN "Entitlement" e ON e."id" = p."entitlementId" ${entitlementFilter(s)}
      JOIN "Application" app ON app."id" = e."applicationId"
     WHERE TRUE ${when(s.identityId, Prisma.sql`AND i."id" = ${s.identityId}::uuid`)} ${when(s.department, Prisma.sql`AND i."department" = ${s.department}`)}
       ${afterPerson(s.after)} ${after(s.after)}
     ORDER BY i."displayName", i."id", e."name", e."id"
     LIMIT ${limit}`;
}

/** The reasons and the target's state for the page's rows only: the page is found first, then explained. */
async function withReasons(db: TDb, page: TPageRow[], s: TAccessScope & { at: Date }): Promise<TAccessRow[]> {
  if (page.length === 0) return [];
  const { at } = s;
  const found = await db.$queryRaw<Array<{ identityId: string; entitlementId: string; inTarget: boolean; reasons: TRawReason[] }>>`
    SELECT p."identityId", p."entitlementId",
           COALESCE((SELECT json_agg(r) FROM (
             ${when(
               !s.roleId,
               Prisma.sql`SELECT g."id" AS "grantId", g."source", g."sourceRef", NULL::uuid AS "roleId", g."startsAt", g."endsAt", g."endedAt" FROM "Grant" g
                 WHERE g."identityId" = p."identityId" AND g."entitlementId" = p."entitlementId" AND ${grantLiveAt(at)} ${sourceFilter(s)} UNION ALL`,
             )}
             SELECT g."id", g."source", g."sourceRef", g."roleId", g."startsAt", g."endsAt", g."endedAt" FROM "Grant" g
               JOIN "RoleEntitlementPeriod" rp ON rp."roleId" = g."roleId" AND rp."entitlementId" = p."entitlementId" AND ${periodLiveAt('rp', 'startedAt', at)}
              WHERE g."identityId" = p."identityId" AND g."roleId" IS NOT NULL AND ${grantLiveAt(at)} ${sourceFilter(s)} ${when(s.roleId, Prisma.sql`AND g."roleId" = ${s.roleId}::uuid`)}
           ) r), '[]') AS "reasons",
           EXISTS (SELECT 1 FROM "Account" a JOIN "AccountEntitlementPeriod" ap ON ap."accountId" = a."id"
                    WHERE a."identityId" = p."identityId" AND ap."entitlementId" = p."entitlementId" AND ${periodLiveAt('ap', 'confirmedAt', at)}) AS "inTarget"
      FROM unnest(${page.map((r) => r.identityId)}::uuid[], ${page.map((r) => r.entitlementId)}::uuid[]) AS p("identityId", "entitlementId")`;
  const byPair = new Map(found.map((f) => [`${f.identityId}:${f.entitlementId}`, f]));
  return page.map((r) => {
    const f = byPair.get(`${r.identityId}:${r.entitlementId}`);
    return { ...r, inTarget: f?.inTarget ?? false, reasons: toReasons(f?.reasons ?? []) };
  });
}

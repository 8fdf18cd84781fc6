import type { TDb } from '@/server/db/client.ts';
import { runAll } from '@/server/db/run-all.ts';
import { ACTING_STATUSES } from '@/server/auth/can-act.ts';

export type TInsightSubject = {
  requestId: string;
  beneficiaryId: string;
  entitlementId: string | null;
  roleId: string | null;
  applicationId: string | null;
};

export type TApprovalInsight = {
  /** What the beneficiary holds today in the same application (for a role: the roles they hold). */
  alreadyHolds: string[];
  /** Of the beneficiary's team (the others with the same manager), how many hold the item. */
  team: { size: number; holders: number };
  /**
   * Of the requests for this item decided in the last 365 days, how many were approved: everyone's,
   * and (`theirs`) the ones for this beneficiary, so the card can say whose history it shows.
   */
  history: TDecidedCount & { theirs: TDecidedCount };
};

type TDecidedCount = { decided: number; approved: number };

const YEAR_MS = 365 * 24 * 3600 * 1000;

/**
 * The context an approver weighs, for a whole page of requests in three statements (never one per
 * request): the person's holdings in the application, their team's holders of the item, and how
 * often the item was approved in the past year, for anyone and for them.
 */
export async function loadApprovalInsights(
  db: TDb,
  subjects: TInsightSubject[],
  now: Date,
): Promise<Map<string, TApprovalInsight>> {
  if (subjects.length === 0) return new Map();
  const people = [...new Set(subjects.map((s) => s.beneficiaryId))];
  const apps = [...new Set(subjects.flatMap((s) => (s.applicationId ? [s.applicationId] : [])))];
  const ents = [...new Set(subjects.flatMap((s) => (s.entitlementId ? [s.entitlementId] : [])))];
  const roles = [...new Set(subjects.flatMap((s) => (s.roleId ? [s.roleId] : [])))];
  const [holdings, teams, history] = await runAll(db, [
    () =>
      db.$queryRaw<Array<{ identityId: string; applicationId: string | null; name: string }>>`
      SELECT DISTINCT g."identityId"::text AS "identityId", e."applicationId"::text AS "applicationId", e.name
        FROM "Grant" g
        LEFT JOIN "RoleEntitlement" re ON re."roleId" = g."roleId"
        JOIN "Entitlement" e ON e.id = COALESCE(g."entitlementId", re."entitlementId")
       WHERE g."identityId" = ANY(${people}::uuid[]) AND g.status = 'ACTIVE' AND e."applicationId" = ANY(${apps}::uuid[])
      UNION
      SELECT DISTINCT g."identityId"::text, NULL, ro.name
        FROM "Grant" g JOIN "Role" ro ON ro.id = g."roleId"
       WHERE g."identityId" = ANY(${people}::uuid[]) AND g.status = 'ACTIVE'
       ORDER BY 3`,
    () =>
      db.$queryRaw<Array<{ beneficiaryId: string; itemId: string; size: number; holders: number }>>`
      WITH pairs AS (
        SELECT DISTINCT p.bid::uuid AS bid, NULLIF(p.eid, '')::uuid AS eid, NULLIF(p.rid, '')::uuid AS rid
          FROM unnest(${subjects.map((s) => s.beneficiaryId)}::text[], ${subjects.map((s) => s.entitlementId ?? '')}::text[], ${subjects.map((s) => s.roleId ?? '')}::text[]) AS p(bid, eid, rid)
      )
      SELECT p.bid::text AS "beneficiaryId", COALESCE(p.eid, p.rid)::text AS "itemId",
             count(peer.id)::int AS size,
             count(peer.id) FILTER (WHERE EXISTS (
               SELECT 1 FROM "Grant" g LEFT JOIN "RoleEntitlement" re ON re."roleId" = g."roleId"
                WHERE g."identityId" = peer.id AND g.status = 'ACTIVE'
                  AND (g."entitlementId" = p.eid OR re."entitlementId" = p.eid OR g."roleId" = p.rid)))::int AS holders
        FROM pairs p
        JOIN "Identity" me ON me.id = p.bid
        LEFT JOIN "Identity" peer ON peer."managerId" = me."managerId" AND peer.id <> me.id AND peer.status::text = ANY(${[...ACTING_STATUSES]}::text[])
       GROUP BY p.bid, p.eid, p.rid`,
    // Each item's count for everyone (beneficiaryId null) and for each beneficiary on the page, in one
    // pass over the same rows: the page's people are a subset of those counted.
    () =>
      db.$queryRaw<
        Array<{ itemId: string; beneficiaryId: string | null; decided: number; approved: number }>
      >`
      SELECT COALESCE(r."entitlementId", r."roleId")::text AS "itemId", r."beneficiaryId"::text AS "beneficiaryId",
             count(*)::int AS decided, count(*) FILTER (WHERE r.status = 'APPROVED')::int AS approved
        FROM "AccessRequest" r
       WHERE (r."entitlementId" = ANY(${ents}::uuid[]) OR r."roleId" = ANY(${roles}::uuid[]))
         AND r.status IN ('APPROVED', 'DENIED') AND r."decidedAt" >= ${new Date(now.getTime() - YEAR_MS)}
       GROUP BY GROUPING SETS ((COALESCE(r."entitlementId", r."roleId")), (COALESCE(r."entitlementId", r."roleId"), r."beneficiaryId"))
      HAVING GROUPING(r."beneficiaryId") = 1 OR r."beneficiaryId" = ANY(${people}::uuid[])`,
  ] as const);
  const teamOf = new Map(
    teams.map((t) => [`${t.beneficiaryId}:${t.itemId}`, { size: t.size, holders: t.holders }]),
  );
  const historyOf = new Map(
    history.map((h) => [
      `${h.beneficiaryId ?? ''}:${h.itemId}`,
      { decided: h.decided, approved: h.approved },
    ]),
  );
  const none = { decided: 0, approved: 0 };
  return new Map(
    subjects.map((s) => {
      const itemId = s.entitlementId ?? s.roleId ?? '';
      const held = holdings.filter(
        (h) =>
          h.identityId === s.beneficiaryId &&
          (s.entitlementId ? h.applicationId === s.applicationId : h.applicationId === null),
      );
      return [
        s.requestId,
        {
          alreadyHolds: [...new Set(held.map((h) => h.name))],
          team: teamOf.get(`${s.beneficiaryId}:${itemId}`) ?? { size: 0, holders: 0 },
          history: {
            ...(historyOf.get(`:${itemId}`) ?? none),
            theirs: historyOf.get(`${s.beneficiaryId}:${itemId}`) ?? none,
          },
        },
      ];
    }),
  );
}

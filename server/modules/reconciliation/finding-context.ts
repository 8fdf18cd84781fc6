import { Prisma, type TDb } from '@/server/db/client.ts';
import type {
  FindingDecision,
  FindingKind,
  FindingStatus,
  IdentityStatus,
  ManagerAnswer,
  RiskLevel,
} from '@/prisma/generated/enums.ts';
import { checkSod } from '@/server/modules/sod/index.ts';
import type { TUserActor } from '@/server/auth/actor.ts';
import { ZFindingDetails } from './finding-facts.ts';
import { mayDecideFinding } from './finding-scope.ts';

/**
 * A finding with what a reviewer needs to decide it: who (the person, their department, manager and
 * status), what (application, entitlement, the account as the target holds it), since when, who else
 * holds the entitlement, whether granting it would break a segregation-of-duties rule, and where
 * the decision stands. One query for a page of findings; the SoD check per finding that could be
 * adopted (a membership the person holds without a grant).
 */
export type TFindingWithContext = {
  id: string;
  kind: FindingKind;
  status: FindingStatus;
  firstSeenAt: Date;
  lastSeenAt: Date;
  application: { id: string; name: string };
  entitlement: { id: string; name: string; risk: RiskLevel } | null;
  person: {
    id: string;
    displayName: string;
    username: string;
    department: string | null;
    status: IdentityStatus;
    endDate: Date | null;
    isLeaver: boolean;
    manager: { id: string; displayName: string } | null;
  } | null;
  account: { username: string | null; nativeId: string | null; enabled: boolean | null };
  /** ATTRIBUTE_DRIFT: which attribute, and its value in the target against what the mapping gives. */
  drift: { attribute: string; actual: string; expected: string } | null;
  /** Other people with an active grant of the entitlement (directly or through a role): how many, and the first names. */
  holders: { count: number; names: string[] } | null;
  /** Only for access that could be adopted: the rules a grant of it would break for this person. */
  sod: {
    conflicts: Array<{ ruleName: string; severity: 'BLOCK' | 'MITIGATABLE'; explanation: string }>;
  } | null;
  decision: {
    decision: FindingDecision | null;
    reason: string | null;
    decidedBy: string | null;
    decidedAt: Date | null;
    exceptionUntil: Date | null;
    resolution: string | null;
    resolvedAt: Date | null;
  };
  /** The latest time the person's manager was asked about it, and their answer once given. */
  managerAsk: {
    managerName: string;
    askedAt: Date;
    answer: ManagerAnswer | null;
    comment: string | null;
    answeredAt: Date | null;
  } | null;
  /** Whether the reader may decide it (finding-scope.ts): the queue offers its controls only then. */
  mayDecide: boolean;
};

type TRow = {
  id: string;
  kind: FindingKind;
  status: FindingStatus;
  firstSeenAt: Date;
  lastSeenAt: Date;
  details: unknown;
  nativeId: string | null;
  applicationId: string;
  applicationName: string;
  applicationOwnerId: string | null;
  entitlementOwnerId: string | null;
  entitlementId: string | null;
  entitlementName: string | null;
  entitlementRisk: RiskLevel | null;
  identityId: string | null;
  displayName: string | null;
  personUsername: string | null;
  department: string | null;
  identityStatus: IdentityStatus | null;
  endDate: Date | null;
  managerId: string | null;
  managerName: string | null;
  accountUsername: string | null;
  accountNativeId: string | null;
  accountEnabled: boolean | null;
  holderCount: number | null;
  holderNames: string[] | null;
  decision: FindingDecision | null;
  decisionReason: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  exceptionUntil: Date | null;
  resolution: string | null;
  resolvedAt: Date | null;
  askManagerName: string | null;
  askedAt: Date | null;
  askAnswer: ManagerAnswer | null;
  askComment: string | null;
  askAnsweredAt: Date | null;
};

/** Findings (aliased `f`) that satisfy `where`, in `orderBy`, with their context columns. */
export function findingContextQuery(where: Prisma.Sql, orderBy: Prisma.Sql, limit: number, now: Date) {
  return Prisma.sql`
    SELECT f."id", f."kind", f."status", f."firstSeenAt", f."lastSeenAt", f."details", f."nativeId",
           a."id" AS "applicationId", a."name" AS "applicationName", a."ownerId" AS "applicationOwnerId",
           e."id" AS "entitlementId", e."ownerId" AS "entitlementOwnerId", e."name" AS "entitlementName", e."risk" AS "entitlementRisk",
           i."id" AS "identityId", i."displayName", i."username" AS "personUsername", i."department", i."status" AS "identityStatus", i."endDate",
           m."id" AS "managerId", m."displayName" AS "managerName",
           COALESCE(oa."username", ac."username") AS "accountUsername", COALESCE(oa."nativeId", ac."nativeId", f."nativeId") AS "accountNativeId", oa."enabled" AS "accountEnabled",
           h."count" AS "holderCount", h."names" AS "holderNames",
           f."decision", f."decisionReason", d."displayName" AS "decidedByName", f."decidedAt", f."exceptionUntil", f."resolution", f."resolvedAt",
           k."managerName" AS "askManagerName", k."askedAt", k."answer" AS "askAnswer", k."comment" AS "askComment", k."answeredAt" AS "askAnsweredAt"
      FROM "ReconciliationFinding" f
      JOIN "Application" a ON a."id" = f."applicationId"
      LEFT JOIN "Entitlement" e ON e."id" = f."entitlementId"
      LEFT JOIN "Identity" i ON i."id" = f."identityId"
      LEFT JOIN "Identity" m ON m."id" = i."managerId"
      LEFT JOIN "ObservedAccount" oa ON oa."id" = f."observedAccountId"
      LEFT JOIN "Account" ac ON ac."id" = f."accountId"
      LEFT JOIN "Identity" d ON d."id" = f."decidedById"
      LEFT JOIN LATERAL (
        SELECT count(*)::int AS "count", (array_agg(x."displayName" ORDER BY x."displayName", x."id"))[1:3] AS "names"
          FROM (SELECT DISTINCT hi."id", hi."displayName"
                  FROM "Grant" g JOIN "Identity" hi ON hi."id" = g."identityId"
                 WHERE g."status" = 'ACTIVE' AND (g."endsAt" IS NULL OR g."endsAt" > ${now})
                   AND hi."id" IS DISTINCT FROM f."identityId"
                   AND (g."entitlementId" = f."entitlementId"
                        OR g."roleId" IN (SELECT re."roleId" FROM "RoleEntitlement" re WHERE re."entitlementId" = f."entitlementId"))) x
      ) h ON f."entitlementId" IS NOT NULL
      LEFT JOIN LATERAL (
        SELECT km."displayName" AS "managerName", fk."askedAt", fk."answer", fk."comment", fk."answeredAt"
          FROM "FindingManagerAsk" fk JOIN "Identity" km ON km."id" = fk."managerId"
         WHERE fk."findingId" = f."id" ORDER BY fk."askedAt" DESC LIMIT 1
      ) k ON TRUE
     WHERE ${where}
     ORDER BY ${orderBy}
     LIMIT ${limit}`;
}

const asText = (v: unknown) =>
  v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);

/** Runs the query and adds the SoD check for findings that could be adopted, and whether `actor` may decide each. */
export async function loadFindingsWithContext(
  db: TDb,
  query: Prisma.Sql,
  deps: { now: Date; actor: TUserActor },
): Promise<TFindingWithContext[]> {
  const rows = await db.$queryRaw<TRow[]>(query);
  const sodOf = await checkAdoptable(db, rows, deps.now);
  return rows.map((r) => {
    const details = ZFindingDetails.safeParse(r.details ?? {});
    const d = details.success ? details.data : {};
    return {
      id: r.id,
      kind: r.kind,
      status: r.status,
      firstSeenAt: r.firstSeenAt,
      lastSeenAt: r.lastSeenAt,
      application: { id: r.applicationId, name: r.applicationName },
      entitlement:
        r.entitlementId && r.entitlementName && r.entitlementRisk
          ? { id: r.entitlementId, name: r.entitlementName, risk: r.entitlementRisk }
          : null,
      person:
        r.identityId && r.displayName && r.personUsername && r.identityStatus
          ? {
              id: r.identityId,
              displayName: r.displayName,
              username: r.personUsername,
              department: r.department,
              status: r.identityStatus,
              endDate: r.endDate,
              isLeaver:
                r.identityStatus === 'TERMINATED' ||
                (r.endDate !== null && r.endDate.getTime() + 86_400_000 <= deps.now.getTime()),
              manager: r.managerId && r.managerName ? { id: r.managerId, displayName: r.managerName } : null,
            }
          : null,
      account: {
        username: r.accountUsername ?? d.username ?? null,
        nativeId: r.accountNativeId ?? d.nativeId ?? null,
        enabled: r.accountEnabled ?? d.enabled ?? null,
      },
      drift:
        r.kind === 'ATTRIBUTE_DRIFT' && d.attribute
          ? { attribute: d.attribute, actual: asText(d.actual), expected: asText(d.expected) }
          : null,
      holders: r.entitlementId ? { count: r.holderCount ?? 0, names: r.holderNames ?? [] } : null,
      sod: sodOf.get(r.id) ?? null,
      decision: {
        decision: r.decision,
        reason: r.decisionReason,
        decidedBy: r.decidedByName,
        decidedAt: r.decidedAt,
        exceptionUntil: r.exceptionUntil,
        resolution: r.resolution,
        resolvedAt: r.resolvedAt,
      },
      managerAsk:
        r.askManagerName && r.askedAt
          ? {
              managerName: r.askManagerName,
              askedAt: r.askedAt,
              answer: r.askAnswer,
              comment: r.askComment,
              answeredAt: r.askAnsweredAt,
            }
          : null,
      mayDecide: mayDecideFinding(deps.actor, {
        identityId: r.identityId,
        entitlement: r.entitlementId ? { ownerId: r.entitlementOwnerId } : null,
        application: { ownerId: r.applicationOwnerId },
      }),
    };
  });
}

/** Findings whose adoption would make a grant: a membership the person holds that no grant explains. */
const isAdoptable = (r: TRow) =>
  r.kind === 'UNMANAGED_ENTITLEMENT' &&
  r.identityId !== null &&
  r.entitlementId !== null &&
  r.status !== 'RESOLVED';

/** The SoD module's own check, as if the entitlement were requested for the person; a few at a time. */
async function checkAdoptable(db: TDb, rows: TRow[], now: Date) {
  const out = new Map<string, NonNullable<TFindingWithContext['sod']>>();
  const todo = rows.filter(isAdoptable);
  for (let i = 0; i < todo.length; i += 4) {
    await Promise.all(
      todo.slice(i, i + 4).map(async (r) => {
        const { summary } = await checkSod(
          db,
          r.identityId!,
          [{ kind: 'ENTITLEMENT', id: r.entitlementId! }],
          { now },
        );
        out.set(r.id, {
          conflicts: summary.conflicts.map((c) => ({
            ruleName: c.ruleName,
            severity: c.severity,
            explanation: c.explanation,
          })),
        });
      }),
    );
  }
  return out;
}

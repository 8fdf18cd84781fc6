import type { TDb } from '@/server/db/client.ts';
import { roleRisk } from '@/server/lib/role-risk-query.ts';
import { explainGrants, whyText } from './grant-why.ts';
import { checkSod } from '@/server/modules/sod/index.ts';
import { recommend } from './recommend.ts';
import { otherGrantsHolding, throughPhrase, type TOtherGrant } from './held-through.ts';
import type { TScopedGrant } from './campaign-scope.ts';
import { formatDate } from '@/server/shared/format-date.ts';

const PEER_NAMES = 5;

type TPeers = { count: number; names: string[] };

/** What a reviewer sees of an item, as it was when the campaign started (ReviewItem.context). */
export type TReviewItemContext = {
  item: {
    kind: 'ENTITLEMENT' | 'ROLE';
    name: string;
    application: string | null;
    risk: 'LOW' | 'MEDIUM' | 'HIGH';
  };
  person: { displayName: string; department: string | null; title: string | null; managerId: string | null };
  source: string;
  /** The why chain in one line (grant-why.ts), and the request behind it, if any. */
  why: string;
  requestId: string | null;
  grantedAt: string;
  endsAt: string | null;
  /** Last sign-in where the access lives, where the target tells; null is unknown, not dormant. */
  lastUsedAt: string | null;
  /** Who else holds it: in the same department, under the same manager, with the same job title. */
  peers: { department: TPeers; manager: TPeers; title: TPeers & { ofTotal: number } };
  /** Segregation-of-duties conflicts the grant takes part in. */
  sod: Array<{ rule: string; explanation: string }>;
  /** The other grants that gave the person the same access at the start (a birthright rule, a role, a request). */
  alsoHeldThrough?: TOtherGrant[];
  /** Why the identity team reviews it, when nobody else can (set by the stage resolution). */
  fallback?: string | null;
};

export type TItemSnapshot = {
  context: TReviewItemContext;
  recommendation: string | null;
  risk: 'LOW' | 'MEDIUM' | 'HIGH';
};

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * The snapshot of each grant at a campaign's start: its why chain (grant-why.ts, the reports' own),
 * last use from the observed accounts, peers holding the same access, the SoD conflicts it is part
 * of, and a recommendation in words. A set of queries per batch, not per grant.
 */
export async function snapshotItems(
  db: TDb,
  grants: readonly TScopedGrant[],
  now: Date,
): Promise<Map<string, TItemSnapshot>> {
  const out = new Map<string, TItemSnapshot>();
  if (grants.length === 0) return out;
  const rows = await db.grant.findMany({
    where: { id: { in: grants.map((g) => g.id) } },
    select: {
      id: true,
      identityId: true,
      source: true,
      sourceRef: true,
      status: true,
      roleId: true,
      entitlementId: true,
      grantedById: true,
      startsAt: true,
      endsAt: true,
      endedAt: true,
      identity: { select: { displayName: true, department: true, title: true, managerId: true } },
      entitlement: {
        select: { name: true, risk: true, applicationId: true, application: { select: { name: true } } },
      },
      role: {
        select: {
          name: true,
          risk: true,
          entitlements: {
            select: { entitlement: { select: { id: true, applicationId: true, risk: true } } },
          },
        },
      },
    },
  });
  const people = [...new Set(rows.map((r) => r.identityId))];
  const entitlementIds = [...new Set(rows.flatMap((r) => (r.entitlementId ? [r.entitlementId] : [])))];
  const roleIds = [...new Set(rows.flatMap((r) => (r.roleId ? [r.roleId] : [])))];
  const titles = [...new Set(rows.flatMap((r) => (r.identity.title ? [r.identity.title] : [])))];

  // In sequence: this runs inside the start's transaction (one connection, one query at a time).
  const whys = await explainGrants(
    db,
    rows.map((r) => ({
      grantId: r.id,
      source: r.source,
      sourceRef: r.sourceRef,
      status: r.status,
      roleId: r.roleId,
      grantedById: r.grantedById,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      endedAt: r.endedAt,
    })),
  );
  // ObservedAccount names its planned Account by id only, with no relation for Prisma to join through
  // (decision 090): joined here, in one statement, rather than sending every account id back.
  const observed = await db.$queryRaw<Array<{ applicationId: string; lastUsedAt: Date; identityId: string }>>`
    SELECT o."applicationId"::text AS "applicationId", o."lastUsedAt", a."identityId"::text AS "identityId"
      FROM "ObservedAccount" o JOIN "Account" a ON a.id = o."accountId"
     WHERE o."goneAt" IS NULL AND o."lastUsedAt" IS NOT NULL AND a."identityId" = ANY(${people}::uuid[])`;
  const heldOtherwise = await otherGrantsHolding(
    db,
    rows.map((r) => ({
      grantId: r.id,
      identityId: r.identityId,
      entitlementId: r.entitlementId,
      roleId: r.roleId,
      at: now,
    })),
  );
  // A peer holds an entitlement through a role as surely as directly: both count.
  const holders = await db.grant.findMany({
    where: {
      status: 'ACTIVE',
      OR: [
        { entitlementId: { in: entitlementIds } },
        { roleId: { in: roleIds } },
        { role: { entitlements: { some: { entitlementId: { in: entitlementIds } } } } },
      ],
    },
    select: {
      identityId: true,
      entitlementId: true,
      roleId: true,
      role: { select: { entitlements: { select: { entitlementId: true } } } },
      identity: { select: { displayName: true, department: true, managerId: true, title: true } },
    },
  });
  const titleCounts = titles.length
    ? await db.identity.groupBy({
        by: ['title'],
        where: { title: { in: titles }, status: 'ACTIVE' },
        _count: { _all: true },
      })
    : [];
  const sodItems = await db.sodRuleItem.findMany({
    where: { rule: { enabled: true } },
    select: { entitlementId: true, roleId: true },
  });

  const lastUsed = new Map<string, Date>();
  for (const o of observed) {
    const key = `${o.identityId}:${o.applicationId}`;
    const prev = lastUsed.get(key);
    if (!prev || o.lastUsedAt > prev) lastUsed.set(key, o.lastUsedAt);
  }
  const holdersOf = new Map<string, typeof holders>();
  for (const h of holders) {
    const keys = [
      h.entitlementId ?? h.roleId ?? '',
      ...(h.role?.entitlements.map((e) => e.entitlementId) ?? []),
    ];
    for (const key of new Set(keys)) holdersOf.set(key, [...(holdersOf.get(key) ?? []), h]);
  }
  const titleTotal = new Map(titleCounts.map((t) => [t.title, t._count._all]));

  // SoD: only people holding something a rule names need the check.
  const ruled = new Set(
    sodItems.flatMap((i) => [i.entitlementId, i.roleId].filter((x): x is string => Boolean(x))),
  );
  const touches = (r: (typeof rows)[number]) =>
    (r.entitlementId && ruled.has(r.entitlementId)) ||
    (r.roleId && (ruled.has(r.roleId) || r.role?.entitlements.some((e) => ruled.has(e.entitlement.id))));
  const sodByGrant = new Map<string, Array<{ rule: string; explanation: string }>>();
  for (const person of new Set(rows.filter(touches).map((r) => r.identityId))) {
    const { summary } = await checkSod(db, person, [], { now });
    for (const c of summary.conflicts)
      for (const g of c.grantIds)
        sodByGrant.set(g, [...(sodByGrant.get(g) ?? []), { rule: c.ruleName, explanation: c.explanation }]);
  }

  for (const r of rows) {
    const others = (holdersOf.get(r.entitlementId ?? r.roleId ?? '') ?? []).filter(
      (h) => h.identityId !== r.identityId,
    );
    const peers = (match: (h: (typeof others)[number]) => boolean): TPeers => {
      const found = [
        ...new Map(others.filter(match).map((h) => [h.identityId, h.identity.displayName])).values(),
      ].sort();
      return { count: found.length, names: found.slice(0, PEER_NAMES) };
    };
    const { department, title, managerId } = r.identity;
    const apps = r.entitlement
      ? [r.entitlement.applicationId]
      : [...new Set(r.role?.entitlements.map((e) => e.entitlement.applicationId) ?? [])];
    const used = apps.map((a) => lastUsed.get(`${r.identityId}:${a}`)).filter((d): d is Date => Boolean(d));
    const lastUsedAt = used.length ? new Date(Math.max(...used.map((d) => d.getTime()))) : null;
    // The campaign keeps the risk a role is approved at, its riskiest content's (docs/decisions/112).
    const risk = r.entitlement?.risk ?? (r.role ? roleRisk(r.role) : 'LOW');
    const why = whys.get(r.id);
    const sod = sodByGrant.get(r.id) ?? [];
    const context: TReviewItemContext = {
      item: {
        kind: r.entitlement ? 'ENTITLEMENT' : 'ROLE',
        name: r.entitlement?.name ?? r.role?.name ?? 'access',
        application: r.entitlement?.application.name ?? null,
        risk,
      },
      person: { displayName: r.identity.displayName, department, title, managerId },
      source: r.source,
      why: why ? whyText(why, formatDate) : r.source.toLowerCase(),
      requestId: why?.request?.id ?? null,
      grantedAt: r.startsAt.toISOString(),
      endsAt: iso(r.endsAt),
      lastUsedAt: iso(lastUsedAt),
      peers: {
        department: department ? peers((h) => h.identity.department === department) : { count: 0, names: [] },
        manager: managerId ? peers((h) => h.identity.managerId === managerId) : { count: 0, names: [] },
        title: {
          ...(title ? peers((h) => h.identity.title === title) : { count: 0, names: [] }),
          ofTotal: title ? Math.max(0, (titleTotal.get(title) ?? 1) - 1) : 0,
        },
      },
      sod,
      alsoHeldThrough: heldOtherwise.get(r.id) ?? [],
    };
    const recommendation = recommend({
      now,
      lastUsedAt,
      endsAt: r.endsAt,
      department,
      departmentPeers: context.peers.department.count,
      title,
      sameTitle: context.peers.title.ofTotal,
      sameTitleHolding: context.peers.title.count,
      sodRules: [...new Set(sod.map((s) => s.rule))],
      alsoHeldThrough: (heldOtherwise.get(r.id) ?? []).map(throughPhrase),
    });
    out.set(r.id, { context, recommendation, risk });
  }
  return out;
}

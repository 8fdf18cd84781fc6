import type { TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { ROLE_RISK_SELECT, roleRisk } from '@/server/lib/role-risk-query.ts';
import { loadRequestEvidence } from './request-evidence.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The whole chain behind one grant, the page an auditor hands on: the person and what the grant
 * gives, where it came from (the request with its approval chain, decisions, comments, SoD check and
 * the mitigations in force then; the birthright rule; the reconciliation finding; who granted it),
 * what a role bundled while the grant lasted, what the target was committed to and confirmed, and
 * the provisioning operations on that access with their outcome and the target's id.
 */
export async function getGrantEvidence(db: TDb, grantId: string, deps: { now: Date }) {
  const grant = await db.grant.findUnique({
    where: { id: grantId },
    select: {
      id: true,
      source: true,
      sourceRef: true,
      status: true,
      startsAt: true,
      endsAt: true,
      endedAt: true,
      createdAt: true,
      revokedAt: true,
      revokedById: true,
      revokeReason: true,
      grantedBy: { select: { id: true, displayName: true } },
      identity: {
        select: { id: true, displayName: true, username: true, department: true, title: true, status: true },
      },
      entitlement: {
        select: {
          id: true,
          name: true,
          externalId: true,
          risk: true,
          application: { select: { id: true, name: true } },
        },
      },
      role: { select: { id: true, name: true, ...ROLE_RISK_SELECT } },
      requests: { where: { kind: 'EXTEND' }, select: { id: true } },
    },
  });
  if (!grant) throw new AppError('NOT_FOUND', 'No such grant');
  const { requests: extensions, revokedById, role, ...rest } = grant;
  // The role as it is approved: its own level or its riskiest entitlement's.
  const g = { ...rest, role: role ? { id: role.id, name: role.name, risk: roleRisk(role) } : null };
  const end = g.endedAt ?? g.endsAt ?? null;
  const until = end && end < deps.now ? end : deps.now;

  const sourceId = g.sourceRef && UUID.test(g.sourceRef) ? g.sourceRef : null;
  const [revokedBy, rule, finding, requests, rolePeriods, reviews] = await Promise.all([
    revokedById
      ? db.identity.findUnique({ where: { id: revokedById }, select: { id: true, displayName: true } })
      : null,
    g.source === 'BIRTHRIGHT' && sourceId
      ? db.birthrightRule.findUnique({
          where: { id: sourceId },
          select: { id: true, name: true, description: true, condition: true, enabled: true },
        })
      : null,
    g.source === 'RECONCILIATION' && sourceId
      ? db.reconciliationFinding.findUnique({
          where: { id: sourceId },
          select: {
            id: true,
            kind: true,
            nativeId: true,
            status: true,
            decision: true,
            decisionReason: true,
            decidedAt: true,
            decidedBy: { select: { id: true, displayName: true } },
            resolution: true,
            resolvedAt: true,
            resolvedById: true,
            createdAt: true,
            application: { select: { name: true } },
          },
        })
      : null,
    loadRequestEvidence(db, [
      ...(g.source === 'REQUEST' && sourceId ? [sourceId] : []),
      ...extensions.map((e) => e.id),
    ]),
    g.role
      ? db.roleEntitlementPeriod.findMany({
          where: {
            roleId: g.role.id,
            startedAt: { lte: until },
            OR: [{ endedAt: null }, { endedAt: { gt: g.startsAt } }],
          },
          orderBy: [{ startedAt: 'asc' }, { id: 'asc' }],
          select: {
            startedAt: true,
            endedAt: true,
            entitlement: {
              select: { id: true, name: true, application: { select: { id: true, name: true } } },
            },
          },
        })
      : [],
    // Every access review of this grant, each decision at each stage (none: the campaign's own at its due date).
    db.reviewItem.findMany({
      where: { grantId: g.id },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: {
        status: true,
        campaign: { select: { id: true, name: true } },
        decisions: {
          orderBy: [{ decidedAt: 'asc' }, { id: 'asc' }],
          select: {
            stage: true,
            decision: true,
            comment: true,
            decidedAt: true,
            decider: { select: { displayName: true } },
          },
        },
      },
    }),
  ]);

  const entitlements = g.entitlement ? [g.entitlement] : rolePeriods.map((p) => p.entitlement);
  const entitlementIds = [...new Set(entitlements.map((e) => e.id))];
  const applicationIds = [...new Set(entitlements.map((e) => e.application.id))];
  const accounts = await db.account.findMany({
    where: { identityId: g.identity.id, applicationId: { in: applicationIds } },
    select: {
      id: true,
      username: true,
      nativeId: true,
      status: true,
      application: { select: { id: true, name: true } },
      memberships: {
        where: { entitlementId: { in: entitlementIds } },
        select: { entitlementId: true, status: true, confirmedAt: true },
      },
      membershipPeriods: {
        where: {
          entitlementId: { in: entitlementIds },
          startedAt: { lte: until },
          OR: [{ endedAt: null }, { endedAt: { gt: g.startsAt } }],
        },
        orderBy: { startedAt: 'asc' },
        select: { entitlementId: true, startedAt: true, confirmedAt: true, endedAt: true },
      },
    },
  });
  const causes = [`grant:${g.id}`, ...requests.map((r) => `request:${r.id}`)];
  // Planned in the transaction that created the grant, an operation is stamped with that
  // transaction's start, which can precede the grant's own start time by a moment.
  const from = g.createdAt < g.startsAt ? g.createdAt : g.startsAt;
  const operations = await db.provisioningOperation.findMany({
    where: {
      // What the grant's plans did to the account, and to its entitlements: not the rest of the person's access they also settled.
      OR: [
        {
          causeRef: { in: causes },
          OR: [{ entitlementId: null }, { entitlementId: { in: entitlementIds } }],
        },
        ...(entitlementIds.length
          ? [{ identityId: g.identity.id, entitlementId: { in: entitlementIds }, createdAt: { gte: from } }]
          : []),
      ],
    },
    orderBy: { sequence: 'asc' },
    take: 200,
    select: {
      id: true,
      kind: true,
      status: true,
      reason: true,
      causeRef: true,
      attempts: true,
      outcome: true,
      lastError: true,
      result: true,
      createdAt: true,
      finishedAt: true,
      application: { select: { name: true } },
      entitlement: { select: { name: true } },
      account: { select: { username: true, nativeId: true } },
    },
  });
  const names = new Map(entitlements.map((e) => [e.id, e.name]));
  // Who let the adoption go on: the owner who approved it, or the decider when no approval was needed.
  const resolvedBy = finding?.resolvedById
    ? await db.identity.findUnique({
        where: { id: finding.resolvedById },
        select: { id: true, displayName: true },
      })
    : null;
  return {
    grant: { ...g, revokedBy },
    rule,
    finding: finding ? { ...finding, resolvedBy } : null,
    requests,
    reviews: reviews.map((r) => ({
      ...r,
      decisions: r.decisions.map(({ decider, ...d }) => ({ ...d, decider: decider?.displayName ?? null })),
    })),
    roleContents: rolePeriods.map((p) => ({
      entitlement: p.entitlement,
      startedAt: p.startedAt,
      endedAt: p.endedAt,
    })),
    accounts: accounts.map(({ memberships, membershipPeriods, ...a }) => ({
      ...a,
      memberships: memberships.map((m) => ({ ...m, entitlementName: names.get(m.entitlementId) ?? '' })),
      periods: membershipPeriods.map((p) => ({ ...p, entitlementName: names.get(p.entitlementId) ?? '' })),
    })),
    operations: operations.map(({ result, account, ...o }) => ({
      ...o,
      account: account?.username ?? null,
      // The target's id: what the connector answered, else what the account carries.
      targetId: nativeIdOf(result) ?? account?.nativeId ?? null,
    })),
  };
}

const nativeIdOf = (result: unknown) =>
  result &&
  typeof result === 'object' &&
  'nativeId' in result &&
  typeof (result as { nativeId: unknown }).nativeId === 'string'
    ? (result as { nativeId: string }).nativeId
    : null;

export type TGrantEvidence = Awaited<ReturnType<typeof getGrantEvidence>>;

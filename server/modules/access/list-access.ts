import type { TDb } from '@/server/db/client.ts';
import type { OperationStatus } from '@/prisma/generated/enums.ts';

export type TAccessState = 'active' | 'provisioning' | 'retrying' | 'failed' | 'pending';

/**
 * Everything a person holds, grouped by application: each entitlement with why (the grant and its
 * source: request and approver, birthright rule, role), since when, until when, the account's target
 * ID, and whether it is really in place yet.
 */
export async function listAccessOf(db: TDb, identityId: string) {
  return (await listAccessOfMany(db, [identityId])).get(identityId)!;
}

/**
 * listAccessOf for several people (a manager's team) in the same five queries as for one: everyone's
 * grants, accounts, pending operations, birthright rule names and applications at once, then
 * grouped per person.
 */
export async function listAccessOfMany(db: TDb, identityIds: readonly string[]) {
  const ids = [...new Set(identityIds)];
  const [allGrants, allAccounts] = await Promise.all([
    db.grant.findMany({
      where: { identityId: { in: ids }, status: 'ACTIVE' },
      orderBy: { startsAt: 'desc' },
      select: {
        identityId: true,
        id: true,
        source: true,
        sourceRef: true,
        startsAt: true,
        endsAt: true,
        grantedBy: { select: { displayName: true } },
        entitlement: { select: { id: true, name: true, risk: true, applicationId: true } },
        role: {
          select: {
            id: true,
            name: true,
            entitlements: {
              select: { entitlement: { select: { id: true, name: true, risk: true, applicationId: true } } },
            },
          },
        },
      },
    }),
    db.account.findMany({
      where: { identityId: { in: ids } },
      select: {
        identityId: true,
        id: true,
        username: true,
        nativeId: true,
        status: true,
        applicationId: true,
        application: { select: { id: true, name: true } },
        memberships: { select: { entitlementId: true, status: true } },
      },
    }),
  ]);
  const ruleIds = allGrants.filter((g) => g.source === 'BIRTHRIGHT' && g.sourceRef).map((g) => g.sourceRef!);
  const rules = ruleIds.length
    ? await db.birthrightRule.findMany({ where: { id: { in: ruleIds } }, select: { id: true, name: true } })
    : [];
  const allOps = await db.provisioningOperation.findMany({
    where: {
      identityId: { in: ids },
      kind: 'ADD_ENTITLEMENT',
      status: { notIn: ['SUCCEEDED', 'NOOP', 'CANCELLED'] },
    },
    orderBy: { sequence: 'desc' },
    select: { identityId: true, entitlementId: true, status: true, lastError: true, attempts: true },
  });
  const apps = await db.application.findMany({
    where: {
      id: {
        in: [
          ...new Set(
            [
              ...allGrants.flatMap((g) => [
                g.entitlement?.applicationId,
                ...(g.role?.entitlements.map((e) => e.entitlement.applicationId) ?? []),
              ]),
              ...allAccounts.map((a) => a.applicationId),
            ].filter((x): x is string => !!x),
          ),
        ],
      },
    },
    // enabled: a revocation in a disabled application waits for it (the revoke dialog says so).
    select: { id: true, name: true, enabled: true },
  });

  // Apps holds the applications of the whole batch: a person's list keeps those where they hold
  // something or have an account, as it always did.
  const accessOf = (identityId: string) => {
    const grants = allGrants.filter((g) => g.identityId === identityId);
    const accounts = allAccounts.filter((a) => a.identityId === identityId);
    const ops = allOps.filter((o) => o.identityId === identityId);
    const stateOf = (
      applicationId: string,
      entitlementId: string,
    ): { state: TAccessState; reason: string | null } => {
      const account = accounts.find((a) => a.applicationId === applicationId && a.status !== 'DELETED');
      const membership = account?.memberships.find((m) => m.entitlementId === entitlementId);
      if (membership?.status === 'ACTIVE') return { state: 'active', reason: null };
      const op = ops.find((o) => o.entitlementId === entitlementId);
      if (op?.status === 'FAILED') return { state: 'failed', reason: op.lastError };
      if (op && (op.status === ('RETRYING' as OperationStatus) || op.attempts > 0))
        return { state: 'retrying', reason: op.lastError };
      if (membership) return { state: 'provisioning', reason: null };
      return { state: 'pending', reason: null };
    };

    const items = grants.flatMap((g) => {
      const why = {
        source: g.source,
        requestId: g.source === 'REQUEST' ? g.sourceRef : null,
        approvedBy: g.source === 'REQUEST' ? (g.grantedBy?.displayName ?? null) : null,
        ruleName: g.source === 'BIRTHRIGHT' ? (rules.find((r) => r.id === g.sourceRef)?.name ?? null) : null,
        roleName: g.role?.name ?? null,
      };
      const ents = g.entitlement ? [g.entitlement] : (g.role?.entitlements.map((e) => e.entitlement) ?? []);
      return ents.map((e) => ({
        grantId: g.id,
        entitlement: { id: e.id, name: e.name, risk: e.risk },
        applicationId: e.applicationId,
        since: g.startsAt,
        endsAt: g.endsAt,
        why,
        canRelinquish: g.source === 'REQUEST' || g.source === 'ADMIN',
        ...stateOf(e.applicationId, e.id),
      }));
    });

    // Newest first, and what started in the same moment (a joiner's birthright) by name, then by grant
    // (one group held directly and through a role): the grants' order among equals is the database's,
    // and two people's lists of the same groups read differently. The name's collation is pinned to
    // English, the portal's language, so the order is not the server's locale's.
    items.sort(
      (a, b) =>
        b.since.getTime() - a.since.getTime() ||
        a.entitlement.name.localeCompare(b.entitlement.name, 'en') ||
        compareIds(a.grantId, b.grantId) ||
        compareIds(a.entitlement.id, b.entitlement.id),
    );
    return apps
      .map((app) => {
        const account = accounts.find((a) => a.applicationId === app.id) ?? null;
        return {
          application: app,
          account: account
            ? { username: account.username, nativeId: account.nativeId, status: account.status }
            : null,
          items: items.filter((i) => i.applicationId === app.id),
        };
      })
      .filter((a) => a.items.length > 0 || (a.account && a.account.status !== 'DELETED'))
      .sort((a, b) => a.application.name.localeCompare(b.application.name, 'en'));
  };
  return new Map(ids.map((id) => [id, accessOf(id)]));
}

/** Ids by code point: a stable last tie-break, whatever the locale. */
const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

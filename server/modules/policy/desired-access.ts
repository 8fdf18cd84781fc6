import type { GrantSource, IdentityStatus } from '@/prisma/generated/enums.ts';

/** Why a person should hold an entitlement: the grant, and the role it came through if any. */
export type TAccessReason = { grantId: string; source: GrantSource; viaRoleId: string | null };

export type TIdentityFacts = {
  id: string;
  status: IdentityStatus;
  startDate: Date | null;
  endDate: Date | null;
};

export type TGrantFacts = {
  id: string;
  entitlementId: string | null;
  roleId: string | null;
  source: GrantSource;
  startsAt: Date;
  endsAt: Date | null;
};

export type TEntitlementFacts = {
  id: string;
  applicationId: string;
  singleValued: boolean;
  externalId?: string;
};

export type TPolicyCatalog = {
  entitlements: ReadonlyMap<string, TEntitlementFacts>;
  roleEntitlements: ReadonlyMap<string, readonly string[]>;
};

export type TDesiredAccount = {
  applicationId: string;
  /** False for pre-hires inside their lead window and for suspended people. */
  enabled: boolean;
  entitlements: Map<string, TAccessReason[]>;
};

/** applicationId -> what the person should hold there. An absent application means no account. */
export type TDesiredAccess = Map<string, TDesiredAccount>;

export type TDesiredAccessOptions = { now: Date; prehireLeadDays: number };

const DAY_MS = 86_400_000;

export function isGrantInForce(grant: Pick<TGrantFacts, 'startsAt' | 'endsAt'>, now: Date): boolean {
  return grant.startsAt <= now && (grant.endsAt === null || grant.endsAt > now);
}

/** Whether the person should have accounts at all, and whether they should be usable. */
export function accountPosture(
  identity: TIdentityFacts,
  options: TDesiredAccessOptions,
): 'NONE' | 'DISABLED' | 'ENABLED' {
  const { now } = options;
  if (identity.status === 'TERMINATED') return 'NONE';
  // An end date in the past is a leaver even before a source says so.
  if (identity.endDate && identity.endDate.getTime() + DAY_MS <= now.getTime()) return 'NONE';
  if (identity.status === 'PREHIRE') {
    if (!identity.startDate) return 'NONE';
    const leadStart = identity.startDate.getTime() - options.prehireLeadDays * DAY_MS;
    return now.getTime() >= leadStart ? 'DISABLED' : 'NONE';
  }
  if (identity.status === 'SUSPENDED') return 'DISABLED';
  return 'ENABLED';
}

/**
 * The single place that decides what a person should hold. Every source of access (requests,
 * birthright, roles, admin grants, adopted reconciliation findings) is a grant; expiry and leavers
 * are facts about grants and identities. Nothing else provisions.
 */
export function computeDesiredAccess(
  identity: TIdentityFacts,
  grants: readonly TGrantFacts[],
  catalog: TPolicyCatalog,
  options: TDesiredAccessOptions,
): TDesiredAccess {
  const desired: TDesiredAccess = new Map();
  const posture = accountPosture(identity, options);
  if (posture === 'NONE') return desired;

  const latestGrantFor = new Map<string, Date>();
  const add = (entitlementId: string, reason: TAccessReason, grantStart: Date) => {
    const ent = catalog.entitlements.get(entitlementId);
    if (!ent) return;
    let account = desired.get(ent.applicationId);
    if (!account) {
      account = { applicationId: ent.applicationId, enabled: posture === 'ENABLED', entitlements: new Map() };
      desired.set(ent.applicationId, account);
    }
    const reasons = account.entitlements.get(entitlementId) ?? [];
    reasons.push(reason);
    account.entitlements.set(entitlementId, reasons);
    const prev = latestGrantFor.get(entitlementId);
    if (!prev || prev < grantStart) latestGrantFor.set(entitlementId, grantStart);
  };

  for (const grant of grants) {
    if (!isGrantInForce(grant, options.now)) continue;
    if (grant.entitlementId) {
      add(grant.entitlementId, { grantId: grant.id, source: grant.source, viaRoleId: null }, grant.startsAt);
    } else if (grant.roleId) {
      for (const entitlementId of catalog.roleEntitlements.get(grant.roleId) ?? []) {
        add(
          entitlementId,
          { grantId: grant.id, source: grant.source, viaRoleId: grant.roleId },
          grant.startsAt,
        );
      }
    }
  }

  // A single-valued entitlement (a Salesforce Profile) can be held once per application: the most
  // recently granted wins.
  for (const account of desired.values()) {
    const single = [...account.entitlements.keys()].filter(
      (id) => catalog.entitlements.get(id)?.singleValued,
    );
    if (single.length < 2) continue;
    single.sort(
      (a, b) => latestGrantFor.get(b)!.getTime() - latestGrantFor.get(a)!.getTime() || a.localeCompare(b),
    );
    for (const loser of single.slice(1)) account.entitlements.delete(loser);
  }
  return desired;
}

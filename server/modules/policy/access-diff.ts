import type { AccountStatus, MembershipStatus, OnDeleteAction } from '@/prisma/generated/enums.ts';
import type { TDesiredAccess } from './desired-access.ts';

export type TAttributes = Record<string, string | string[] | null>;

/** What Gatehouse has committed the target to hold (Account and AccountEntitlement rows). */
export type TPlannedAccount = {
  id: string;
  applicationId: string;
  status: AccountStatus;
  attributes: TAttributes;
  memberships: ReadonlyMap<string, MembershipStatus>;
};

export type TApplicationPolicy = { id: string; onDelete: OnDeleteAction; onDeleteAttributes: TAttributes };

export type TAccessChange =
  | { kind: 'CREATE_ACCOUNT'; applicationId: string; enabled: boolean; attributes: TAttributes }
  | { kind: 'ENABLE_ACCOUNT'; applicationId: string; accountId: string; attributes: TAttributes }
  | { kind: 'UPDATE_ACCOUNT'; applicationId: string; accountId: string; attributes: TAttributes; deprovision: boolean }
  | { kind: 'ADD_ENTITLEMENT'; applicationId: string; accountId: string | null; entitlementId: string }
  | { kind: 'REMOVE_ENTITLEMENT'; applicationId: string; accountId: string; entitlementId: string }
  | { kind: 'DISABLE_ACCOUNT'; applicationId: string; accountId: string; deprovision: boolean }
  | { kind: 'DELETE_ACCOUNT'; applicationId: string; accountId: string };

const isPlannedPresent = (s: MembershipStatus) => s === 'ADDING' || s === 'ACTIVE';

/**
 * Turns "should hold" versus "committed to hold" into the operations that close the gap, in the
 * order one account must see them: account up, attributes, grants, revocations, account down.
 * `desiredAttributes` is the mapping's output per application.
 */
export function diffAccess(
  desired: TDesiredAccess,
  planned: readonly TPlannedAccount[],
  applications: ReadonlyMap<string, TApplicationPolicy>,
  desiredAttributes: ReadonlyMap<string, TAttributes> = new Map(),
): TAccessChange[] {
  const changes: TAccessChange[] = [];
  const plannedByApp = new Map(planned.map((a) => [a.applicationId, a]));
  const appIds = [...new Set([...desired.keys(), ...plannedByApp.keys()])].sort();

  for (const applicationId of appIds) {
    const want = desired.get(applicationId);
    const have = plannedByApp.get(applicationId);
    const attributes = desiredAttributes.get(applicationId) ?? {};

    if (want) {
      let accountId: string | null = null;
      if (!have || have.status === 'DELETED') {
        changes.push({ kind: 'CREATE_ACCOUNT', applicationId, enabled: want.enabled, attributes });
      } else {
        accountId = have.id;
        if (have.status === 'DISABLED' && want.enabled) {
          changes.push({ kind: 'ENABLE_ACCOUNT', applicationId, accountId, attributes });
        } else {
          const changed = changedAttributes(have.attributes, attributes);
          if (Object.keys(changed).length > 0) {
            changes.push({ kind: 'UPDATE_ACCOUNT', applicationId, accountId, attributes: changed, deprovision: false });
          }
        }
      }
      const current = have && have.status !== 'DELETED' ? have.memberships : new Map<string, MembershipStatus>();
      for (const entitlementId of [...want.entitlements.keys()].sort()) {
        const status = current.get(entitlementId);
        if (!status || !isPlannedPresent(status)) {
          changes.push({ kind: 'ADD_ENTITLEMENT', applicationId, accountId, entitlementId });
        }
      }
      if (have && accountId) {
        for (const [entitlementId, status] of [...current].sort(([a], [b]) => a.localeCompare(b))) {
          if (isPlannedPresent(status) && !want.entitlements.has(entitlementId)) {
            changes.push({ kind: 'REMOVE_ENTITLEMENT', applicationId, accountId, entitlementId });
          }
        }
        if (have.status === 'ACTIVE' && !want.enabled) {
          changes.push({ kind: 'DISABLE_ACCOUNT', applicationId, accountId, deprovision: false });
        }
      }
      continue;
    }

    if (!have || have.status === 'DELETED') continue;
    for (const [entitlementId, status] of [...have.memberships].sort(([a], [b]) => a.localeCompare(b))) {
      if (isPlannedPresent(status)) {
        changes.push({ kind: 'REMOVE_ENTITLEMENT', applicationId, accountId: have.id, entitlementId });
      }
    }
    const policy = applications.get(applicationId);
    const onDelete = policy?.onDelete ?? 'DISABLE';
    if (onDelete === 'DELETE') {
      changes.push({ kind: 'DELETE_ACCOUNT', applicationId, accountId: have.id });
    } else if (have.status === 'ACTIVE') {
      if (onDelete === 'UPDATE') {
        changes.push({
          kind: 'UPDATE_ACCOUNT',
          applicationId,
          accountId: have.id,
          attributes: policy?.onDeleteAttributes ?? {},
          deprovision: true,
        });
      } else {
        changes.push({ kind: 'DISABLE_ACCOUNT', applicationId, accountId: have.id, deprovision: true });
      }
    }
  }
  return changes;
}

function changedAttributes(current: TAttributes, next: TAttributes): TAttributes {
  const out: TAttributes = {};
  for (const [key, value] of Object.entries(next)) {
    if (JSON.stringify(current[key] ?? null) !== JSON.stringify(value ?? null)) out[key] = value;
  }
  return out;
}

import type { AccountStatus, MembershipStatus, OnDeleteAction } from '@/prisma/generated/enums.ts';
import type { TDesiredAccess, TDesiredAccount } from './desired-access.ts';

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

/** An account as its target holds it (ObservedAccount and its open memberships). */
export type TObservedAccount = {
  stableId: string;
  enabled: boolean;
  attributes: TAttributes;
  /** Entitlement ids the target lists the account in. */
  memberships: ReadonlySet<string>;
};

/**
 * What the portal is changing about one account right now: a finding about it would race the
 * portal's own change (an operation in flight, a commitment ADDING/REMOVING, or a change made after
 * the run began), so the diff neither reports nor resolves it.
 */
export type TInFlight = { account: boolean; entitlements: ReadonlySet<string> };

/** One difference between the three states, as reconciliation reports it. */
export type TObservedDrift =
  | { kind: 'ORPHAN_ACCOUNT' | 'LEAVER_ACCOUNT_ENABLED' | 'MISSING_ACCOUNT' }
  | { kind: 'DISABLED_MISMATCH'; enabled: boolean }
  | { kind: 'UNMANAGED_ENTITLEMENT' | 'MISSING_ENTITLEMENT'; entitlementId: string }
  | { kind: 'ATTRIBUTE_DRIFT'; attribute: string; actual: TAttributes[string]; expected: TAttributes[string] };

export type TObservedDiff = { drifts: TObservedDrift[]; deferred: TObservedDrift[] };

/**
 * The same comparison as diffAccess, with the third state beside it (docs/decisions/055): for one
 * account in one application, desired (what the person should hold), committed (the planned Account
 * and its AccountEntitlements) and observed (what the target holds). diffAccess closes the gap
 * between desired and committed with operations; this names the gaps between those and the target.
 * `leaver`: the person has left (their desired state is empty because they are gone, not because
 * they hold nothing). `mappedAttributes`: the mapping's output for the account, compared as read.
 * Differences the portal is making itself come back as `deferred`, never as drifts.
 */
export function diffObservedAccount(input: {
  desired: TDesiredAccount | undefined;
  planned: TPlannedAccount | undefined;
  observed: TObservedAccount | undefined;
  leaver: boolean;
  mappedAttributes: TAttributes;
  inFlight: TInFlight;
}): TObservedDiff {
  const { desired, planned, observed, leaver, mappedAttributes, inFlight } = input;
  const drifts: TObservedDrift[] = [];
  const deferred: TObservedDrift[] = [];
  const add = (drift: TObservedDrift, isInFlight: boolean) => (isInFlight ? deferred : drifts).push(drift);
  const committed = planned && planned.status !== 'DELETED' ? planned : undefined;

  if (!observed) {
    // Only an account the portal created and still wants is missing; one being created is not yet.
    if (committed && desired) add({ kind: 'MISSING_ACCOUNT' }, inFlight.account);
    return { drifts, deferred };
  }
  if (!planned) {
    drifts.push({ kind: 'ORPHAN_ACCOUNT' });
    return { drifts, deferred };
  }
  if (leaver) {
    if (observed.enabled) add({ kind: 'LEAVER_ACCOUNT_ENABLED' }, inFlight.account);
  } else if (committed && committed.status === 'ACTIVE' ? !observed.enabled : observed.enabled) {
    add({ kind: 'DISABLED_MISMATCH', enabled: observed.enabled }, inFlight.account);
  }

  const wanted = desired?.entitlements;
  for (const entitlementId of [...observed.memberships].sort()) {
    if (!wanted?.has(entitlementId)) add({ kind: 'UNMANAGED_ENTITLEMENT', entitlementId }, inFlight.entitlements.has(entitlementId));
  }
  for (const [entitlementId, status] of [...(committed?.memberships ?? [])].sort(([a], [b]) => a.localeCompare(b))) {
    if (status === 'ACTIVE' && wanted?.has(entitlementId) && !observed.memberships.has(entitlementId)) {
      add({ kind: 'MISSING_ENTITLEMENT', entitlementId }, inFlight.entitlements.has(entitlementId));
    }
  }

  if (desired && committed) {
    const read = lowerKeys(observed.attributes);
    for (const [attribute, expected] of Object.entries(mappedAttributes).sort(([a], [b]) => a.localeCompare(b))) {
      const actual = read.get(attribute.toLowerCase()) ?? null;
      if (!sameValue(actual, expected ?? null)) add({ kind: 'ATTRIBUTE_DRIFT', attribute, actual, expected: expected ?? null }, inFlight.account);
    }
  }
  return { drifts, deferred };
}

const lowerKeys = (attributes: TAttributes) => new Map(Object.entries(attributes).map(([k, v]) => [k.toLowerCase(), v]));

/** Values as a target returns them: a single value may come back as a one-element list, or the other way. */
function sameValue(a: TAttributes[string], b: TAttributes[string]): boolean {
  const norm = (v: TAttributes[string]) => (v === null || v === '' ? [] : Array.isArray(v) ? [...v].sort() : [v]);
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

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
  | {
      kind: 'UPDATE_ACCOUNT';
      applicationId: string;
      accountId: string;
      attributes: TAttributes;
      deprovision: boolean;
    }
  | { kind: 'ADD_ENTITLEMENT'; applicationId: string; accountId: string | null; entitlementId: string }
  | { kind: 'REMOVE_ENTITLEMENT'; applicationId: string; accountId: string; entitlementId: string }
  | { kind: 'DISABLE_ACCOUNT'; applicationId: string; accountId: string; deprovision: boolean }
  | { kind: 'DELETE_ACCOUNT'; applicationId: string; accountId: string };

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

/**
 * The third state for one application, as reconciliation read it: the account the target holds
 * (undefined: the read did not find one), whether the person has left (their desired state is empty
 * because they are gone, not because they hold nothing), and what the portal is changing right now.
 */
export type TObservation = { account: TObservedAccount | undefined; leaver: boolean; inFlight: TInFlight };

/** One difference between what the target holds and what the portal wants and committed. */
export type TObservedDrift =
  | { kind: 'ORPHAN_ACCOUNT' | 'LEAVER_ACCOUNT_ENABLED' | 'MISSING_ACCOUNT' }
  | { kind: 'DISABLED_MISMATCH'; enabled: boolean }
  | { kind: 'UNMANAGED_ENTITLEMENT' | 'MISSING_ENTITLEMENT'; entitlementId: string }
  | {
      kind: 'ATTRIBUTE_DRIFT';
      attribute: string;
      actual: TAttributes[string];
      expected: TAttributes[string];
    };

export type TDrift = TObservedDrift & { applicationId: string };

/**
 * The one diff's answer: the operations that bring the committed state to the desired one, and,
 * for the applications whose target was observed, how the target differs from both (`drifts`), with
 * the differences the portal is making itself set apart (`deferred`: neither reported nor resolved).
 */
export type TAccessDiff = { changes: TAccessChange[]; drifts: TDrift[]; deferred: TDrift[] };

const isPlannedPresent = (s: MembershipStatus) => s === 'ADDING' || s === 'ACTIVE';

/**
 * The one diff engine (docs/decisions/055): desired (what a person should hold), committed (the
 * planned Accounts and their AccountEntitlements) and, where a target was read back, observed.
 * Desired against committed gives the operations that close the gap, in the order one account must
 * see them: account up, attributes, grants, revocations, account down. Observed against both gives
 * the drifts reconciliation reports. Both use the same membership and attribute comparisons.
 * `desiredAttributes` is the mapping's output per application. A caller that wants only the drifts
 * (reconciliation, for every account of an application) says so with `{ changes: false }`.
 */
export function diffAccess(
  desired: TDesiredAccess,
  planned: readonly TPlannedAccount[],
  applications: ReadonlyMap<string, TApplicationPolicy>,
  desiredAttributes: ReadonlyMap<string, TAttributes> = new Map(),
  observed: ReadonlyMap<string, TObservation> = new Map(),
  options: { changes: boolean } = { changes: true },
): TAccessDiff {
  const result: TAccessDiff = { changes: [], drifts: [], deferred: [] };
  // Built by loops: reconciliation calls this once per account (100,000 times in a full run).
  const plannedByApp = new Map<string, TPlannedAccount>();
  for (const a of planned) plannedByApp.set(a.applicationId, a);
  const ids = new Set(desired.keys());
  for (const id of plannedByApp.keys()) ids.add(id);
  for (const id of observed.keys()) ids.add(id);
  const appIds = [...ids].sort();
  for (const applicationId of appIds) {
    const want = desired.get(applicationId);
    const have = plannedByApp.get(applicationId);
    const attributes = desiredAttributes.get(applicationId) ?? {};
    if (options.changes)
      planChanges(result.changes, applicationId, want, have, attributes, applications.get(applicationId));
    const seen = observed.get(applicationId);
    if (seen) judgeTarget(result, applicationId, want, have, attributes, seen);
  }
  return result;
}

/** Desired against committed: the operations for one application. */
function planChanges(
  changes: TAccessChange[],
  applicationId: string,
  want: TDesiredAccount | undefined,
  have: TPlannedAccount | undefined,
  attributes: TAttributes,
  policy: TApplicationPolicy | undefined,
) {
  const live = have && have.status !== 'DELETED' ? have : undefined;
  const held = plannedPresent(live);
  if (want) {
    let accountId: string | null = null;
    if (!live) {
      changes.push({ kind: 'CREATE_ACCOUNT', applicationId, enabled: want.enabled, attributes });
    } else {
      accountId = live.id;
      if (live.status === 'DISABLED' && want.enabled) {
        changes.push({ kind: 'ENABLE_ACCOUNT', applicationId, accountId, attributes });
      } else {
        const changed = Object.fromEntries(
          attributeGaps(live.attributes, attributes, false).map((g) => [g.attribute, g.expected]),
        );
        if (Object.keys(changed).length > 0) {
          changes.push({
            kind: 'UPDATE_ACCOUNT',
            applicationId,
            accountId,
            attributes: changed,
            deprovision: false,
          });
        }
      }
    }
    const gaps = membershipGaps(want.entitlements, held);
    for (const entitlementId of gaps.missing)
      changes.push({ kind: 'ADD_ENTITLEMENT', applicationId, accountId, entitlementId });
    if (live) {
      for (const entitlementId of gaps.extra)
        changes.push({ kind: 'REMOVE_ENTITLEMENT', applicationId, accountId: live.id, entitlementId });
      if (live.status === 'ACTIVE' && !want.enabled) {
        changes.push({ kind: 'DISABLE_ACCOUNT', applicationId, accountId: live.id, deprovision: false });
      }
    }
    return;
  }

  if (!live) return;
  for (const entitlementId of [...held].sort())
    changes.push({ kind: 'REMOVE_ENTITLEMENT', applicationId, accountId: live.id, entitlementId });
  const onDelete = policy?.onDelete ?? 'DISABLE';
  if (onDelete === 'DELETE') {
    changes.push({ kind: 'DELETE_ACCOUNT', applicationId, accountId: live.id });
  } else if (live.status === 'ACTIVE') {
    if (onDelete === 'UPDATE') {
      changes.push({
        kind: 'UPDATE_ACCOUNT',
        applicationId,
        accountId: live.id,
        attributes: policy?.onDeleteAttributes ?? {},
        deprovision: true,
      });
    } else {
      changes.push({ kind: 'DISABLE_ACCOUNT', applicationId, accountId: live.id, deprovision: true });
    }
  }
}

/** Observed against desired and committed: the drifts for one application. */
function judgeTarget(
  result: TAccessDiff,
  applicationId: string,
  want: TDesiredAccount | undefined,
  have: TPlannedAccount | undefined,
  attributes: TAttributes,
  seen: TObservation,
) {
  const { account: observed, leaver, inFlight } = seen;
  const add = (drift: TObservedDrift, isInFlight: boolean) =>
    (isInFlight ? result.deferred : result.drifts).push({ ...drift, applicationId });
  const committed = have && have.status !== 'DELETED' ? have : undefined;

  if (!observed) {
    // Only an account the portal created and still wants is missing; one being created is not yet.
    if (committed && want) add({ kind: 'MISSING_ACCOUNT' }, inFlight.account);
    return;
  }
  if (!have) {
    add({ kind: 'ORPHAN_ACCOUNT' }, false);
    return;
  }
  if (leaver) {
    if (observed.enabled) add({ kind: 'LEAVER_ACCOUNT_ENABLED' }, inFlight.account);
  } else if (committed && committed.status === 'ACTIVE' ? !observed.enabled : observed.enabled) {
    add({ kind: 'DISABLED_MISMATCH', enabled: observed.enabled }, inFlight.account);
  }

  // Rogue: held by the target, not wanted. Missing: wanted and committed as done, not held.
  const wanted = want?.entitlements ?? new Map<string, unknown>();
  const { extra } = membershipGaps(wanted, observed.memberships);
  for (const entitlementId of extra)
    add({ kind: 'UNMANAGED_ENTITLEMENT', entitlementId }, inFlight.entitlements.has(entitlementId));
  const confirmed = new Set<string>();
  for (const [entitlementId, status] of committed?.memberships ?? [])
    if (status === 'ACTIVE' && wanted.has(entitlementId)) confirmed.add(entitlementId);
  for (const entitlementId of membershipGaps(confirmed, observed.memberships).missing) {
    add({ kind: 'MISSING_ENTITLEMENT', entitlementId }, inFlight.entitlements.has(entitlementId));
  }

  if (want && committed) {
    for (const gap of attributeGaps(observed.attributes, attributes, true).sort((a, b) =>
      a.attribute.localeCompare(b.attribute),
    )) {
      add({ kind: 'ATTRIBUTE_DRIFT', ...gap }, inFlight.account);
    }
  }
}

/** The entitlements a commitment holds or is adding. */
function plannedPresent(have: TPlannedAccount | undefined): Set<string> {
  const held = new Set<string>();
  for (const [entitlementId, status] of have?.memberships ?? [])
    if (isPlannedPresent(status)) held.add(entitlementId);
  return held;
}

/** Wanted and not held (`missing`), held and not wanted (`extra`), each sorted. */
function membershipGaps(
  wanted: ReadonlyMap<string, unknown> | ReadonlySet<string>,
  held: ReadonlySet<string>,
): { missing: string[]; extra: string[] } {
  const missing: string[] = [];
  const extra: string[] = [];
  for (const id of wanted.keys()) if (!held.has(id)) missing.push(id);
  for (const id of held) if (!wanted.has(id)) extra.push(id);
  return { missing: missing.sort(), extra: extra.sort() };
}

/**
 * The attributes `want` names whose value `have` does not hold. The committed state holds what the
 * mapping wrote, so it is compared exactly. A target's reading (`asRead`) is matched by name in any
 * case, and a single value equals a one-element list (targets return either).
 */
function attributeGaps(
  have: TAttributes,
  want: TAttributes,
  asRead: boolean,
): Array<{ attribute: string; actual: TAttributes[string]; expected: TAttributes[string] }> {
  // A reading is kept under the mapping's names (keptAttributes), so the name is looked up as it is
  // first; the names in lower case are mapped only for one that is not there.
  let read: Map<string, TAttributes[string]> | null = null;
  const readingOf = (attribute: string) => {
    if (Object.hasOwn(have, attribute)) return have[attribute];
    read ??= new Map(Object.entries(have).map(([k, v]) => [k.toLowerCase(), v]));
    return read.get(attribute.toLowerCase());
  };
  const gaps: Array<{ attribute: string; actual: TAttributes[string]; expected: TAttributes[string] }> = [];
  for (const [attribute, value] of Object.entries(want)) {
    const expected = value ?? null;
    const actual = (asRead ? readingOf(attribute) : have[attribute]) ?? null;
    const same = asRead ? sameReading(actual, expected) : sameValues(actual, expected);
    if (!same) gaps.push({ attribute, actual, expected });
  }
  return gaps;
}

const asList = (v: TAttributes[string]) =>
  v === null || v === '' ? [] : Array.isArray(v) ? [...v].sort() : [v];

/** A reading against what is wanted: two strings as they are (asList would give [a] and [b], or [] for ''), else as lists. */
const sameReading = (a: TAttributes[string], b: TAttributes[string]) =>
  typeof a === 'string' && typeof b === 'string' ? a === b : sameValues(asList(a), asList(b));

/**
 * Equal as JSON: strings and other scalars by value, lists element by element (a reconciliation
 * compares every mapped attribute of every account: serialising both sides cost more than the rest
 * of the diff). Anything else (an object a JSON column may hold) is compared as JSON.
 */
function sameValues(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => sameValues(v, b[i]));
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

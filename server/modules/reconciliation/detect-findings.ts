import type { FindingKind, MembershipStatus } from '@/prisma/generated/enums.ts';
import {
  diffAccess,
  type TAttributes,
  type TObservedDrift,
  type TPlannedAccount,
  accountPosture,
  computeDesiredAccess,
} from '@/server/modules/policy/index.ts';
import { renderMapping, type TMapping } from '@/server/modules/provisioning/index.ts';
import { factKey, type TFindingDetails } from './finding-facts.ts';
import type { TCommittedRow, TObservedRow, TReconciliationStates } from './reconciliation-states.ts';

/** One fact a run found, ready to become (or update) its finding. */
export type TFact = {
  factKey: string;
  kind: FindingKind;
  identityId: string | null;
  accountId: string | null;
  observedAccountId: string | null;
  entitlementId: string | null;
  nativeId: string | null;
  details: TFindingDetails;
};

export type TDetection = {
  facts: TFact[];
  /** Keys of facts the portal is changing itself right now: neither reported nor resolved. */
  deferredKeys: string[];
};

export type TDetectInput = {
  applicationId: string;
  states: TReconciliationStates;
  mapping: TMapping;
  /** When the run began: a commitment changed after it is the portal's own change in flight. */
  startedAt: Date;
  now: Date;
  /** Whether the read covered absence (FULL, PERSON): only then is an account not read missing. */
  coversAbsence: boolean;
  /** Accounts this run made for people it correlated (their rows are new, not changes in flight). */
  discoveredAccountIds: ReadonlySet<string>;
  /** Observed account -> the person the correlation rules found, for orphans. */
  suggested: ReadonlyMap<string, string>;
  prehireLeadDays?: number;
};

/**
 * Runs the one diff (access-diff.ts, diffAccess with the observed state) over every account in the loaded states and
 * turns what it finds into facts keyed as finding-facts.ts says.
 */
export function detectFindings(input: TDetectInput): TDetection {
  const { states, applicationId } = input;
  const facts: TFact[] = [];
  const deferredKeys: string[] = [];
  const seenCommitted = new Set<string>();
  const options = { now: input.now, prehireLeadDays: input.prehireLeadDays ?? 7 };
  // The diff takes each state by application: maps of one entry, made by set (a Map built from an
  // array of pairs costs the pairs and an iterator, 300,000 times in a full run).
  const ofApplication = <V>(value: V) => new Map<string, V>().set(applicationId, value);

  const judge = (observed: TObservedRow | undefined, committed: TCommittedRow | undefined) => {
    const identity = committed?.identityId ? states.identities.get(committed.identityId) : undefined;
    const desired = identity
      ? computeDesiredAccess(
          identity,
          states.grantsByIdentity.get(identity.id) ?? [],
          states.catalog,
          options,
        ).get(applicationId)
      : undefined;
    const leaver = identity
      ? accountPosture(identity, options) === 'NONE' && identity.status !== 'PREHIRE'
      : false;
    let planned: TPlannedAccount | undefined;
    if (committed) {
      const memberships = new Map<string, MembershipStatus>();
      for (const m of committed.memberships) memberships.set(m.entitlementId, m.status);
      planned = {
        id: committed.id,
        applicationId,
        status: committed.status,
        // Drifts never read what was committed of the attributes (only changes do, and none are asked for).
        attributes: NO_ATTRIBUTES,
        memberships,
      };
    }
    // The one diff (access-diff.ts) with the target's reading as its third input; the operations it
    // would plan are planAccess's business (not computed here), only the drifts are findings.
    const diff = diffAccess(
      desired ? ofApplication(desired) : NO_DESIRED,
      planned ? [planned] : [],
      NO_POLICIES,
      ofApplication(identity && desired ? (renderMapping(input.mapping, identity) as TAttributes) : {}),
      ofApplication({
        account: observed && {
          stableId: observed.stableId,
          enabled: observed.enabled,
          attributes: observed.attributes,
          memberships: new Set(observed.memberships),
        },
        leaver,
        inFlight: committed ? inFlightOf(committed, states, input) : NOTHING_IN_FLIGHT,
      }),
      { changes: false },
    );
    const context = {
      observed,
      committed,
      identityId: committed?.identityId ?? (observed ? (input.suggested.get(observed.id) ?? null) : null),
    };
    for (const drift of diff.drifts) {
      if (drift.kind === 'MISSING_ACCOUNT' && !input.coversAbsence) continue;
      facts.push(toFact(drift, context));
    }
    for (const drift of diff.deferred) deferredKeys.push(toFact(drift, context).factKey);
  };

  for (const observed of states.observed) {
    const committed = observed.accountId ? states.committed.get(observed.accountId) : undefined;
    if (committed) seenCommitted.add(committed.id);
    judge(observed, committed);
  }
  for (const committed of states.committed.values()) {
    // Never created in the target yet (no nativeId): a create in flight or refused, not missing.
    if (seenCommitted.has(committed.id) || !committed.nativeId) continue;
    judge(undefined, committed);
  }
  return { facts, deferredKeys };
}

const NO_POLICIES = new Map<string, never>();
const NO_ATTRIBUTES: TAttributes = Object.freeze({});
const NO_DESIRED: ReturnType<typeof computeDesiredAccess> = new Map();
const NOTHING_IN_FLIGHT = { account: false, entitlements: new Set<string>() };

function inFlightOf(committed: TCommittedRow, states: TReconciliationStates, input: TDetectInput) {
  const operations = states.operationsInFlight.get(committed.id);
  const entitlements = new Set<string>();
  for (const id of operations ?? []) if (id) entitlements.add(id);
  for (const m of committed.memberships) {
    if (m.status !== 'ACTIVE' || m.updatedAt > input.startedAt) entitlements.add(m.entitlementId);
  }
  const changedSinceStart =
    committed.updatedAt > input.startedAt && !input.discoveredAccountIds.has(committed.id);
  return { account: operations?.has(null) === true || changedSinceStart, entitlements };
}

function toFact(
  drift: TObservedDrift,
  c: { observed: TObservedRow | undefined; committed: TCommittedRow | undefined; identityId: string | null },
): TFact {
  const stableId = c.observed?.stableId ?? '';
  const accountId = c.committed?.id ?? null;
  const base = {
    kind: drift.kind,
    identityId: c.identityId,
    accountId,
    observedAccountId: c.observed?.id ?? null,
    entitlementId: null as string | null,
    nativeId: c.observed?.nativeId ?? c.committed?.nativeId ?? null,
    details: {
      username: c.observed?.username ?? c.committed?.username,
      nativeId: c.observed?.nativeId ?? c.committed?.nativeId ?? undefined,
    } as TFindingDetails,
  };
  switch (drift.kind) {
    case 'ORPHAN_ACCOUNT':
    case 'LEAVER_ACCOUNT_ENABLED':
      return {
        ...base,
        factKey: factKey(drift.kind, { stableId }),
        details: { ...base.details, enabled: c.observed?.enabled },
      };
    case 'DISABLED_MISMATCH':
      return {
        ...base,
        factKey: factKey(drift.kind, { stableId }),
        details: { ...base.details, enabled: drift.enabled },
      };
    case 'ATTRIBUTE_DRIFT':
      return {
        ...base,
        factKey: factKey(drift.kind, { stableId, attribute: drift.attribute }),
        details: {
          ...base.details,
          attribute: drift.attribute,
          actual: drift.actual,
          expected: drift.expected,
        },
      };
    case 'UNMANAGED_ENTITLEMENT':
      return {
        ...base,
        entitlementId: drift.entitlementId,
        factKey: factKey(drift.kind, { stableId, entitlementId: drift.entitlementId }),
      };
    case 'MISSING_ENTITLEMENT':
      return {
        ...base,
        entitlementId: drift.entitlementId,
        factKey: factKey(drift.kind, { accountId: accountId ?? '', entitlementId: drift.entitlementId }),
      };
    case 'MISSING_ACCOUNT':
      return { ...base, factKey: factKey(drift.kind, { accountId: accountId ?? '' }) };
  }
}

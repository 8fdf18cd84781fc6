import crypto from 'node:crypto';
import { uuid7 } from '@/server/lib/uuid7.ts';
import type { TActor } from '@/server/auth/actor.ts';
import type { TBulkColumnOf, TBulkRow } from '@/server/db/bulk-columns.ts';
import type { Prisma } from '@/server/db/client.ts';
import type { TAccessChange } from '@/server/modules/policy/index.ts';
import { removesAccess } from '@/server/queue/provisioning-priority.ts';
import type { OperationKind } from '@/prisma/generated/enums.ts';
import { createAccountPayload } from './account-rules.ts';
import type { TPlanningFacts } from './planning-facts.ts';

export type TPlanCause = {
  /** REQUEST_APPROVED, ACCESS_RELINQUISHED, GRANT_STARTED, GRANT_EXPIRED, LEAVER, BIRTHRIGHT, RECONCILIATION ... */
  reason: string;
  /**
   * A person's own reason where one plan covers people changed for different reasons (a sync batch's
   * joiners, movers and leavers): one plan costs its statements once, not once per reason.
   */
  reasonOf?: ReadonlyMap<string, string>;
  actor: TActor;
  /** The record behind it, e.g. "request:<id>". */
  ref?: string;
  /**
   * The people whose grants were opened or closed, or whose roles' contents changed, before this plan:
   * only theirs can have new or resolved SoD violations, so only they are checked. Absent: everyone
   * planned is checked (a caller that does not say costs a check, never misses a violation).
   */
  accessChangedFor?: readonly string[];
};

export type TPlannedOperation = {
  id: string;
  kind: OperationKind;
  identityId: string;
  applicationId: string;
  accountId: string;
  entitlementId: string | null;
};

export type TReservedName = { username: string; refused?: string; fallback: string | null };

type TAccountRow = TBulkRow<
  'Account',
  'id' | 'applicationId' | 'identityId' | 'username' | 'status' | 'attributes'
>;
export type TAccountUpdate = { id: string; data: Prisma.AccountUpdateInput };
export type TMembershipKey = { accountId: string; entitlementId: string };
type TOperationRow = TBulkRow<'ProvisioningOperation', TBulkColumnOf<'ProvisioningOperation'>>;

/** Everything a plan writes, in planning order: the rows of each kind keep the order of their changes. */
export type TPlanRows = {
  accountsToCreate: TAccountRow[];
  accountUpdates: TAccountUpdate[];
  membershipsToCreate: TMembershipKey[];
  membershipsToReAdd: TMembershipKey[];
  membershipsToRemove: TMembershipKey[];
  operations: TOperationRow[];
  planned: TPlannedOperation[];
  /** Accounts with at least one operation that takes access away: their job goes first. */
  removingAccess: Set<string>;
};

/** What one change writes: at most one account row and one membership row, and its operation. */
type TChangeRows = {
  accountId: string;
  createAccount?: TAccountRow;
  updateAccount?: Prisma.AccountUpdateInput;
  membership?: TMembershipKey & { write: 'create' | 'reAdd' | 'remove' };
  payload: Record<string, unknown>;
};

type TPlannedChange = TChangeRows & {
  change: TAccessChange;
  operation: TOperationRow;
  planned: TPlannedOperation;
};

/** Why this person's operations exist: their own reason in a mixed plan, else the plan's. */
export function planReason(cause: TPlanCause, identityId: string): string {
  return cause.reasonOf?.get(identityId) ?? cause.reason;
}

/**
 * The rows a plan writes, worked out from the facts alone (no database): each change becomes its
 * account and membership rows and one operation with its payload. Usernames are reserved beforehand.
 */
export function planRows(
  facts: TPlanningFacts,
  changesByIdentity: ReadonlyMap<string, readonly TAccessChange[]>,
  usernames: ReadonlyMap<string, TReservedName>,
  cause: TPlanCause,
): TPlanRows {
  const all = [...changesByIdentity].flatMap(([identityId, changes]) =>
    planIdentityChanges(facts, identityId, changes, usernames, cause),
  );
  const memberships = (write: 'create' | 'reAdd' | 'remove') =>
    all.flatMap(({ membership: m }) =>
      m?.write === write ? [{ accountId: m.accountId, entitlementId: m.entitlementId }] : [],
    );
  return {
    accountsToCreate: all.flatMap((r) => (r.createAccount ? [r.createAccount] : [])),
    accountUpdates: all.flatMap((r) => (r.updateAccount ? [{ id: r.accountId, data: r.updateAccount }] : [])),
    membershipsToCreate: memberships('create'),
    membershipsToReAdd: memberships('reAdd'),
    membershipsToRemove: memberships('remove'),
    operations: all.map((r) => r.operation),
    planned: all.map((r) => r.planned),
    removingAccess: new Set(all.filter((r) => removesAccess(r.change)).map((r) => r.accountId)),
  };
}

/**
 * One person's changes, in order. An entitlement added to an account created in the same plan
 * names that account by the id its CREATE_ACCOUNT chose, so the creates are remembered as they go.
 */
function planIdentityChanges(
  facts: TPlanningFacts,
  identityId: string,
  changes: readonly TAccessChange[],
  usernames: ReadonlyMap<string, TReservedName>,
  cause: TPlanCause,
): TPlannedChange[] {
  const newAccountByApp = new Map<string, string>();
  return changes.map((change) => {
    const rows = planChange(facts, identityId, change, usernames, newAccountByApp);
    if (change.kind === 'CREATE_ACCOUNT') newAccountByApp.set(change.applicationId, rows.accountId);
    const entitlementId = 'entitlementId' in change ? change.entitlementId : null;
    // Time-ordered ids: the queue breaks ties between jobs of one transaction by id.
    const operation: TOperationRow = {
      id: uuid7(),
      applicationId: change.applicationId,
      accountId: rows.accountId,
      identityId,
      entitlementId,
      kind: change.kind,
      payload: rows.payload as Prisma.InputJsonValue,
      reason: planReason(cause, identityId),
      causeRef: cause.ref ?? null,
    };
    const planned: TPlannedOperation = {
      id: operation.id,
      kind: change.kind,
      identityId,
      applicationId: change.applicationId,
      accountId: rows.accountId,
      entitlementId,
    };
    return { ...rows, change, operation, planned };
  });
}

function planChange(
  facts: TPlanningFacts,
  identityId: string,
  change: TAccessChange,
  usernames: ReadonlyMap<string, TReservedName>,
  newAccountByApp: ReadonlyMap<string, string>,
): TChangeRows {
  const accounts = facts.accountsByIdentity.get(identityId) ?? [];
  const entitlement =
    'entitlementId' in change ? facts.catalog.entitlements.get(change.entitlementId) : undefined;
  switch (change.kind) {
    case 'CREATE_ACCOUNT': {
      const existing = accounts.find((a) => a.applicationId === change.applicationId);
      const named = usernames.get(`${identityId}:${change.applicationId}`);
      // A placeholder the rule still cannot name stays as it is; the create is refused again.
      const username = existing && (!named || named.refused) ? existing.username : named!.username;
      const status = change.enabled ? 'ACTIVE' : 'DISABLED';
      const app = facts.applications.get(change.applicationId)!;
      const payload = {
        username,
        attributes: change.attributes,
        enabled: change.enabled,
        ...createAccountPayload(app, change.attributes, facts.identitiesById.get(identityId)!, named),
      };
      if (existing) {
        return {
          accountId: existing.id,
          updateAccount: {
            status,
            attributes: change.attributes,
            ...(username !== existing.username ? { username } : {}),
          },
          payload,
        };
      }
      const accountId = crypto.randomUUID();
      return {
        accountId,
        createAccount: {
          id: accountId,
          applicationId: change.applicationId,
          identityId,
          username,
          status,
          attributes: change.attributes,
        },
        payload,
      };
    }
    case 'ENABLE_ACCOUNT':
      return {
        accountId: change.accountId,
        updateAccount: { status: 'ACTIVE', attributes: change.attributes },
        payload: { attributes: change.attributes },
      };
    case 'UPDATE_ACCOUNT': {
      const current = accounts.find((a) => a.id === change.accountId);
      return {
        accountId: change.accountId,
        updateAccount: change.deprovision
          ? { status: 'DISABLED' }
          : { attributes: { ...(current?.attributes ?? {}), ...change.attributes } },
        payload: { attributes: change.attributes, deprovision: change.deprovision },
      };
    }
    case 'DISABLE_ACCOUNT':
      return {
        accountId: change.accountId,
        updateAccount: { status: 'DISABLED' },
        payload: { deprovision: change.deprovision },
      };
    case 'DELETE_ACCOUNT':
      return { accountId: change.accountId, updateAccount: { status: 'DELETED' }, payload: {} };
    case 'ADD_ENTITLEMENT': {
      const accountId = change.accountId ?? newAccountByApp.get(change.applicationId)!;
      const current = accounts.find((a) => a.id === accountId)?.memberships.get(change.entitlementId);
      return {
        accountId,
        membership: { accountId, entitlementId: change.entitlementId, write: current ? 'reAdd' : 'create' },
        payload: { entitlement: entitlement?.externalId ?? null },
      };
    }
    case 'REMOVE_ENTITLEMENT':
      return {
        accountId: change.accountId,
        membership: { accountId: change.accountId, entitlementId: change.entitlementId, write: 'remove' },
        payload: { entitlement: entitlement?.externalId ?? null },
      };
  }
}

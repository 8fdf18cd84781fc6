import { z } from 'zod';
import type { FindingKind } from '@/prisma/generated/enums.ts';

/*
 * What makes a reconciliation finding one fact (ReconciliationFinding.factKey, docs/decisions/055),
 * and what each kind keeps in `details`. Later runs find the same fact under the same key and update
 * its finding instead of adding a row; a run that no longer sees it resolves it. Keys use the
 * target's stable ids (entryUUID, Salesforce Id, SCIM id), so a renamed LDAP entry stays one fact.
 */

type TFactOf = {
  ORPHAN_ACCOUNT: { stableId: string };
  LEAVER_ACCOUNT_ENABLED: { stableId: string };
  DISABLED_MISMATCH: { stableId: string };
  ATTRIBUTE_DRIFT: { stableId: string; attribute: string };
  UNMANAGED_ENTITLEMENT: { stableId: string; entitlementId: string };
  MISSING_ENTITLEMENT: { accountId: string; entitlementId: string };
  MISSING_ACCOUNT: { accountId: string };
  ENTITLEMENT_VANISHED: { entitlementId: string };
};

const PARTS: { [K in FindingKind]: Array<keyof TFactOf[K]> } = {
  ORPHAN_ACCOUNT: ['stableId'],
  LEAVER_ACCOUNT_ENABLED: ['stableId'],
  DISABLED_MISMATCH: ['stableId'],
  ATTRIBUTE_DRIFT: ['stableId', 'attribute'],
  UNMANAGED_ENTITLEMENT: ['stableId', 'entitlementId'],
  MISSING_ENTITLEMENT: ['accountId', 'entitlementId'],
  MISSING_ACCOUNT: ['accountId'],
  ENTITLEMENT_VANISHED: ['entitlementId'],
};

/** The fact's key: its kind and the ids it is about, e.g. `UNMANAGED_ENTITLEMENT:<entryUUID>:<entitlementId>`. */
export function factKey<K extends FindingKind>(kind: K, fact: TFactOf[K]): string {
  return [kind, ...PARTS[kind].map((p) => String(fact[p]))].join(':');
}

/** What a finding's `details` hold: what the target has (as read) and what Gatehouse expected. */
export const ZFindingDetails = z.looseObject({
  /** The account's name and what writes address it by (DN, Id), as read. */
  username: z.string().optional(),
  nativeId: z.string().optional(),
  /** ATTRIBUTE_DRIFT: the attribute, its value in the target and the value the mapping gives. */
  attribute: z.string().optional(),
  actual: z.unknown().optional(),
  expected: z.unknown().optional(),
  /** DISABLED_MISMATCH / LEAVER_ACCOUNT_ENABLED: enabled in the target, and what the plan says. */
  enabled: z.boolean().optional(),
  /** ENTITLEMENT_VANISHED: the catalog's externalId that the target no longer lists. */
  externalId: z.string().optional(),
});
export type TFindingDetails = z.infer<typeof ZFindingDetails>;

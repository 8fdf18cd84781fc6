import type { FindingKind, FindingStatus } from '@/prisma/generated/enums.ts';

/** What each kind of finding means, in a reviewer's words. */
export const KIND_LABEL: Record<FindingKind, string> = {
  ORPHAN_ACCOUNT: 'Account without a person',
  LEAVER_ACCOUNT_ENABLED: 'Leaver’s account still enabled',
  MISSING_ACCOUNT: 'Account missing in the target',
  MISSING_ENTITLEMENT: 'Access missing in the target',
  UNMANAGED_ENTITLEMENT: 'Access not granted in Gatehouse',
  ATTRIBUTE_DRIFT: 'Attribute changed in the target',
  DISABLED_MISMATCH: 'Enabled/disabled differs',
  ENTITLEMENT_VANISHED: 'Entitlement gone from the target',
};
export const FINDING_KINDS = Object.keys(KIND_LABEL) as FindingKind[];

export const STATUS_LABEL: Record<FindingStatus, string> = {
  OPEN: 'Waiting for a decision',
  IN_PROGRESS: 'Being carried out',
  EXCEPTION: 'Accepted as exception',
  RESOLVED: 'Resolved',
};
export const STATUS_TONE: Record<FindingStatus, 'amber' | 'blue' | 'indigo' | 'green'> = {
  OPEN: 'amber',
  IN_PROGRESS: 'blue',
  EXCEPTION: 'indigo',
  RESOLVED: 'green',
};

export const DECISION_LABEL = { REVERT: 'Revert', ADOPT: 'Adopt', EXCEPTION: 'Exception' } as const;

/** Why a run started, in words. */
export const TRIGGER_LABEL: Record<string, string> = {
  SCHEDULE: 'scheduled',
  MANUAL: 'on demand',
  ONBOARDING: 'onboarding',
  PERSON: 'person resync',
};

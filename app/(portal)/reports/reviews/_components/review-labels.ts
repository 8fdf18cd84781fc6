/** Words for access reviews' states and decisions, shared by the admin pages and the report. */

export const CAMPAIGN_STATUS = {
  DRAFT: { label: 'Draft', tone: 'gray' },
  SCHEDULED: { label: 'Scheduled', tone: 'blue' },
  ACTIVE: { label: 'Active', tone: 'amber' },
  CLOSED: { label: 'Closed', tone: 'green' },
  CANCELLED: { label: 'Cancelled', tone: 'gray' },
} as const;

export const ITEM_STATUS = {
  PENDING: { label: 'Undecided', tone: 'amber' },
  KEPT: { label: 'Kept', tone: 'green' },
  REVOKED: { label: 'Revoked', tone: 'red' },
  ENDED: { label: 'Ended by other means', tone: 'gray' },
} as const;

export const DECISION_LABEL = {
  KEEP: 'Kept',
  REVOKE: 'Revoked',
  REASSIGN: 'Reassigned',
  ESCALATE: 'Escalated',
} as const;

export const UNDECIDED_ACTION_LABEL = {
  KEEP: 'Keep the access',
  REVOKE: 'Revoke the access',
  ESCALATE: "Escalate to the reviewer's manager",
} as const;

export const REVOKE_TIMING_LABEL = {
  IMMEDIATE: 'At once, when decided',
  AT_CLOSE: 'When the campaign closes',
} as const;

export const recurrenceLabel = (months: number | null) =>
  !months ? 'Once' : months === 3 ? 'Quarterly' : months === 1 ? 'Every month' : `Every ${months} months`;

/** "Raj Patel's Ledger Approver in Ledger", the thing an item reviews. */
export const itemAccess = (i: {
  entitlement: { name: string; application: { name: string } } | null;
  role: { name: string } | null;
}) =>
  i.entitlement
    ? `${i.entitlement.name} in ${i.entitlement.application.name}`
    : i.role
      ? `Role ${i.role.name}`
      : 'Access no longer in the catalog';

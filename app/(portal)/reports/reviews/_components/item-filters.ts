import type { TFilterField } from '../../_components/filter-form.tsx';

/** The items' filters, the same on the admin page and the report (and in the CSV link). */
export const ITEM_FILTER_FIELDS: TFilterField[] = [
  {
    name: 'search',
    label: 'Person or access',
    type: 'text',
    placeholder: 'Name, username, entitlement or role',
  },
  {
    name: 'status',
    label: 'Outcome',
    type: 'select',
    any: 'Every item',
    options: [
      { value: 'PENDING', label: 'Undecided' },
      { value: 'KEPT', label: 'Kept' },
      { value: 'REVOKED', label: 'Revoked' },
      { value: 'ENDED', label: 'Ended by other means' },
    ],
  },
  {
    name: 'decision',
    label: 'Has a decision',
    type: 'select',
    any: 'Any decision or none',
    options: [
      { value: 'KEEP', label: 'Keep' },
      { value: 'REVOKE', label: 'Revoke' },
      { value: 'REASSIGN', label: 'Reassign' },
      { value: 'ESCALATE', label: 'Escalate' },
    ],
  },
];

type TStatus = 'PENDING' | 'KEPT' | 'REVOKED' | 'ENDED';
type TDecision = 'KEEP' | 'REVOKE' | 'REASSIGN' | 'ESCALATE';

/** The query string's values as the procedure's input (the server checks them again). */
export const itemFilterInput = (v: Record<string, string>) => ({
  search: v.search ?? '',
  status: (v.status ?? '') as TStatus | '',
  decision: (v.decision ?? '') as TDecision | '',
  ...(v.reviewer ? { reviewer: v.reviewer } : {}),
});

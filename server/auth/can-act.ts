import type { IdentityStatus } from '@/prisma/generated/enums.ts';

/**
 * The one rule for who may use the portal: sign in, keep a session, approve, request. Only an active
 * person acts. A pre-hire does not (no source lets pre-hires sign in before their start date), and a
 * suspended person or a leaver loses their sessions and their approval power the moment the status
 * changes (settleLifecycleChanges). Queries that filter people who can act use ACTING_STATUSES.
 */
export const ACTING_STATUSES = ['ACTIVE'] as const satisfies readonly IdentityStatus[];

export function canAct(status: IdentityStatus): boolean {
  return (ACTING_STATUSES as readonly IdentityStatus[]).includes(status);
}

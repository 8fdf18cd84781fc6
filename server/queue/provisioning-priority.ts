import { uuid7 } from '@/server/lib/uuid7.ts';
import type { TAccessChange } from '@/server/modules/policy/index.ts';

/**
 * pg-boss hands out higher priorities first, on every worker (ORDER BY priority DESC, created_on).
 * Taking access away is the kill switch: a leaver's, a suspension's or a revocation's operations
 * must not wait behind a backlog of joiners or birthright grants (docs/decisions/046).
 */
export const PROVISIONING_PRIORITY = { removal: 10, other: 0 } as const;

/** A change that ends access: an account disabled, deleted or deprovisioned, an entitlement removed. */
export function removesAccess(change: TAccessChange): boolean {
  switch (change.kind) {
    case 'DISABLE_ACCOUNT':
    case 'DELETE_ACCOUNT':
    case 'REMOVE_ENTITLEMENT':
      return true;
    case 'UPDATE_ACCOUNT':
      return change.deprovision;
    default:
      return false;
  }
}

/** The priority of a stored operation's job (a manual retry): the same rule, read from what was planned. */
export function operationPriority(op: { kind: string; payload: unknown }): number {
  const deprovision = Boolean((op.payload as { deprovision?: unknown } | null)?.deprovision);
  const removal =
    op.kind === 'DISABLE_ACCOUNT' ||
    op.kind === 'DELETE_ACCOUNT' ||
    op.kind === 'REMOVE_ENTITLEMENT' ||
    (op.kind === 'UPDATE_ACCOUNT' && deprovision);
  return removal ? PROVISIONING_PRIORITY.removal : PROVISIONING_PRIORITY.other;
}

/**
 * A provisioning job's id. When pg-boss trims a fetch to an application's free concurrency slots it
 * keeps the group's jobs with the lowest ids (12.35 fetchNextJob: group_ranking ORDER BY id), not
 * the highest priority, so a removal's id must sort first too: its UUIDv7's top byte (0x01 until
 * 2039) is zeroed. Removals' ids stay time-ordered among themselves, and unique.
 */
export function provisioningJobId(priority: number): string {
  const id = uuid7();
  return priority > PROVISIONING_PRIORITY.other ? `00${id.slice(2)}` : id;
}

import type { Prisma } from '@/server/db/client.ts';
import { loadRequestItems, type TRequestItem } from './load-request-items.ts';

/**
 * Holds the items a submission planned with (FOR KEY SHARE on their rows, a role's entitlements
 * first, then the roles, in id order: the order lockItemsForChange takes them) and says whether they
 * are still as planned. Call first in the transaction that writes the requests.
 *
 * The plan reads outside that transaction, without locks. A change that makes pending requests need
 * more takes these rows FOR UPDATE first (saveRole, saveEntitlement, lockItemsForChange), so it waits
 * for the submission to commit, and then its redraw (redrawPendingChains) sees the new request. A
 * change that committed between the plan and this lock shows in the re-read: the caller plans again
 * rather than write a chain drawn from what the item was (docs/decisions/112). KEY SHARE, the lock
 * the requests' own foreign keys take anyway: routine updates of these rows (aggregation's
 * lastSeenAt, an entitlement's key) pass it and neither wait for submissions nor deadlock with them.
 */
export async function holdPlannedItems(
  tx: Prisma.TransactionClient,
  planned: readonly TRequestItem[],
): Promise<boolean> {
  const entitlementIds = [...new Set(planned.flatMap((i) => i.entitlementIds))];
  const roleIds = planned.filter((i) => i.kind === 'ROLE').map((i) => i.id);
  await tx.$queryRaw`SELECT id FROM "Entitlement" WHERE id = ANY(${entitlementIds}::uuid[]) ORDER BY id FOR KEY SHARE`;
  if (roleIds.length)
    await tx.$queryRaw`SELECT id FROM "Role" WHERE id = ANY(${roleIds}::uuid[]) ORDER BY id FOR KEY SHARE`;
  const now = await loadRequestItems(
    tx,
    planned.map((i) => ({ kind: i.kind, id: i.id })),
  );
  // Everything the chain was drawn from is in the item (its effective risk, policy, owners, contents).
  return planned.every((i) => JSON.stringify(now.get(i.id)) === JSON.stringify(i));
}

/**
 * Locks the entitlements and roles a change is about to make riskier or decide differently, FOR
 * UPDATE, entitlements then roles, each in id order (the order holdPlannedItems takes them, so the
 * two cannot deadlock): a submission holding one of them commits first, and the change's redraw then
 * finds its request. Pass the rows by id, or by the policy they are attached to.
 */
export async function lockItemsForChange(
  tx: Prisma.TransactionClient,
  items: { entitlementIds: readonly string[]; roleIds: readonly string[] } | { attachedTo: string },
): Promise<void> {
  if ('attachedTo' in items) {
    await tx.$queryRaw`SELECT id FROM "Entitlement" WHERE "approvalPolicyId" = ${items.attachedTo}::uuid ORDER BY id FOR UPDATE`;
    await tx.$queryRaw`SELECT id FROM "Role" WHERE "approvalPolicyId" = ${items.attachedTo}::uuid ORDER BY id FOR UPDATE`;
    return;
  }
  if (items.entitlementIds.length)
    await tx.$queryRaw`SELECT id FROM "Entitlement" WHERE id = ANY(${items.entitlementIds}::uuid[]) ORDER BY id FOR UPDATE`;
  if (items.roleIds.length)
    await tx.$queryRaw`SELECT id FROM "Role" WHERE id = ANY(${items.roleIds}::uuid[]) ORDER BY id FOR UPDATE`;
}

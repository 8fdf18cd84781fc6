import type { Prisma } from '@/server/db/client.ts';
import { loadRequestItems, type TRequestItem } from './load-request-items.ts';

/**
 * Holds the items a submission planned with (FOR SHARE on their rows, a role's entitlements first,
 * then the roles, in id order: the order a policy attachment takes them) and says whether they are
 * still as planned. Call first in the transaction that writes the requests.
 *
 * The plan reads outside that transaction, without locks. A change that makes pending requests need
 * more (saveRole's FOR UPDATE, saveEntitlement's and attachApprovalPolicy's UPDATE of these rows)
 * now waits for the submission to commit, and then its redraw (redrawPendingChains) sees the new
 * request. A change that committed between the plan and this lock shows in the re-read: the caller
 * plans again rather than write a chain drawn from what the item was (docs/decisions/112).
 */
export async function holdPlannedItems(
  tx: Prisma.TransactionClient,
  planned: readonly TRequestItem[],
): Promise<boolean> {
  const entitlementIds = [...new Set(planned.flatMap((i) => i.entitlementIds))];
  const roleIds = planned.filter((i) => i.kind === 'ROLE').map((i) => i.id);
  await tx.$queryRaw`SELECT id FROM "Entitlement" WHERE id = ANY(${entitlementIds}::uuid[]) ORDER BY id FOR SHARE`;
  if (roleIds.length)
    await tx.$queryRaw`SELECT id FROM "Role" WHERE id = ANY(${roleIds}::uuid[]) ORDER BY id FOR SHARE`;
  const now = await loadRequestItems(
    tx,
    planned.map((i) => ({ kind: i.kind, id: i.id })),
  );
  // Everything the chain was drawn from is in the item (its effective risk, policy, owners, contents).
  return planned.every((i) => JSON.stringify(now.get(i.id)) === JSON.stringify(i));
}

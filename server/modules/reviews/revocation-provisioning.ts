import type { TDb } from '@/server/db/client.ts';
import { loadProvisioningOperations } from '@/server/modules/provisioning/index.ts';

type TRevokedItem = {
  id: string;
  grantId: string;
  status: string;
  revokedAt: Date | null;
  identity: { id: string };
  entitlement: { id: string } | null;
  role: { id: string } | null;
  decisions: Array<{ decision: string; decidedAt: Date }>;
};

/*
 * A planned operation is stamped with its transaction's start, which can fall a moment either side
 * of the decision's own time: a minute's slack keeps it, and an operation this close on the same
 * person's same entitlement is the revocation's (nothing else removes what a grant still gives).
 */
const SLACK_MS = 60_000;

/**
 * What provisioning did in the targets because an item was revoked, as the request evidence shows it
 * for a request (request-evidence-provisioning.ts): per target the operation, its state and time,
 * the target's id and its error. The engine ends the grant through end-grant.ts, whose plan carries
 * `grant:<grant>`; removals of the item's entitlements (a role's: those it bundled then) on the same
 * person from the revocation on are taken too, for a revocation planned under another ref.
 */
export async function loadRevocationProvisioning(
  db: TDb,
  campaignId: string,
  items: readonly TRevokedItem[],
) {
  const revoked = items.filter((i) => i.status === 'REVOKED');
  const byItem = new Map<string, Awaited<ReturnType<typeof loadProvisioningOperations>>>();
  if (revoked.length === 0) return byItem;
  const roleIds = [...new Set(revoked.flatMap((i) => (i.role ? [i.role.id] : [])))];
  const periods = roleIds.length
    ? await db.roleEntitlementPeriod.findMany({
        where: { roleId: { in: roleIds } },
        select: { roleId: true, entitlementId: true, startedAt: true, endedAt: true },
      })
    : [];
  const wanted = revoked.map((i) => {
    const revokeDecision = i.decisions.filter((d) => d.decision === 'REVOKE').at(-1)?.decidedAt;
    const at =
      [i.revokedAt, revokeDecision]
        .filter((d): d is Date => !!d)
        .sort((a, b) => a.getTime() - b.getTime())[0] ?? new Date(0);
    const from = new Date(at.getTime() - SLACK_MS);
    const entitlementIds = i.entitlement
      ? [i.entitlement.id]
      : periods
          .filter((p) => p.roleId === i.role?.id && p.startedAt <= at && (!p.endedAt || p.endedAt > from))
          .map((p) => p.entitlementId);
    return { item: i, from, entitlementIds };
  });
  const ops = await loadProvisioningOperations(db, {
    OR: [
      {
        causeRef: {
          in: [
            `review:${campaignId}`,
            ...revoked.flatMap((i) => [`review-item:${i.id}`, `grant:${i.grantId}`]),
          ],
        },
      },
      ...wanted
        .filter((w) => w.entitlementIds.length)
        .map((w) => ({
          identityId: w.item.identity.id,
          entitlementId: { in: w.entitlementIds },
          kind: 'REMOVE_ENTITLEMENT' as const,
          createdAt: { gte: w.from },
        })),
    ],
  });
  for (const w of wanted) {
    // From the revocation on only: the grant's own creation planned operations under the same `grant:` ref.
    const mine = ops.filter(
      (o) =>
        o.createdAt >= w.from &&
        (o.causeRef === `review-item:${w.item.id}` ||
          o.causeRef === `grant:${w.item.grantId}` ||
          (o.identityId === w.item.identity.id &&
            (o.entitlementId === null || w.entitlementIds.includes(o.entitlementId)) &&
            (o.causeRef === `review:${campaignId}` || o.kind === 'REMOVE_ENTITLEMENT'))),
    );
    byItem.set(w.item.id, mine);
  }
  return byItem;
}

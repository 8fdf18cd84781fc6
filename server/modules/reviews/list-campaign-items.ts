import { z } from 'zod';
import type { TDb } from '@/server/db/client.ts';
import { pageCursorCodec } from '@/server/lib/page-cursor.ts';
import { roleRisk, ROLE_RISK_SELECT } from '@/server/lib/role-risk-query.ts';
import { campaignItemsWhere, type TCampaignItemsFilters } from './campaign-items-filters.ts';
import { loadRevocationProvisioning } from './revocation-provisioning.ts';
import { keptThroughText, otherGrantsHolding } from './held-through.ts';
import { formatDate } from '@/server/shared/format-date.ts';

/** Items sort by the person's name, then by id: a keyset that survives people sharing a name. */
export type TItemCursor = { name: string; id: string };
const itemCursors = pageCursorCodec('campaign items', z.object({ name: z.string().max(1000), id: z.uuid() }));
export const encodeItemCursor = (c: TItemCursor) => itemCursors.encode(c);
export const decodeItemCursor = (text: string): TItemCursor => itemCursors.decode(text);

/**
 * One page of a campaign's items, each with every decision at every stage (who, when, comment; a
 * decision with no decider is the campaign's own at the due date) and, for a revoked item, what
 * provisioning did in the target. The admin page, the auditor's report and its CSV all read this.
 */
export async function listCampaignItemsPage(
  db: TDb,
  campaignId: string,
  filters: TCampaignItemsFilters,
  page: { after: TItemCursor | null; limit: number },
) {
  const { after } = page;
  const rows = await db.reviewItem.findMany({
    where: {
      AND: [
        campaignItemsWhere(campaignId, filters),
        after
          ? {
              OR: [
                { identity: { displayName: { gt: after.name } } },
                { identity: { displayName: after.name }, id: { gt: after.id } },
              ],
            }
          : {},
      ],
    },
    orderBy: [{ identity: { displayName: 'asc' } }, { id: 'asc' }],
    take: page.limit,
    select: {
      id: true,
      grantId: true,
      stage: true,
      status: true,
      recommendation: true,
      decidedAt: true,
      revokedAt: true,
      escalatedAt: true,
      entitlementId: true,
      roleId: true,
      identity: { select: { id: true, displayName: true, username: true, department: true } },
      entitlement: {
        select: { id: true, name: true, risk: true, application: { select: { id: true, name: true } } },
      },
      role: { select: { id: true, name: true, ...ROLE_RISK_SELECT } },
      reviewer: { select: { id: true, displayName: true } },
      reviewerTeam: { select: { id: true, name: true } },
      grant: { select: { status: true, endedAt: true, revokeReason: true, revokedById: true } },
      decisions: {
        orderBy: [{ decidedAt: 'asc' }, { id: 'asc' }],
        select: {
          id: true,
          stage: true,
          decision: true,
          comment: true,
          decidedAt: true,
          decider: { select: { id: true, displayName: true } },
          reassignedTo: { select: { id: true, displayName: true } },
        },
      },
    },
  });
  const provisioning = await loadRevocationProvisioning(db, campaignId, rows);
  // What kept a revoked item's access: the other grants that gave it at the revocation.
  const kept = await otherGrantsHolding(
    db,
    rows.flatMap((r) =>
      r.status === 'REVOKED' && r.revokedAt
        ? [
            {
              grantId: r.grantId,
              identityId: r.identity.id,
              entitlementId: r.entitlementId,
              roleId: r.roleId,
              at: r.revokedAt,
            },
          ]
        : [],
    ),
  );
  const enders = new Map(
    (
      await db.identity.findMany({
        where: {
          id: {
            in: rows.flatMap((r) =>
              r.status === 'ENDED' && r.grant.revokedById ? [r.grant.revokedById] : [],
            ),
          },
        },
        select: { id: true, displayName: true },
      })
    ).map((p) => [p.id, p.displayName]),
  );
  return rows.map((r) => {
    const others = kept.get(r.grantId) ?? [];
    return {
      ...r,
      // A role shows the risk it is approved at (docs/decisions/112).
      role: r.role && { id: r.role.id, name: r.role.name, risk: roleRisk(r.role) },
      provisioning: provisioning.get(r.id) ?? [],
      keptThrough: others.length ? keptThroughText(others) : null,
      endedNote: r.status === 'ENDED' ? endedNote(r.grant, enders) : null,
    };
  });
}

/** Why an item closed by itself: "Grant revoked on 5 Dec 2026 by Mark Ng: Access review “Q1”…". */
function endedNote(
  g: { status: string; endedAt: Date | null; revokeReason: string | null; revokedById: string | null },
  names: Map<string, string>,
): string {
  const by = g.revokedById ? names.get(g.revokedById) : null;
  const on = g.endedAt ? ` on ${formatDate(g.endedAt)}` : '';
  return `Grant ${g.status.toLowerCase()}${on}${by ? ` by ${by}` : ''}${g.revokeReason ? `: ${g.revokeReason}` : ''}`;
}

export type TCampaignItemRow = Awaited<ReturnType<typeof listCampaignItemsPage>>[number];

/** How many items the filters keep, for "34 items". */
export const countCampaignItems = (db: TDb, campaignId: string, filters: TCampaignItemsFilters) =>
  db.reviewItem.count({ where: campaignItemsWhere(campaignId, filters) });

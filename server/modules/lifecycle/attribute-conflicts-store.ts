import type { TActor } from '@/server/auth/actor.ts';
import type { Prisma } from '@/server/db/client.ts';
import { recordAuditEvents } from '@/server/modules/audit/record-audit-event.ts';
import type { TAttributeTie, TConflictCandidate, TSettledTie } from './resolve-attributes.ts';

/** AttributeConflict.values: who says what, and (once decided) whose value applies. */
export type TConflictValues = { key: string; candidates: TConflictCandidate[]; chosenSourceId: string | null };

export type TExistingTies = { settled: Map<string, TSettledTie>; open: Array<{ id: string; attribute: string; key: string }> };

/** The latest decided-or-open tie per attribute for each person, and the open ones to supersede. */
export async function loadExistingTies(tx: Prisma.TransactionClient, identityIds: readonly string[]): Promise<Map<string, TExistingTies>> {
  const out = new Map<string, TExistingTies>();
  if (identityIds.length === 0) return out;
  const rows = await tx.attributeConflict.findMany({
    where: { identityId: { in: [...identityIds] }, status: { in: ['OPEN', 'RESOLVED'] } },
    orderBy: { createdAt: 'asc' },
    select: { id: true, identityId: true, attribute: true, values: true, status: true },
  });
  for (const r of rows) {
    const v = r.values as TConflictValues;
    const entry: TExistingTies = out.get(r.identityId) ?? { settled: new Map(), open: [] };
    entry.settled.set(r.attribute, { key: v.key, chosenSourceId: r.status === 'RESOLVED' ? v.chosenSourceId : null });
    if (r.status === 'OPEN') entry.open.push({ id: r.id, attribute: r.attribute, key: v.key });
    out.set(r.identityId, entry);
  }
  return out;
}

/**
 * Queues new ties for the identity team and retires open ones that no longer hold (the sources agree
 * again, or disagree differently).
 */
export async function recordTies(
  tx: Prisma.TransactionClient,
  perIdentity: Array<{ identityId: string; ties: Array<TAttributeTie & { isNew: boolean }>; existing: TExistingTies | undefined }>,
  actor: TActor,
): Promise<void> {
  const create: Prisma.AttributeConflictCreateManyInput[] = [];
  const supersede: string[] = [];
  for (const { identityId, ties, existing } of perIdentity) {
    const current = new Set(ties.map((t) => `${t.attribute}\u0000${t.key}`));
    for (const o of existing?.open ?? []) if (!current.has(`${o.attribute}\u0000${o.key}`)) supersede.push(o.id);
    for (const t of ties.filter((x) => x.isNew)) {
      const values: TConflictValues = { key: t.key, candidates: t.candidates, chosenSourceId: null };
      create.push({ id: crypto.randomUUID(), identityId, attribute: t.attribute, values: values as unknown as Prisma.InputJsonValue });
    }
  }
  if (supersede.length) await tx.attributeConflict.updateMany({ where: { id: { in: supersede }, status: 'OPEN' }, data: { status: 'SUPERSEDED' } });
  if (create.length) {
    await tx.attributeConflict.createMany({ data: create });
    await recordAuditEvents(
      tx,
      create.map((c) => ({
        actor,
        action: 'identity.attribute_conflict',
        entityType: 'AttributeConflict',
        entityId: c.id!,
        subjectId: c.identityId,
        after: { attribute: c.attribute, candidates: (c.values as unknown as TConflictValues).candidates },
      })),
    );
  }
}

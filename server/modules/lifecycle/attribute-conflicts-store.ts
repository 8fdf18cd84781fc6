import type { TActor } from '@/server/auth/actor.ts';
import type { Prisma } from '@/server/db/client.ts';
import { recordAuditEvents } from '@/server/modules/audit/index.ts';
import type { TAttributeTie, TConflictCandidate, TSettledTie } from './resolve-attributes.ts';

/** AttributeConflict.values: who says what, and (once decided) whose value applies. */
export type TConflictValues = {
  key: string;
  candidates: TConflictCandidate[];
  chosenSourceId: string | null;
};

export type TExistingTies = {
  settled: Map<string, TSettledTie>;
  open: Array<{ id: string; attribute: string; key: string }>;
};

/** The key of an unresolved manager reference's conflict; it is no tie between sources. */
const UNRESOLVED_MANAGER = 'unresolved-manager:';
export const unresolvedManagerKey = (reference: string) => `${UNRESOLVED_MANAGER}${reference}`;

/** The latest decided-or-open tie per attribute for each person, and the open ones to supersede. */
export async function loadExistingTies(
  tx: Prisma.TransactionClient,
  identityIds: readonly string[],
): Promise<Map<string, TExistingTies>> {
  const out = new Map<string, TExistingTies>();
  if (identityIds.length === 0) return out;
  const rows = await tx.attributeConflict.findMany({
    where: { identityId: { in: [...identityIds] }, status: { in: ['OPEN', 'RESOLVED'] } },
    orderBy: { createdAt: 'asc' },
    select: { id: true, identityId: true, attribute: true, values: true, status: true },
  });
  for (const r of rows) {
    const v = r.values as TConflictValues;
    if (v.key.startsWith(UNRESOLVED_MANAGER)) continue;
    const entry: TExistingTies = out.get(r.identityId) ?? { settled: new Map(), open: [] };
    entry.settled.set(r.attribute, {
      key: v.key,
      chosenSourceId: r.status === 'RESOLVED' ? v.chosenSourceId : null,
    });
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
  perIdentity: Array<{
    identityId: string;
    ties: Array<TAttributeTie & { isNew: boolean }>;
    existing: TExistingTies | undefined;
  }>,
  actor: TActor,
): Promise<void> {
  const create: Prisma.AttributeConflictCreateManyInput[] = [];
  const supersede: string[] = [];
  for (const { identityId, ties, existing } of perIdentity) {
    const current = new Set(ties.map((t) => `${t.attribute}\u0000${t.key}`));
    for (const o of existing?.open ?? [])
      if (!current.has(`${o.attribute}\u0000${o.key}`)) supersede.push(o.id);
    for (const t of ties.filter((x) => x.isNew)) {
      const values: TConflictValues = { key: t.key, candidates: t.candidates, chosenSourceId: null };
      create.push({
        id: crypto.randomUUID(),
        identityId,
        attribute: t.attribute,
        values: values as unknown as Prisma.InputJsonValue,
      });
    }
  }
  if (supersede.length)
    await tx.attributeConflict.updateMany({
      where: { id: { in: supersede }, status: 'OPEN' },
      data: { status: 'SUPERSEDED' },
    });
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

/**
 * A manager reference nobody matches yet stays visible as an open `manager` conflict of the person
 * (the source and what it said), one per reference however often the source repeats it; it is
 * superseded once the manager resolves or the source says something else. One the team has marked
 * resolved is not raised again for the same reference.
 */
export async function recordUnresolvedManagers(
  tx: Prisma.TransactionClient,
  people: ReadonlyArray<{ identityId: string; unresolved: TConflictCandidate | null }>,
  actor: TActor,
): Promise<void> {
  if (people.length === 0) return;
  const existing = await tx.$queryRaw<Array<{ id: string; identityId: string; status: string; key: string }>>`
    SELECT id::text, "identityId"::text AS "identityId", status, "values"->>'key' AS key FROM "AttributeConflict"
     WHERE "identityId" = ANY(${people.map((p) => p.identityId)}::uuid[]) AND attribute = 'manager'
       AND status IN ('OPEN', 'RESOLVED') AND starts_with("values"->>'key', ${UNRESOLVED_MANAGER})`;
  const supersede: string[] = [];
  const create: Prisma.AttributeConflictCreateManyInput[] = [];
  for (const { identityId, unresolved } of people) {
    const key = unresolved ? unresolvedManagerKey(String(unresolved.value)) : null;
    const mine = existing.filter((e) => e.identityId === identityId);
    supersede.push(...mine.filter((e) => e.status === 'OPEN' && e.key !== key).map((e) => e.id));
    if (key && unresolved && !mine.some((e) => e.key === key)) {
      const values: TConflictValues = { key, candidates: [unresolved], chosenSourceId: null };
      create.push({
        id: crypto.randomUUID(),
        identityId,
        attribute: 'manager',
        values: values as unknown as Prisma.InputJsonValue,
      });
    }
  }
  if (supersede.length)
    await tx.attributeConflict.updateMany({
      where: { id: { in: supersede }, status: 'OPEN' },
      data: { status: 'SUPERSEDED' },
    });
  if (create.length) {
    await tx.attributeConflict.createMany({ data: create });
    await recordAuditEvents(
      tx,
      create.map((c) => ({
        actor,
        action: 'identity.manager_unresolved',
        entityType: 'AttributeConflict',
        entityId: c.id!,
        subjectId: c.identityId,
        after: { attribute: 'manager', candidates: (c.values as unknown as TConflictValues).candidates },
      })),
    );
  }
}

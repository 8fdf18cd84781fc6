import type { TActor } from '@/server/auth/actor.ts';
import type { Prisma } from '@/server/db/client.ts';
import { recordAuditEvents } from '@/server/modules/audit/index.ts';

/** CorrelationCase.record: the source's view of the person (SourceRecord.data form) and why it waits. */
export type TCaseRecord = { externalId: string; data: Record<string, unknown>; reason: string };

export type TPendingCorrelation = {
  externalId: string;
  record: Record<string, unknown>;
  candidateIds: string[];
  reason: string;
};

/**
 * Queues records no rule could place for a person to decide. One open case per source record: a
 * later sync of the same record refreshes the case instead of adding another.
 */
export async function queueCorrelationCases(
  tx: Prisma.TransactionClient,
  sourceId: string,
  pending: readonly TPendingCorrelation[],
  actor: TActor,
): Promise<void> {
  if (pending.length === 0) return;
  const open = await tx.correlationCase.findMany({
    where: { sourceId, status: 'OPEN', externalId: { in: pending.map((p) => p.externalId) } },
    select: { id: true, externalId: true },
  });
  const openByExternalId = new Map(open.map((o) => [o.externalId, o.id]));
  const create: Prisma.CorrelationCaseCreateManyInput[] = [];
  const refresh: Array<{ id: string; record: TCaseRecord; candidateIds: string[] }> = [];
  for (const p of pending) {
    const record: TCaseRecord = { externalId: p.externalId, data: p.record, reason: p.reason };
    const id = openByExternalId.get(p.externalId);
    if (id) refresh.push({ id, record, candidateIds: p.candidateIds });
    else
      create.push({
        id: crypto.randomUUID(),
        sourceId,
        externalId: p.externalId,
        record: record as Prisma.InputJsonValue,
        candidateIds: p.candidateIds,
      });
  }
  // Every sync of a source that still has unplaced records refreshes all their cases: one statement,
  // not one UPDATE per open case.
  if (refresh.length) {
    await tx.$executeRaw`
      UPDATE "CorrelationCase" c SET record = u.record, "candidateIds" = u."candidateIds"
        FROM jsonb_to_recordset(${JSON.stringify(refresh)}::jsonb) AS u(id uuid, record jsonb, "candidateIds" text[])
       WHERE c.id = u.id`;
  }
  if (create.length) {
    await tx.correlationCase.createMany({ data: create });
    await recordAuditEvents(
      tx,
      create.map((c) => ({
        actor,
        action: 'correlation.queued',
        entityType: 'CorrelationCase',
        entityId: c.id!,
        after: {
          externalId: c.externalId,
          candidates: c.candidateIds,
          reason: (c.record as TCaseRecord).reason,
        },
      })),
    );
  }
}

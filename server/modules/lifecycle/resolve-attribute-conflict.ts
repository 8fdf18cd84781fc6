import type { TUserActor } from '@/server/auth/actor.ts';
import { inTransaction, type Prisma, type TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { selfDecisionError } from '@/server/lib/self-decision.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import type { TConflictValues } from './attribute-conflicts-store.ts';
import { ingestBatch } from './ingest-batch.ts';
import { ZSourceRecord } from './source-record.ts';

/**
 * The identity team settles a tie: the chosen source's value applies, now and on later syncs while
 * the sources keep saying the same things. The chosen source's record is re-applied through the
 * ingestion path, so a change that follows (a mover) is handled like any other. Nobody settles a
 * tie on their own record.
 */
export async function resolveAttributeConflict(
  db: TDb,
  actor: TUserActor,
  input: { conflictId: string; sourceId: string },
  deps: { queue: TJobQueue; now?: Date },
): Promise<{ status: 'RESOLVED' }> {
  const now = deps.now ?? new Date();
  return inTransaction(
    db,
    async (tx) => {
      const [row] = await tx.$queryRaw<
        Array<{ id: string; status: string; identityId: string; attribute: string; values: TConflictValues }>
      >`
        SELECT id::text, status, "identityId"::text AS "identityId", attribute, "values" FROM "AttributeConflict" WHERE id = ${input.conflictId}::uuid FOR UPDATE`;
      if (!row) throw new AppError('NOT_FOUND', 'No such conflict');
      // Choosing the value of one's own department or manager is editing one's own record (editPerson).
      if (row.identityId === actor.identityId)
        throw selfDecisionError('settle a tie on your own record', 'another member of the identity team');
      if (row.status !== 'OPEN') throw new AppError('CONFLICT', 'This conflict is no longer open');
      const chosen = row.values.candidates.find((c) => c.sourceId === input.sourceId);
      if (!chosen)
        throw new AppError('INVALID_INPUT', 'Choose one of the sources in conflict', { field: 'sourceId' });
      const values: TConflictValues = { ...row.values, chosenSourceId: input.sourceId };
      await tx.attributeConflict.update({
        where: { id: row.id },
        data: {
          status: 'RESOLVED',
          values: values as unknown as Prisma.InputJsonValue,
          resolvedById: actor.identityId,
          resolvedAt: now,
        },
      });
      await recordAuditEvent(tx, {
        actor,
        action: 'identity.attribute_conflict_resolved',
        entityType: 'AttributeConflict',
        entityId: row.id,
        subjectId: row.identityId,
        after: { attribute: row.attribute, source: chosen.sourceName, value: chosen.value },
      });
      const record = await tx.sourceRecord.findFirst({
        where: { sourceId: input.sourceId, identityId: row.identityId },
        select: { externalId: true, data: true, source: { select: { kind: true } } },
      });
      if (record) {
        const parsed = ZSourceRecord.parse({ ...(record.data as object), externalId: record.externalId });
        await ingestBatch(tx, { id: input.sourceId, origin: record.source.kind }, [parsed], {
          queue: deps.queue,
          now,
          actor,
          force: true,
          ref: `attribute-conflict:${row.id}`,
        });
      }
      return { status: 'RESOLVED' as const };
    },
    { timeout: 60_000, isRepeatable: true },
  );
}

import type { TUserActor } from '@/server/auth/actor.ts';
import { inTransaction, type Prisma, type TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { selfDecisionError } from '@/server/lib/self-decision.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import type { TCaseRecord } from './correlation-cases-store.ts';
import { loadIdentityRows, updateIdentityRows } from './identity-store.ts';
import { ingestBatch } from './ingest-batch.ts';
import { settleLifecycleChanges } from './settle-lifecycle-changes.ts';
import { ZSourceRecord } from './source-record.ts';

export type TCorrelationDecision =
  { kind: 'LINK'; identityId: string } | { kind: 'CREATE' } | { kind: 'DISMISS' };

/**
 * A person decides a queued record: link it to one of the candidates (or anyone), make it a new
 * person, or dismiss it. Linking and creating run the record through the ingestion path with the
 * decision, in the same transaction as closing the case. Nobody places a record on themselves.
 */
export async function resolveCorrelationCase(
  db: TDb,
  actor: TUserActor,
  input: { caseId: string; decision: TCorrelationDecision },
  deps: { queue: TJobQueue; now?: Date },
): Promise<{ status: string; identityId: string | null }> {
  const now = deps.now ?? new Date();
  return inTransaction(
    db,
    async (tx) => {
      const [row] = await tx.$queryRaw<
        Array<{ id: string; status: string; sourceId: string; externalId: string; record: TCaseRecord }>
      >`
        SELECT id::text, status, "sourceId"::text AS "sourceId", "externalId", record FROM "CorrelationCase" WHERE id = ${input.caseId}::uuid FOR UPDATE`;
      if (!row) throw new AppError('NOT_FOUND', 'No such correlation case');
      if (row.status !== 'OPEN') throw new AppError('CONFLICT', 'This case has already been decided');
      const source = await tx.identitySource.findUniqueOrThrow({
        where: { id: row.sourceId },
        select: { id: true, kind: true },
      });
      let identityId: string | null = null;
      let detached: string[] = [];
      if (input.decision.kind !== 'DISMISS') {
        // An IdP's User is placed as a person of its own while the case waits (docs/decisions/042), and
        // its later writes go to that record, not to the case: what the source says now is the record.
        const placedAs = await tx.sourceRecord.findUnique({
          where: { sourceId_externalId: { sourceId: source.id, externalId: row.externalId } },
          select: { identityId: true, data: true },
        });
        const current = (placedAs?.data as Record<string, unknown> | undefined) ?? row.record.data;
        const parsed = ZSourceRecord.safeParse({ ...current, externalId: row.externalId });
        if (!parsed.success)
          throw new AppError(
            'INVALID_INPUT',
            `The queued record cannot be read: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
          );
        const record = parsed.data;
        // Placing a source's record on oneself writes its department, manager or status into one's own
        // record: editing it, which editPerson refuses too. So is moving one's own placed record to
        // someone else: it detaches a source from one's record and can end one's placeholder.
        const onto = input.decision.kind === 'LINK' ? input.decision.identityId : placedAs?.identityId;
        if (onto === actor.identityId || placedAs?.identityId === actor.identityId)
          throw selfDecisionError(
            'place a source record on your own or move one placed as you',
            'another member of the identity team',
          );
        if (input.decision.kind === 'LINK') {
          const target = await tx.identity.findUnique({
            where: { id: input.decision.identityId },
            select: { id: true },
          });
          if (!target) throw new AppError('NOT_FOUND', 'No such person to link to');
        } else if (!placedAs?.identityId) {
          const clash = await tx.identity.findFirst({
            where: {
              OR: [
                ...(record.employeeNumber ? [{ employeeNumber: record.employeeNumber }] : []),
                ...(record.email ? [{ email: { equals: record.email, mode: 'insensitive' as const } }] : []),
              ],
            },
            select: { displayName: true },
          });
          if (clash)
            throw new AppError(
              'CONFLICT',
              `${clash.displayName} already has this employee number or email: link the record to them instead`,
            );
        }
        // A new person, for a placed record, is the person it was placed as (contested values stay withheld).
        const decision =
          input.decision.kind === 'LINK' ? input.decision.identityId : (placedAs?.identityId ?? 'new');
        const [outcome] = await ingestBatch(tx, { id: source.id, origin: source.kind }, [record], {
          queue: deps.queue,
          now,
          actor,
          ref: `correlation-case:${row.id}`,
          decisions: new Map([[row.externalId, decision]]),
        });
        identityId = outcome?.identityId ?? null;
        if (!identityId)
          throw new AppError(
            'CONFLICT',
            'The record could not be placed: another record of the same sync claims this person',
          );
        detached = await detachOtherRecordsOfSource(tx, source.id, identityId, row.externalId);
        if (placedAs?.identityId && placedAs.identityId !== identityId) {
          await retireEmptyPlaceholder(tx, placedAs.identityId, {
            actor,
            now,
            queue: deps.queue,
            ref: `correlation-case:${row.id}`,
            mergedInto: identityId,
          });
        }
      }
      const status = input.decision.kind === 'DISMISS' ? 'DISMISSED' : 'RESOLVED';
      await tx.correlationCase.update({
        where: { id: row.id },
        data: { status, resolvedIdentityId: identityId, resolvedById: actor.identityId, resolvedAt: now },
      });
      await recordAuditEvent(tx, {
        actor,
        action: 'correlation.decided',
        entityType: 'CorrelationCase',
        entityId: row.id,
        subjectId: identityId,
        before: { status: 'OPEN' },
        after: {
          status,
          decision: input.decision.kind,
          identityId,
          ...(detached.length ? { detachedRecords: detached } : {}),
        },
      });
      return { status, identityId };
    },
    { timeout: 60_000, isRepeatable: true },
  );
}

/**
 * A person holds one record per source: the one just linked speaks for them now. An older record of
 * the same source (HR re-keyed the person) is detached, not deleted, so it stays where it came from;
 * left attached, a snapshot sync that no longer lists it would count the person as a leaver.
 */
async function detachOtherRecordsOfSource(
  tx: Prisma.TransactionClient,
  sourceId: string,
  identityId: string,
  externalId: string,
): Promise<string[]> {
  const rows = await tx.$queryRaw<Array<{ externalId: string }>>`
    UPDATE "SourceRecord" SET "identityId" = NULL
     WHERE "sourceId" = ${sourceId}::uuid AND "identityId" = ${identityId}::uuid AND "externalId" <> ${externalId}
    RETURNING "externalId"`;
  return rows.map((r) => r.externalId);
}

/**
 * The person a placed record was linked away from: when no source speaks for them any more, they were
 * only ever that record's placeholder, and they leave (sessions end, the kill switch runs, their access
 * is taken away through the lifecycle like any leaver). A person another source still holds stays.
 */
async function retireEmptyPlaceholder(
  tx: Prisma.TransactionClient,
  identityId: string,
  ctx: { actor: TUserActor; now: Date; queue: TJobQueue; ref: string; mergedInto: string },
): Promise<void> {
  if ((await tx.sourceRecord.count({ where: { identityId } })) > 0) return;
  const before = (await loadIdentityRows(tx, [identityId])).get(identityId);
  if (!before || before.status === 'TERMINATED') return;
  const after = { ...before, status: 'TERMINATED' as const, terminatedAt: ctx.now };
  await updateIdentityRows(tx, [after]);
  const { events } = await settleLifecycleChanges(tx, [{ before, after }], {
    actor: ctx.actor,
    now: ctx.now,
    ref: ctx.ref,
    queue: ctx.queue,
  });
  await recordAuditEvent(tx, {
    actor: ctx.actor,
    action: 'identity.retired',
    entityType: 'Identity',
    entityId: identityId,
    subjectId: identityId,
    before: { status: before.status },
    after: { status: 'TERMINATED' },
    metadata: {
      reason: 'its only source record was linked to another person',
      mergedInto: ctx.mergedInto,
      events: events.get(identityId) ?? [],
    },
  });
}

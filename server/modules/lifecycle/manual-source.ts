import crypto from 'node:crypto';
import type { TUserActor } from '@/server/auth/actor.ts';
import type { Prisma, TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { ingestBatch } from './ingest-batch.ts';
import { overLongField, type TIngestOutcome, type TSourceRecord } from './source-record.ts';

/**
 * What the identity team enters by hand is a source like any other (docs/decisions/067): one record
 * per person, ranked below HR and the IdP (they own what they say) and above a sign-in's claims.
 * Its status outranks every source: a suspension or a "terminate now" by hand is not undone by the
 * next HR file still calling the person active; only the identity team lifts it.
 * It is of kind SCIM, as the sign-in source is, because nothing runs it; `manual` keeps it out of
 * the SCIM token form.
 */
export const MANUAL_SOURCE = {
  key: 'gatehouse-manual',
  name: 'Gatehouse (entered by hand)',
  precedence: 500,
  config: { manual: true, attributePrecedence: { status: 0 } },
} as const;

/** The identity origin of people created by hand (originLabel: "Added by the identity team"). */
export const MANUAL_ORIGIN = 'ADMIN';

export async function ensureManualSource(db: TDb): Promise<{ id: string; precedence: number }> {
  return db.identitySource.upsert({
    where: { key: MANUAL_SOURCE.key },
    create: { ...MANUAL_SOURCE, kind: 'SCIM' },
    update: {},
    select: { id: true, precedence: true },
  });
}

export const isManualSource = (source: { config: unknown }) =>
  (source.config as { manual?: unknown } | null)?.manual === true;

/**
 * Writes the identity team's record about one person (a new one when `identityId` is null) through
 * the one ingestion path, in the caller's transaction: precedence, JML events, the kill switch,
 * birthright and planAccess follow as for any source. The record is linked to the person by
 * decision, never by correlation, so a hand-made person is never matched to someone else by email.
 */
export async function writeManualRecord(
  tx: Prisma.TransactionClient,
  actor: TUserActor,
  identityId: string | null,
  record: Omit<TSourceRecord, 'externalId'>,
  deps: { queue: TJobQueue; now: Date },
): Promise<TIngestOutcome> {
  const source = await ensureManualSource(tx);
  const existing = identityId
    ? await tx.sourceRecord.findFirst({
        where: { sourceId: source.id, identityId },
        select: { externalId: true },
      })
    : null;
  const externalId = existing?.externalId ?? identityId ?? crypto.randomUUID();
  const full: TSourceRecord = { ...record, externalId };
  const over = overLongField(full);
  if (over) throw new AppError('INVALID_INPUT', over, { field: over.split(':')[0] });
  const [outcome] = await ingestBatch(tx, { id: source.id, origin: MANUAL_ORIGIN }, [full], {
    queue: deps.queue,
    now: deps.now,
    actor,
    ref: `identity-team:${actor.identityId}`,
    decisions: new Map([[externalId, identityId ?? 'new']]),
  });
  if (!outcome?.identityId) throw new AppError('CONFLICT', 'The record could not be placed; try again');
  return outcome;
}

import { inItemTransaction, type TDb } from '@/server/db/client.ts';
import { isUniqueViolation } from '@/server/db/errors.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { ingestBatch, type TIngestDeps, type TIngestSource } from './ingest-batch.ts';
import { overLongField, type TIngestOutcome, type TSourceRecord } from './source-record.ts';

export type { TIngestDeps, TIngestSource };

/** How long an ingestion's transaction may wait and run; a caller that opens the transaction it joins gives it these. */
export const INGEST_TRANSACTION_LIMITS = { timeout: 300_000, maxWait: 30_000 } as const;

/**
 * Brings authoritative-source records into the identity repository in one transaction: correlate
 * each to an identity (the source's own link, then the source's correlation rules; ambiguity goes to
 * the correlation queue, never to a duplicate), settle each attribute by precedence across sources,
 * create or update the people, classify joiner / mover / leaver / rehire, pull the kill switch for
 * leavers, then recompute birthright and plan access for everyone touched. Every source (HR CSV, HR
 * database, SCIM, just-in-time sign-in) comes through here; large syncs call it once per batch.
 */
export async function ingestSourceRecords(
  db: TDb,
  source: TIngestSource,
  records: TSourceRecord[],
  deps: TIngestDeps,
): Promise<TIngestOutcome[]> {
  if (records.length === 0) return [];
  // SCIM and HR refuse such a record at their edge; this catches any caller that did not (sign-in claims).
  for (const r of records) {
    const over = overLongField(r);
    if (over) throw new AppError('INVALID_INPUT', `${r.externalId}: ${over}`, { field: over.split(':')[0] });
  }
  for (let attempt = 1; ; attempt++) {
    try {
      // On a savepoint when the caller has a transaction: the unique violation must not abort it, or the retry fails.
      return await inItemTransaction(db, (tx) => ingestBatch(tx, source, records, deps), {
        ...INGEST_TRANSACTION_LIMITS,
        // An IdP's burst or two HR batches side by side can deadlock; ingestion writes only the database.
        isRepeatable: true,
      });
    } catch (error) {
      // Someone else created one of these people between our lookup and our insert: correlate again.
      if (attempt < 3 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

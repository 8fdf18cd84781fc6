// The public surface of lifecycle: what other modules, routers, jobs and route handlers may import.
// Everything else in this folder is its own (dependency-cruiser `modules-import-public-surfaces`).
export { attributeOwners } from './attribute-owners.ts';
export { type TViewAttribute } from './attribute-view.ts';
export { buildCandidateIndex } from './correlate-records.ts';
export {
  CORRELATION_ATTRIBUTES,
  correlateRecord,
  correlationKeys,
  type TCorrelationKeys,
  type TCorrelationRule,
} from './correlation-rules.ts';
export { loadIdentityRows } from './identity-store.ts';
export { sourceRecordHash } from './ingest-batch.ts';
export { ingestSourceRecords } from './ingest-source-records.ts';
export { listAttributeConflicts, listCorrelationCases } from './list-lifecycle-queues.ts';
export { ensureManualSource, isManualSource, writeManualRecord } from './manual-source.ts';
export { resolveAttributeConflict } from './resolve-attribute-conflict.ts';
export { resolveCorrelationCase } from './resolve-correlation-case.ts';
export { runLifecycleSweep } from './run-lifecycle-sweep.ts';
export { settleLifecycleChanges } from './settle-lifecycle-changes.ts';
export {
  ZSourceRecord,
  type TIngestOutcome,
  type TLifecycleEvent,
  type TSourceRecord,
} from './source-record.ts';
export { ZLifecycleSettings } from './source-settings.ts';

// The public surface of lifecycle: what other modules, routers, jobs, route handlers and tests outside it
// may import (dependency-cruiser `modules-import-public-surfaces`); its other files are its own.
// Order matters: files that reach no other module come first, then each file after the files it
// imports, so that what a file reads at load time (a zod schema, a constant) has been evaluated. No
// module imports another in a cycle any more (no-cycles-between-modules, docs/decisions/097).
export { type TViewAttribute } from './attribute-view.ts';
export {
  CORRELATION_ATTRIBUTES,
  correlateRecord,
  correlationKeys,
  type TCorrelationKeys,
  type TCorrelationRule,
} from './correlation-rules.ts';
export { buildCandidateIndex } from './correlate-records.ts';
export { ZLifecycleSettings } from './source-settings.ts';
export { loadIdentityRows } from './identity-store.ts';
export {
  ZSourceRecord,
  type TIngestOutcome,
  type TLifecycleEvent,
  type TSourceRecord,
} from './source-record.ts';
export { applyKillSwitch } from './apply-kill-switch.ts';
export { settleLifecycleChanges } from './settle-lifecycle-changes.ts';
export { sourceRecordHash } from './ingest-batch.ts';
export { ensureManualSource, isManualSource, writeManualRecord } from './manual-source.ts';
export { attributeOwners } from './attribute-owners.ts';
export { INGEST_TRANSACTION_LIMITS, ingestSourceRecords } from './ingest-source-records.ts';
export { listAttributeConflicts, listCorrelationCases } from './list-lifecycle-queues.ts';
export { resolveAttributeConflict } from './resolve-attribute-conflict.ts';
export { resolveCorrelationCase } from './resolve-correlation-case.ts';
export { runLifecycleSweep } from './run-lifecycle-sweep.ts';
export { createPerson } from './create-person.ts';
export { editPerson } from './edit-person.ts';
export { getIdentityDetail } from './get-identity-detail.ts';
export { resolveSignIn, signedInIdentity } from './resolve-sign-in.ts';
export { setPersonStatus } from './set-person-status.ts';

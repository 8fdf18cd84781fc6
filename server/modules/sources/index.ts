// The public surface of sources: what other modules, routers, jobs, route handlers and tests outside it
// may import (dependency-cruiser `modules-import-public-surfaces`); its other files are its own.
// Order matters: files that reach no other module come first, then each file after the files it
// imports, so that what a file reads at load time (a zod schema, a constant) has been evaluated. No
// module imports another in a cycle any more (no-cycles-between-modules, docs/decisions/097).
export { syncSourceSchedules, type TSourceScheduler } from './source-schedules.ts';
export {
  STAGED_CHUNK_BYTES,
  STAGED_FILE_RETENTION_MS,
  readStagedFile,
  sweepStagedFiles,
} from './staged-files.ts';
export { decideHeldRun } from './decide-held-run.ts';
export { parseSourceConfig, ZSourceConfig } from './source-config.ts';
export { getSource, getSourceRun, listSources } from './list-sources.ts';
export { listUnlisted, validateSource } from './validate-source.ts';
export { sourceReaderFor } from './source-reader-for.ts';
export { runSource } from './run-source.ts';
export { closeInterruptedSourceRuns, dropFailedRunlessJobs } from './close-interrupted-runs.ts';
export { startSourceRun } from './start-source-run.ts';
export { watchSourceFolders } from './watch-source-folders.ts';
export { runDatabaseSource, runScheduledSource } from './run-scheduled-source.ts';
export { runSourceNow } from './run-source-now.ts';
export { saveSource } from './save-source.ts';

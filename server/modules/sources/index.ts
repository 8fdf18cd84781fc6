// The public surface of sources: what other modules, routers, jobs and route handlers may import.
// Everything else in this folder is its own (dependency-cruiser `modules-import-public-surfaces`).
export { decideHeldRun } from './decide-held-run.ts';
export { getSource, getSourceRun, listSources } from './list-sources.ts';
export { runScheduledSource } from './run-scheduled-source.ts';
export { runSourceNow } from './run-source-now.ts';
export { runSource } from './run-source.ts';
export { saveSource } from './save-source.ts';
export { ZSourceConfig } from './source-config.ts';
export { syncSourceSchedules, type TSourceScheduler } from './source-schedules.ts';
export {
  STAGED_CHUNK_BYTES,
  STAGED_FILE_RETENTION_MS,
  readStagedFile,
  sweepStagedFiles,
} from './staged-files.ts';
export { startSourceRun } from './start-source-run.ts';
export { listUnlisted } from './validate-source.ts';
export { watchSourceFolders } from './watch-source-folders.ts';

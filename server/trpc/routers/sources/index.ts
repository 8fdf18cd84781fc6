import { router } from '../../init.ts';
import { decideHeldRun } from './decide-held-run.ts';
import { getSourceRun } from './get-source-run.ts';
import { getSource } from './get-source.ts';
import { listSources } from './list-sources.ts';
import { runSourceNow } from './run-source-now.ts';
import { saveSource } from './save-source.ts';

export const sourcesRouter = router({
  list: listSources,
  get: getSource,
  save: saveSource,
  runNow: runSourceNow,
  getRun: getSourceRun,
  decideRun: decideHeldRun,
});

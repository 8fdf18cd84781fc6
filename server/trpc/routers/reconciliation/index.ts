import { router } from '../../init.ts';
import { resyncPerson } from './resync-person.ts';
import { runNow } from './run-now.ts';

export const reconciliationRouter = router({
  // Runs (recon-engine)
  runNow,
  resyncPerson,
});

import { router } from '../../init.ts';
import { decideHeldDeactivations } from './decide-held-deactivations.ts';
import { getSettings } from './get-settings.ts';
import { listHeldDeactivations } from './list-held-deactivations.ts';
import { saveSettings } from './save-settings.ts';

export const massChangeRouter = router({
  getSettings,
  saveSettings,
  listHeldDeactivations,
  decideHeldDeactivations,
});

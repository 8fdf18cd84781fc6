import { router } from '../../init.ts';
import { getSettings } from './get-settings.ts';
import { saveSettings } from './save-settings.ts';

export const massChangeRouter = router({ getSettings, saveSettings });

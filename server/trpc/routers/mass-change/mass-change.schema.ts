import { ZMassChangeSettings } from '@/server/modules/mass-change/mass-change-settings.ts';

export const ZMassChangeSettingsInput = ZMassChangeSettings;
export const ZMassChangeSettingsOutput = ZMassChangeSettings.required();

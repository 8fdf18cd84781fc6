import { ZMassChangeSettings } from '@/server/modules/mass-change/index.ts';

export const ZMassChangeSettingsInput = ZMassChangeSettings;
export const ZMassChangeSettingsOutput = ZMassChangeSettings.required();

import { saveMassChangeSettings } from '@/server/modules/mass-change/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZMassChangeSettingsInput, ZMassChangeSettingsOutput } from './mass-change.schema.ts';

export const saveSettings = permissionProcedure('admin.massChange.manage')
  .input(ZMassChangeSettingsInput)
  .output(ZMassChangeSettingsOutput)
  .mutation(({ ctx, input }) => saveMassChangeSettings(ctx.db, ctx.actor, input));

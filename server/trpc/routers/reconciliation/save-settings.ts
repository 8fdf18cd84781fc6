import { saveReconciliationSettings } from '@/server/modules/reconciliation/save-reconciliation-settings.ts';
import { permissionProcedure } from '../../init.ts';
import { ZSaveSettingsInput, ZSettingsOutput } from './settings.schema.ts';

/** Saves an application's reconciliation settings (audited with before and after). */
export const saveSettings = permissionProcedure('reconciliation.manage')
  .input(ZSaveSettingsInput)
  .output(ZSettingsOutput)
  .mutation(({ ctx, input }) => saveReconciliationSettings(ctx.db, ctx.actor, input));

import { saveReconciliationSettings } from '@/server/modules/reconciliation/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZSaveSettingsInput, ZSettingsOutput } from './settings.schema.ts';

/**
 * Saves an application's reconciliation settings (audited with before and after), then puts the
 * queue's reconciliation and aggregation schedules in step with them at once, not at the worker's
 * next start.
 */
export const saveSettings = permissionProcedure('reconciliation.manage')
  .input(ZSaveSettingsInput)
  .output(ZSettingsOutput)
  .mutation(async ({ ctx, input }) => {
    const saved = await saveReconciliationSettings(ctx.db, ctx.actor, input);
    await ctx.queueAdmin.syncApplicationSchedules(ctx.db);
    return saved;
  });

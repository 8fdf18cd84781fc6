import { syncAggregationSchedules } from '@/server/modules/catalog/aggregation-schedules.ts';
import { syncReconciliationSchedules } from '@/server/modules/reconciliation/reconciliation-schedules.ts';
import { saveReconciliationSettings } from '@/server/modules/reconciliation/save-reconciliation-settings.ts';
import { createAggregationScheduler } from '@/server/queue/aggregation-scheduler.ts';
import { getWebBoss } from '@/server/queue/boss.ts';
import { createReconciliationScheduler } from '@/server/queue/reconciliation-scheduler.ts';
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
    const boss = await getWebBoss();
    await syncReconciliationSchedules(ctx.db, createReconciliationScheduler(boss));
    await syncAggregationSchedules(ctx.db, createAggregationScheduler(boss));
    return saved;
  });

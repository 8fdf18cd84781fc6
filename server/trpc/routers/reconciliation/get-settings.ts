import { getReconciliationSettings } from '@/server/modules/reconciliation/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZGetSettingsInput, ZSettingsOutput } from './settings.schema.ts';

/** An application's reconciliation settings as they apply (defaults for what was never saved). */
export const getSettings = permissionProcedure('reconciliation.read')
  .input(ZGetSettingsInput)
  .output(ZSettingsOutput)
  .query(({ ctx, input }) => getReconciliationSettings(ctx.db, input));

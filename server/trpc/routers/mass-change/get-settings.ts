import { getMassChangeSettings } from '@/server/modules/mass-change/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZMassChangeSettingsOutput } from './mass-change.schema.ts';

/** The guard's share and minimum, for the editors' wording and its settings form. */
export const getSettings = permissionProcedure('admin.catalog.manage')
  .output(ZMassChangeSettingsOutput)
  .query(({ ctx }) => getMassChangeSettings(ctx.db));

import { getSlackSettings } from '@/server/modules/slack/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZSlackSettingsOutput } from './slack-settings.schema.ts';

export const getSlackSettingsProcedure = permissionProcedure('admin.slack.manage')
  .output(ZSlackSettingsOutput)
  .query(({ ctx }) => getSlackSettings(ctx.db, ctx.secretKey()));

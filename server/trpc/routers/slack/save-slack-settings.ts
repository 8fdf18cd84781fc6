import { saveSlackSettings } from '@/server/modules/slack/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZSaveSlackSettingsInput, ZSlackSettingsOutput } from './slack-settings.schema.ts';

export const saveSlackSettingsProcedure = permissionProcedure('admin.slack.manage')
  .input(ZSaveSlackSettingsInput)
  .output(ZSlackSettingsOutput)
  .mutation(({ ctx, input }) => saveSlackSettings(ctx.db, ctx.actor, input, { secretKey: ctx.secretKey() }));

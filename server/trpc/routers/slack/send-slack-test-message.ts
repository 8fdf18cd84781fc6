import { z } from 'zod';
import { sendSlackTestMessage } from '@/server/modules/slack/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZSlackTestMessageOutput } from './slack-settings.schema.ts';

export const sendSlackTestMessageProcedure = permissionProcedure('admin.slack.manage')
  .input(z.object({}).optional())
  .output(ZSlackTestMessageOutput)
  .mutation(async ({ ctx }) => {
    await sendSlackTestMessage(ctx.db, ctx.actor, { secretKey: ctx.secretKey() });
    return { sent: true as const };
  });

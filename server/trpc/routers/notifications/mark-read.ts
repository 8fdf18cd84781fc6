import { z } from 'zod';
import { markNotificationsRead } from '@/server/modules/notifications/index.ts';
import { protectedProcedure } from '../../init.ts';
import { ZId } from '../shared.schema.ts';

export const markRead = protectedProcedure
  .input(z.object({ ids: z.array(ZId).max(200).optional() }))
  .output(z.object({ updated: z.number() }))
  .mutation(({ ctx, input }) => markNotificationsRead(ctx.db, ctx.actor, input.ids));

import { z } from 'zod';
import { listNotifications as listNotificationsUseCase } from '@/server/modules/notifications/index.ts';
import { protectedProcedure } from '../../init.ts';

export const ZNotification = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  readAt: z.date().nullable(),
  createdAt: z.date(),
});

export const listNotifications = protectedProcedure
  .output(z.array(ZNotification))
  .query(({ ctx }) => listNotificationsUseCase(ctx.db, ctx.actor));

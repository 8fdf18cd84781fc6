import { z } from 'zod';
import { searchPeople as searchPeopleUseCase } from '@/server/modules/identities/index.ts';
import { protectedProcedure } from '../../init.ts';

export const searchPeople = protectedProcedure
  .input(
    z.object({
      query: z.string().trim().max(100).default(''),
      limit: z.number().int().min(1).max(50).default(10),
    }),
  )
  .output(
    z.array(
      z.object({
        id: z.string(),
        displayName: z.string(),
        title: z.string().nullable(),
        department: z.string().nullable(),
      }),
    ),
  )
  .query(({ ctx, input }) => searchPeopleUseCase(ctx.db, input));

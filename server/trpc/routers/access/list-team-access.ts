import { z } from 'zod';
import { listTeamAccess as listTeamAccessUseCase } from '@/server/modules/access/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZAccessList } from './access.schema.ts';

export const ZTeamAccessOutput = z.array(
  z.object({
    person: z.object({
      id: z.string(),
      displayName: z.string(),
      username: z.string(),
      title: z.string().nullable(),
      department: z.string().nullable(),
      status: z.string(),
    }),
    access: ZAccessList,
  }),
);

export const listTeamAccess = permissionProcedure('access.readTeam')
  .meta({
    openapi: {
      method: 'GET',
      path: '/access/team',
      tags: ['Access'],
      summary: 'List my reports’ access',
      description: 'What each of the manager’s reports holds.',
    },
  })
  .output(ZTeamAccessOutput)
  .query(({ ctx }) => listTeamAccessUseCase(ctx.db, ctx.actor));

import { getTeam as getTeamUseCase } from '@/server/modules/teams/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZGetTeamInput, ZGetTeamOutput } from './teams.schema.ts';

export const getTeam = permissionProcedure('identity.readAll')
  .input(ZGetTeamInput)
  .output(ZGetTeamOutput)
  .query(({ ctx, input }) => getTeamUseCase(ctx.db, input.id));

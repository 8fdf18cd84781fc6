import { listTeams as listTeamsUseCase } from '@/server/modules/teams/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZListTeamsOutput } from './teams.schema.ts';

/** Teams with their member counts and the policies, applications and tasks that use them. */
export const listTeams = permissionProcedure('identity.readAll')
  .output(ZListTeamsOutput)
  .query(({ ctx }) => listTeamsUseCase(ctx.db));

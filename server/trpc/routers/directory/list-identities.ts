import { listIdentities as listIdentitiesUseCase } from '@/server/modules/identities/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZListIdentitiesInput, ZListIdentitiesOutput } from './list-identities.schema.ts';

export const listIdentities = permissionProcedure('identity.readAll')
  .input(ZListIdentitiesInput)
  .output(ZListIdentitiesOutput)
  .query(({ ctx, input }) => listIdentitiesUseCase(ctx.db, input));

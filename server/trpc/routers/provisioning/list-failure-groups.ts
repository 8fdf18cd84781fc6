import { listFailureGroups as listFailureGroupsUseCase } from '@/server/modules/provisioning/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZListFailureGroupsOutput } from './list-failure-groups.schema.ts';

export const listFailureGroups = permissionProcedure('provisioning.read')
  .output(ZListFailureGroupsOutput)
  .query(({ ctx }) => listFailureGroupsUseCase(ctx.db));

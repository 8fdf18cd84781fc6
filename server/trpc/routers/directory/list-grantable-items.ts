import { listGrantableItems as listGrantableItemsUseCase } from '@/server/modules/birthright/index.ts';
import { ZListGrantableItemsOutput } from '../birthright/list-grantable-items.schema.ts';
import { permissionProcedure } from '../../init.ts';

/** What can be granted directly: every entitlement and role (the birthright editor's list). */
export const listGrantableItems = permissionProcedure('access.grantDirect')
  .output(ZListGrantableItemsOutput)
  .query(({ ctx }) => listGrantableItemsUseCase(ctx.db));

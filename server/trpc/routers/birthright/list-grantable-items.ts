import { listGrantableItems as listGrantableItemsUseCase } from '@/server/modules/birthright/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZListGrantableItemsOutput } from './list-grantable-items.schema.ts';

/** What a rule can grant: every entitlement and role. */
export const listGrantableItems = permissionProcedure('admin.birthright.manage')
  .output(ZListGrantableItemsOutput)
  .query(({ ctx }) => listGrantableItemsUseCase(ctx.db));

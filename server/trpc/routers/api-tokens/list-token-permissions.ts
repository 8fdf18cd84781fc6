import { listTokenPermissionOptions } from '@/server/modules/api-tokens/index.ts';
import { protectedProcedure } from '../../init.ts';
import { ZListTokenPermissionsOutput } from './list-token-permissions.schema.ts';

/** Any signed-in person may read what they hold; creating a token is what needs a permission. */
export const listTokenPermissions = protectedProcedure
  .output(ZListTokenPermissionsOutput)
  .query(({ ctx }) => listTokenPermissionOptions(ctx.actor));

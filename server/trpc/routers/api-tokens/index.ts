import { router } from '../../init.ts';
import { createApiToken } from './create-api-token.ts';
import { listMyApiTokens } from './list-my-api-tokens.ts';
import { listTokenPermissions } from './list-token-permissions.ts';
import { revokeApiToken } from './revoke-api-token.ts';

export const apiTokensRouter = router({
  listMine: listMyApiTokens,
  permissions: listTokenPermissions,
  create: createApiToken,
  revoke: revokeApiToken,
});

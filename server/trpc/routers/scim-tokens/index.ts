import { router } from '../../init.ts';
import { createScimToken } from './create-scim-token.ts';
import { listScimSources } from './list-scim-sources.ts';
import { listScimTokens } from './list-scim-tokens.ts';
import { revokeScimToken } from './revoke-scim-token.ts';

export const scimTokensRouter = router({
  list: listScimTokens,
  sources: listScimSources,
  create: createScimToken,
  revoke: revokeScimToken,
});

// The public surface of api-tokens: what other modules, routers, jobs and route handlers may import.
// Everything else in this folder is its own (dependency-cruiser `modules-import-public-surfaces`).
export { authenticateApiToken } from './authenticate-api-token.ts';
export { createPersonalApiToken, createServiceAccount } from './create-api-token.ts';
export { listMyApiTokens, listServiceAccounts } from './list-api-tokens.ts';
export { listSponsorTeams, listTokenPermissionOptions } from './list-token-options.ts';
export { revokeApiToken, revokeTokensOf } from './revoke-api-token.ts';
export { takeApiCall, type TRateLimit } from './take-api-call.ts';

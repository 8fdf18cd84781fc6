// The public surface of api-tokens: what other modules, routers, jobs, route handlers and tests outside it
// may import (dependency-cruiser `modules-import-public-surfaces`); its other files are its own.
// Order matters: files that reach no other module come first, then each file after the files it
// imports, so that what a file reads at load time (a zod schema, a constant) has been evaluated. No
// module imports another in a cycle any more (no-cycles-between-modules, docs/decisions/097).
export { listMyApiTokens, listServiceAccounts } from './list-api-tokens.ts';
export { takeApiCall, type TRateLimit } from './take-api-call.ts';
export { authenticateApiToken } from './authenticate-api-token.ts';
export { createPersonalApiToken, createServiceAccount } from './create-api-token.ts';
export { listSponsorTeams, listTokenPermissionOptions } from './list-token-options.ts';
export { revokeApiToken, revokeTokensOf } from './revoke-api-token.ts';

// The public surface of scim-server: what other modules, routers, jobs, route handlers and tests outside it
// may import (dependency-cruiser `modules-import-public-surfaces`); its other files are its own.
// Order matters: files that reach no other module come first, then each file after the files it
// imports, so that what a file reads at load time (a zod schema, a constant) has been evaluated. No
// module imports another in a cycle any more (no-cycles-between-modules, docs/decisions/097).
export { ScimError, isScimError } from './scim-error.ts';
export { matchesIfNoneMatch } from './etag.ts';
export { listHeldDeactivations } from './list-held-deactivations.ts';
export {
  ENTERPRISE_SCHEMA,
  ERROR_SCHEMA,
  GROUP_SCHEMA,
  LIST_RESPONSE_SCHEMA,
  PATCH_OP_SCHEMA,
  SEARCH_REQUEST_SCHEMA,
  USER_SCHEMA,
  assertNamesSchema,
  type TResourceKind,
  type TScimDoc,
} from './scim-schemas.ts';
export { parseListQuery, projectAttributes } from './list-query.ts';
export { type TScimContext } from './scim-context.ts';
export { resourceTypes, schemas, serviceProviderConfig } from './scim-discovery.ts';
export {
  createScimUser,
  deleteScimUser,
  getScimUser,
  listScimUsers,
  patchScimUser,
  replaceScimUser,
} from './scim-users.ts';
export { decideHeldDeactivations } from './decide-held-deactivations.ts';
export {
  createScimGroup,
  deleteScimGroup,
  getScimGroup,
  listScimGroups,
  patchScimGroup,
  replaceScimGroup,
} from './scim-groups.ts';
export {
  authenticateScimToken,
  createScimToken,
  ensureDefaultScimSource,
  hashScimToken,
  listScimSources,
  listScimTokens,
  revokeScimToken,
} from './scim-tokens.ts';

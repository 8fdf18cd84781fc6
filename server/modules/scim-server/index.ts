// The public surface of scim-server: what other modules, routers, jobs and route handlers may import.
// Everything else in this folder is its own (dependency-cruiser `modules-import-public-surfaces`).
export { decideHeldDeactivations } from './decide-held-deactivations.ts';
export { matchesIfNoneMatch } from './etag.ts';
export { listHeldDeactivations } from './list-held-deactivations.ts';
export { parseListQuery, projectAttributes } from './list-query.ts';
export { type TScimContext } from './scim-context.ts';
export { resourceTypes, schemas, serviceProviderConfig } from './scim-discovery.ts';
export { ScimError, isScimError } from './scim-error.ts';
export {
  createScimGroup,
  deleteScimGroup,
  getScimGroup,
  listScimGroups,
  patchScimGroup,
  replaceScimGroup,
} from './scim-groups.ts';
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
export {
  authenticateScimToken,
  createScimToken,
  ensureDefaultScimSource,
  hashScimToken,
  listScimSources,
  listScimTokens,
  revokeScimToken,
} from './scim-tokens.ts';
export {
  createScimUser,
  deleteScimUser,
  getScimUser,
  listScimUsers,
  patchScimUser,
  replaceScimUser,
} from './scim-users.ts';

import SCIMMY from 'scimmy';
import type { TAttrPath } from './filter/parse-filter.ts';
import { ScimError } from './scim-error.ts';

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const SEARCH_REQUEST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

export type TResourceKind = 'User' | 'Group';
export type TScimDoc = Record<string, unknown>;

/** Every URN an attribute path may be qualified with. */
export const KNOWN_SCHEMAS = [ENTERPRISE_SCHEMA, USER_SCHEMA, GROUP_SCHEMA] as const;
export const coreSchemaOf = (kind: TResourceKind) => (kind === 'User' ? USER_SCHEMA : GROUP_SCHEMA);

let extended = false;

/**
 * scimmy's bundled schema definitions (RFC 7643 §4), with the enterprise extension on User. The
 * declarations are process-wide; extending twice is harmless, and a test's scimmy server does the same.
 */
export function scimmy(): typeof SCIMMY {
  if (!extended) {
    try {
      SCIMMY.Schemas.User.definition.attribute(ENTERPRISE_SCHEMA);
    } catch {
      // The typings ask for an instance; scimmy's own docs and code take the class.
      SCIMMY.Schemas.User.extend(SCIMMY.Schemas.EnterpriseUser as never, false);
    }
    extended = true;
  }
  return SCIMMY;
}

export type TAttributeInfo = {
  type: string;
  caseExact: boolean;
  multiValued: boolean;
  mutable: boolean | string;
};

const META: Record<string, TAttributeInfo> = {
  created: { type: 'dateTime', caseExact: false, multiValued: false, mutable: false },
  lastmodified: { type: 'dateTime', caseExact: false, multiValued: false, mutable: false },
  resourcetype: { type: 'string', caseExact: true, multiValued: false, mutable: false },
  location: { type: 'reference', caseExact: true, multiValued: false, mutable: false },
  version: { type: 'string', caseExact: true, multiValued: false, mutable: false },
};

/** Type, caseExact and multiValued of an attribute (RFC 7643 §2.2), or null when the schema has none. */
export function attributeInfo(kind: TResourceKind, path: TAttrPath): TAttributeInfo | null {
  if (path.attribute.toLowerCase() === 'meta' && path.sub) return META[path.sub.toLowerCase()] ?? null;
  const definition = kind === 'User' ? scimmy().Schemas.User.definition : scimmy().Schemas.Group.definition;
  const qualified =
    path.schema && path.schema.toLowerCase() !== coreSchemaOf(kind).toLowerCase() ? `${path.schema}:` : '';
  try {
    const attribute = definition.attribute(
      `${qualified}${path.attribute}${path.sub ? `.${path.sub}` : ''}`,
    ) as unknown as {
      type: string;
      config: { caseExact: boolean; multiValued: boolean; mutable: boolean | string };
    };
    if (!attribute?.config) return null;
    return {
      type: String(attribute.type),
      caseExact: attribute.config.caseExact,
      multiValued: attribute.config.multiValued,
      mutable: attribute.config.mutable,
    };
  } catch {
    return null;
  }
}

/**
 * One rule for every request body (a resource, a PatchOp, a SearchRequest): `schemas` may be left out,
 * as real clients send it both ways; when it is there it must name what the body is.
 */
export function assertNamesSchema(body: Record<string, unknown>, urn: string, what: string): void {
  const key = Object.keys(body).find((k) => k.toLowerCase() === 'schemas');
  if (key === undefined) return;
  const listed = body[key];
  if (
    !Array.isArray(listed) ||
    !listed.some((s) => typeof s === 'string' && s.toLowerCase() === urn.toLowerCase())
  )
    throw new ScimError(400, 'invalidSyntax', `${what}: schemas must list ${urn} (or be left out)`);
}

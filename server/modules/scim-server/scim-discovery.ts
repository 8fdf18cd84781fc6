import { MAX_RESULTS } from './list-query.ts';
import { notFound } from './scim-error.ts';
import {
  ENTERPRISE_SCHEMA,
  GROUP_SCHEMA,
  LIST_RESPONSE_SCHEMA,
  scimmy,
  USER_SCHEMA,
  type TScimDoc,
} from './scim-schemas.ts';

/** RFC 7643 §5: what this service provider supports. */
export function serviceProviderConfig(baseUrl: string): TScimDoc {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
    documentationUri: `${baseUrl.replace(/\/scim\/v2$/, '')}/`,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description:
          'A SCIM token an identity admin creates in Gatehouse (Admin → SCIM tokens), sent as "Authorization: Bearer <token>"',
        specUri: 'https://www.rfc-editor.org/rfc/rfc6750',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl}/ServiceProviderConfig` },
  };
}

const RESOURCE_TYPES = [
  {
    id: 'User',
    name: 'User',
    endpoint: '/Users',
    description: 'People; Gatehouse identities',
    schema: USER_SCHEMA,
    schemaExtensions: [{ schema: ENTERPRISE_SCHEMA, required: false }],
  },
  {
    id: 'Group',
    name: 'Group',
    endpoint: '/Groups',
    description: 'Groups of Users',
    schema: GROUP_SCHEMA,
    schemaExtensions: [],
  },
];

const listOf = (resources: TScimDoc[]) => ({
  schemas: [LIST_RESPONSE_SCHEMA],
  totalResults: resources.length,
  startIndex: 1,
  itemsPerPage: resources.length,
  Resources: resources,
});

const resourceType = (baseUrl: string, t: (typeof RESOURCE_TYPES)[number]): TScimDoc => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
  ...t,
  meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/${t.id}` },
});

/** RFC 7643 §6. */
export function resourceTypes(baseUrl: string, id?: string) {
  if (!id) return listOf(RESOURCE_TYPES.map((t) => resourceType(baseUrl, t)));
  const t = RESOURCE_TYPES.find((r) => r.id.toLowerCase() === id.toLowerCase());
  if (!t) throw notFound('ResourceType', id);
  return resourceType(baseUrl, t);
}

/** RFC 7643 §7: the schemas, as scimmy describes its definitions of them. */
export function schemas(baseUrl: string, id?: string) {
  const S = scimmy().Schemas;
  const all = [S.User.definition, S.EnterpriseUser.definition, S.Group.definition].map((d) => {
    const described = d.describe(`${baseUrl}/Schemas`) as unknown as {
      id: string;
      attributes: Array<{ name: string }>;
    };
    // The User definition carries the extension as an attribute; the extension is described on its own.
    return { ...described, attributes: described.attributes.filter((a) => !a.name.startsWith('urn:')) };
  });
  if (!id) return listOf(all);
  const found = all.find((s) => String(s.id).toLowerCase() === id.toLowerCase());
  if (!found) throw notFound('Schema', id);
  return found;
}

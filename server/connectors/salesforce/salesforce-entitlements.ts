import type { EntitlementKind } from '@/prisma/generated/enums.ts';
import type { TEntitlementRef } from '../sdk/connector.ts';
import { ConnectorError } from '../sdk/connector-error.ts';
import { isSalesforceId } from './salesforce-soql.ts';

export type TSalesforceEntitlement = { type: 'PermissionSet' | 'PermissionSetGroup' | 'Profile'; id: string };

const TYPE_BY_KIND: Partial<Record<EntitlementKind, TSalesforceEntitlement['type']>> = {
  PROFILE: 'Profile',
  PERMISSION_SET: 'PermissionSet',
  PERMISSION_SET_GROUP: 'PermissionSetGroup',
};

export const KIND_BY_TYPE: Record<TSalesforceEntitlement['type'], EntitlementKind> = {
  Profile: 'PROFILE',
  PermissionSet: 'PERMISSION_SET',
  PermissionSetGroup: 'PERMISSION_SET_GROUP',
};

/**
 * Entitlement externalIds name the object and its Id (`PermissionSet:0PS...`,
 * `PermissionSetGroup:0PG...`, `Profile:00e...`), because a Profile is granted by changing
 * User.ProfileId while a permission set or a permission set group is granted by inserting a
 * PermissionSetAssignment naming it. A bare Id is read through the entitlement's kind.
 */
export function parseEntitlement(ref: TEntitlementRef): TSalesforceEntitlement {
  const m = /^(PermissionSetGroup|PermissionSet|Profile):(.+)$/.exec(ref.externalId);
  const type = m ? (m[1] as TSalesforceEntitlement['type']) : (TYPE_BY_KIND[ref.kind] ?? null);
  const id = m ? m[2]! : ref.externalId;
  if (!type || !isSalesforceId(id)) {
    throw new ConnectorError(
      'invalidConfig',
      `entitlement "${ref.externalId}" is not PermissionSet:<Id>, PermissionSetGroup:<Id> or Profile:<Id>`,
    );
  }
  return { type, id };
}

export const entitlementExternalId = (type: TSalesforceEntitlement['type'], id: string) => `${type}:${id}`;

/** The PermissionSetAssignment field that names what an assignment grants. */
export const assignmentField = (type: 'PermissionSet' | 'PermissionSetGroup') =>
  type === 'PermissionSetGroup' ? 'PermissionSetGroupId' : 'PermissionSetId';

import type { TEntitlementRef } from '../sdk/connector.ts';
import { ConnectorError } from '../sdk/connector-error.ts';
import { isSalesforceId } from './salesforce-soql.ts';

export type TSalesforceEntitlement = { type: 'PermissionSet' | 'Profile'; id: string };

/**
 * Entitlement externalIds name the object and its Id (`PermissionSet:0PS...`, `Profile:00e...`),
 * because a Profile is granted by changing User.ProfileId while a permission set is granted by
 * inserting a PermissionSetAssignment. A bare Id is read through the entitlement's kind.
 */
export function parseEntitlement(ref: TEntitlementRef): TSalesforceEntitlement {
  const m = /^(PermissionSet|Profile):(.+)$/.exec(ref.externalId);
  const type = m
    ? (m[1] as TSalesforceEntitlement['type'])
    : ref.kind === 'PROFILE'
      ? 'Profile'
      : ref.kind === 'PERMISSION_SET'
        ? 'PermissionSet'
        : null;
  const id = m ? m[2]! : ref.externalId;
  if (!type || !isSalesforceId(id)) {
    throw new ConnectorError(
      'invalidConfig',
      `entitlement "${ref.externalId}" is not PermissionSet:<Id> or Profile:<Id>`,
    );
  }
  return { type, id };
}

export const entitlementExternalId = (type: TSalesforceEntitlement['type'], id: string) => `${type}:${id}`;

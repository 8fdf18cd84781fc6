import { KEY_PREFIX } from '@/server/testing/salesforce-emulator/ids.ts';
import type { OrgStore } from '@/server/testing/salesforce-emulator/org-store.ts';

export type TSeededOrg = {
  integrationUserId: string;
  licenses: { salesforce: string; platform: string };
  profiles: {
    systemAdministrator: string;
    standardUser: string;
    readOnly: string;
    standardPlatformUser: string;
  };
  permissionSets: { salesOps: string; reportsAdmin: string; platformExtras: string };
  permissionSetGroups: { salesLeadership: string };
};

/**
 * What a fresh Developer Edition org holds that the connector touches: standard profiles on two
 * licences, each profile owning a permission set (IsOwnedByProfile), a few custom permission sets
 * (one tied to the Platform licence), a permission set group (with its aggregate permission set,
 * PermissionSetGroupId set), and the integration user the OAuth flows log in as.
 */
export function seedOrg(store: OrgStore, integrationUsername: string): TSeededOrg {
  const licenses = {
    salesforce: store.ids.next(KEY_PREFIX.UserLicense),
    platform: store.ids.next(KEY_PREFIX.UserLicense),
  };
  const profile = (Name: string, license: string, Description: string) => {
    const p = store.put(
      'Profile',
      { Name, Description, UserLicenseId: license, UserType: 'Standard' },
      KEY_PREFIX.Profile,
    );
    // Profile-owned permission sets carry a generated API name, as in a real org.
    store.put(
      'PermissionSet',
      {
        Name: `X00e${p.Id.slice(5, 15)}`,
        Label: `00e${p.Id.slice(3, 15)}`,
        Description: null,
        IsOwnedByProfile: true,
        ProfileId: p.Id,
        LicenseId: license,
        PermissionSetGroupId: null,
      },
      KEY_PREFIX.PermissionSet,
    );
    return p.Id;
  };
  const profiles = {
    systemAdministrator: profile('System Administrator', licenses.salesforce, 'Full access'),
    standardUser: profile('Standard User', licenses.salesforce, 'Standard access'),
    readOnly: profile('Read Only', licenses.salesforce, 'View-only access'),
    standardPlatformUser: profile('Standard Platform User', licenses.platform, 'Platform apps only'),
  };
  const set = (Name: string, Label: string, Description: string, LicenseId: string | null) =>
    store.put(
      'PermissionSet',
      {
        Name,
        Label,
        Description,
        IsOwnedByProfile: false,
        ProfileId: null,
        LicenseId,
        PermissionSetGroupId: null,
      },
      KEY_PREFIX.PermissionSet,
    ).Id;
  const permissionSets = {
    salesOps: set('Sales_Operations', 'Sales Operations', 'Manage opportunities and forecasts', null),
    reportsAdmin: set('Reports_Admin', 'Reports Administrator', 'Create and share reports', null),
    platformExtras: set(
      'Platform_Extras',
      'Platform Extras',
      'Needs the Salesforce Platform licence',
      licenses.platform,
    ),
  };
  const permissionSetGroups = {
    salesLeadership: store.putPermissionSetGroup(
      'Sales_Leadership',
      'Sales Leadership',
      'Sales Operations and Reports Administrator together',
    ).Id,
  };
  const integrationUser = store.insert('User', {
    Username: integrationUsername,
    LastName: 'Integration',
    FirstName: 'Gatehouse',
    Email: 'integration@example.com',
    Alias: 'gthouse',
    ProfileId: profiles.systemAdministrator,
    TimeZoneSidKey: 'GMT',
    LocaleSidKey: 'en_US',
    EmailEncodingKey: 'UTF-8',
    LanguageLocaleKey: 'en_US',
  });
  return { integrationUserId: integrationUser.Id, licenses, profiles, permissionSets, permissionSetGroups };
}

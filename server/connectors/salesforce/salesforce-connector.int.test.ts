import { describeConnectorConformance } from '@/server/testing/connector-conformance.ts';
import { sameId } from './salesforce-soql.ts';
import {
  newUsername,
  startSalesforceKit,
  userAttributes,
} from '@/server/testing/salesforce-emulator/salesforce-testing.ts';

for (const disableMeans of ['deactivate', 'freeze'] as const) {
  describeConnectorConformance(`Salesforce (emulated, disable = ${disableMeans})`, async () => {
    const kit = await startSalesforceKit({ config: { disableMeans } });
    const { emulator } = kit;
    const salesOps = emulator.seeded.permissionSets.salesOps;
    return {
      connector: kit.connector,
      entitlement: { externalId: `PermissionSet:${salesOps}`, kind: 'PERMISSION_SET' },
      newUsername: () => newUsername(),
      attributesFor: (username) => userAttributes(username),
      update: { Title: 'Director' },
      // Read the org directly, never through the connector under test.
      inspect: {
        accountExists: async (id) => !!emulator.org.find('User', id),
        isEnabled: async (id) => {
          const user = emulator.org.find('User', id)!;
          const login = emulator.org.all('UserLogin').find((l) => sameId(String(l.UserId), id))!;
          return user.IsActive === true && login.IsFrozen === false;
        },
        hasGrant: async (id) =>
          emulator.org
            .all('PermissionSetAssignment')
            .some((a) => sameId(String(a.AssigneeId), id) && sameId(String(a.PermissionSetId), salesOps)),
        attribute: async (id, name) => {
          const value = emulator.org.find('User', id)?.[name];
          return value === undefined || value === null ? null : String(value);
        },
      },
      // An Account Id where a Profile Id belongs: FIELD_INTEGRITY_EXCEPTION.
      invalidAttributes: { ProfileId: '001000000000001AAA' },
      outage: { begin: () => emulator.goOffline(), end: () => emulator.goOnline() },
      close: kit.close,
    };
  });
}

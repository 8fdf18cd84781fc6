import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMapping } from '@/server/modules/provisioning/index.ts';
import { connectorDefinition } from '../registry.ts';
import { sameId } from './salesforce-soql.ts';
import {
  startSalesforceKit,
  type TSalesforceKit,
} from '@/server/testing/salesforce-emulator/salesforce-testing.ts';

describe('Salesforce registration', () => {
  let kit: TSalesforceKit;
  beforeAll(async () => {
    kit = await startSalesforceKit();
  });
  afterAll(() => kit.close());

  it('builds the connector from stored settings, and the default mapping renders a User Salesforce accepts', async () => {
    const def = connectorDefinition('SALESFORCE');
    const connector = def.create(
      {
        loginUrl: kit.emulator.url,
        auth: kit.config.auth,
        defaultProfileId: kit.emulator.seeded.profiles.standardUser,
      },
      { privateKeyPem: kit.secrets.privateKeyPem },
    );
    const attributes = renderMapping(def.defaultMapping, {
      username: 'zangstrom',
      email: 'zoe.angstrom@acme.example',
      firstName: 'Zoë',
      lastName: 'Ångström-Łukasiewicz',
      displayName: 'Zoë Ångström-Łukasiewicz',
      department: 'Finance',
      title: null,
      location: null,
      costCenter: null,
      employmentType: 'EMPLOYEE',
      employeeNumber: 'E-1042',
    });
    expect(attributes).toMatchObject({
      Username: 'zoe.angstrom@acme.example',
      Alias: 'Zangstro',
      Title: null,
    });
    try {
      const { outcome, nativeId } = await connector.createAccount!({
        username: 'zangstrom',
        attributes,
        enabled: true,
      });
      expect(outcome).toBe('applied');
      const user = kit.emulator.org.find('User', nativeId)!;
      expect(user).toMatchObject({
        Username: 'zoe.angstrom@acme.example',
        LastName: 'Ångström-Łukasiewicz',
        Alias: 'Zangstro',
        EmployeeNumber: 'E-1042',
      });
      expect(sameId(String(user.ProfileId), kit.emulator.seeded.profiles.standardUser)).toBe(true);
      expect(connector.capabilities.has('account.delete')).toBe(false);
    } finally {
      await connector.close();
    }
  });

  it('rejects settings without a default profile', () => {
    const def = connectorDefinition('SALESFORCE');
    expect(def.configSchema.safeParse({ auth: { flow: 'clientCredentials', clientId: 'x' } }).success).toBe(
      false,
    );
  });
});

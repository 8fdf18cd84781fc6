import crypto from 'node:crypto';
import { SalesforceConnector } from '@/server/connectors/salesforce/salesforce-connector.ts';
import {
  ZSalesforceConfig,
  type TSalesforceConfig,
  type TSalesforceConfigInput,
  type TSalesforceSecrets,
} from '@/server/connectors/salesforce/salesforce-config.ts';
import {
  SalesforceEmulator,
  type TEmulatorOptions,
} from '@/server/testing/salesforce-emulator/salesforce-emulator.ts';

export type TFlow = TSalesforceConfig['auth']['flow'];

export type TSalesforceKit = {
  emulator: SalesforceEmulator;
  connector: SalesforceConnector;
  config: TSalesforceConfig;
  secrets: TSalesforceSecrets;
  /** Another connector on the same emulator, e.g. with different settings. */
  connect: (overrides?: Partial<TSalesforceConfigInput>, secrets?: TSalesforceSecrets) => SalesforceConnector;
  close: () => Promise<void>;
};

const INTEGRATION_USER = 'integration@gatehouse.emulated';
const INTEGRATION_PASSWORD = 'correct-horse-battery' + 'SECURITYTOKEN';

/**
 * An emulated org plus a connector logged in with the chosen OAuth flow. The JWT flow signs with
 * a key pair generated here; the emulator holds the public half, as the connected app holds the
 * uploaded certificate.
 */
export async function startSalesforceKit(
  options: { flow?: TFlow; config?: Partial<TSalesforceConfigInput>; emulator?: TEmulatorOptions } = {},
): Promise<TSalesforceKit> {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const emulator = await SalesforceEmulator.start({
    jwtPublicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    integrationUsername: INTEGRATION_USER,
    integrationPassword: INTEGRATION_PASSWORD,
    ...options.emulator,
  });
  const clientId = emulator.app.clientId;
  const flow = options.flow ?? 'jwtBearer';
  const auth =
    flow === 'jwtBearer'
      ? { flow, clientId, username: INTEGRATION_USER }
      : flow === 'clientCredentials'
        ? { flow, clientId }
        : { flow, clientId, username: INTEGRATION_USER };
  const secrets: TSalesforceSecrets = {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    clientSecret: emulator.app.clientSecret,
    password: INTEGRATION_PASSWORD,
  };
  const configFor = (overrides: Partial<TSalesforceConfigInput> = {}) =>
    ZSalesforceConfig.parse({
      loginUrl: emulator.url,
      auth,
      defaultProfileId: emulator.seeded.profiles.standardUser,
      bulkPollIntervalMs: 20,
      bulkTimeoutMs: 60_000,
      timeoutMs: 5000,
      ...options.config,
      ...overrides,
      limits: { backoffMs: 200, maxBackoffMs: 1000, ...options.config?.limits, ...overrides.limits },
    });
  const config = configFor();
  const opened: SalesforceConnector[] = [];
  const connect = (overrides?: Partial<TSalesforceConfigInput>, s: TSalesforceSecrets = secrets) => {
    const c = new SalesforceConnector(configFor(overrides), s);
    opened.push(c);
    return c;
  };
  return {
    emulator,
    connector: connect(),
    config,
    secrets,
    connect,
    close: async () => {
      for (const c of opened) await c.close();
      await emulator.stop();
    },
  };
}

/** The attributes the default mapping would render for a person, as Salesforce User fields. */
export function userAttributes(
  username: string,
  extra: Record<string, string | null> = {},
): Record<string, string | null> {
  const local = username.split('@')[0]!;
  return {
    Username: username,
    Email: username,
    FirstName: 'Test',
    LastName: local,
    Alias: `t${local}`.slice(0, 8),
    Title: 'Engineer',
    Department: 'R&D',
    EmployeeNumber: null,
    TimeZoneSidKey: 'Europe/Berlin',
    LocaleSidKey: 'de_DE',
    EmailEncodingKey: 'UTF-8',
    LanguageLocaleKey: 'en_US',
    ...extra,
  };
}

let counter = 0;
/** A fresh, email-shaped username: Salesforce usernames must look like email addresses. */
export const newUsername = (tag = 'user') =>
  `${tag}.${process.pid}.${++counter}.${Date.now().toString(36)}@gatehouse-test.example`;

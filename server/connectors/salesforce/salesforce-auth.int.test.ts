import crypto from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorError } from '../sdk/connector-error.ts';
import {
  startSalesforceKit,
  type TFlow,
  type TSalesforceKit,
} from '@/server/testing/salesforce-emulator/salesforce-testing.ts';

const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as ConnectorError,
  );
const tokenRequests = (kit: TSalesforceKit) =>
  kit.emulator.requests.filter((r) => r.path === '/services/oauth2/token');

describe('Salesforce OAuth flows (emulated org)', () => {
  let kit: TSalesforceKit;
  afterEach(() => kit?.close());

  it.each([
    ['jwtBearer', 'urn:ietf:params:oauth:grant-type:jwt-bearer'],
    ['clientCredentials', 'client_credentials'],
    ['password', 'password'],
  ] as const)('logs in with the %s flow', async (flow: TFlow, grantType) => {
    kit = await startSalesforceKit({ flow });
    const result = await kit.connector.testConnection();
    expect(result.ok).toBe(true);
    expect(result.message).toContain('integration@gatehouse.emulated');
    expect(result.details).toMatchObject({
      orgId: kit.emulator.org.orgId,
      userId: kit.emulator.seeded.integrationUserId,
    });
    expect(tokenRequests(kit).map((r) => r.grantType)).toEqual([grantType]);
  });

  it('refuses a JWT signed with a key the connected app does not know, as a configuration fault', async () => {
    kit = await startSalesforceKit();
    const stranger = crypto
      .generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const error = await failure(kit.connect({}, { privateKeyPem: stranger }).testConnection());
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ kind: 'invalidConfig', isRetryable: false });
    expect(error!.message).toContain('invalid_grant: invalid assertion');
  });

  it('refuses a JWT for the wrong audience with the platform message', async () => {
    kit = await startSalesforceKit();
    const connector = kit.connect({
      auth: {
        flow: 'jwtBearer',
        clientId: kit.emulator.app.clientId,
        username: 'integration@gatehouse.emulated',
        audience: 'https://acme.my.salesforce.com',
      },
    });
    const error = await failure(connector.testConnection());
    expect(error).toMatchObject({ kind: 'invalidConfig' });
    expect(error!.message).toContain('audience is invalid');
  });

  it('refuses wrong client credentials and a missing secret', async () => {
    kit = await startSalesforceKit({ flow: 'clientCredentials' });
    expect(await failure(kit.connect({}, { clientSecret: 'wrong' }).testConnection())).toMatchObject({
      kind: 'invalidConfig',
    });
    const missing = await failure(kit.connect({}, {}).testConnection());
    expect(missing).toMatchObject({
      kind: 'invalidConfig',
      message: 'the clientCredentials flow needs the clientSecret secret',
    });
  });

  it('re-authenticates transparently when the session expires', async () => {
    kit = await startSalesforceKit();
    const { connector, emulator } = kit;
    await connector.listEntitlements(null, 10);
    expect(tokenRequests(kit)).toHaveLength(1);
    emulator.expireSessions();
    const page = await connector.listEntitlements(null, 10);
    expect(page.items.length).toBeGreaterThan(0);
    expect(tokenRequests(kit)).toHaveLength(2);
    // The refused call, then the same call again with the new token.
    expect(emulator.requests.filter((r) => r.status === 401)).toHaveLength(1);
  });

  it('re-authenticates only once: a fresh session refused again is a configuration fault', async () => {
    kit = await startSalesforceKit();
    await kit.connector.listEntitlements(null, 10);
    kit.emulator.rejectSessions(true);
    const error = await failure(kit.connector.listEntitlements(null, 10));
    expect(error).toMatchObject({ kind: 'invalidConfig', isRetryable: false });
    expect(error!.message).toContain('INVALID_SESSION_ID');
    expect(tokenRequests(kit)).toHaveLength(2);
    kit.emulator.rejectSessions(false);
    expect((await kit.connector.listEntitlements(null, 10)).items.length).toBeGreaterThan(0);
  });

  it('reports an unreachable token endpoint as retryable', async () => {
    kit = await startSalesforceKit();
    await kit.emulator.goOffline();
    const error = await failure(kit.connector.testConnection());
    expect(error).toMatchObject({ kind: 'connectionFailed', isRetryable: true });
    await kit.emulator.goOnline();
    expect((await kit.connector.testConnection()).ok).toBe(true);
  });
});

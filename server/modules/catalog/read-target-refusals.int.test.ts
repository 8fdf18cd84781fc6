import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorType } from '@/prisma/generated/enums.ts';
import { createApplication, createIdentity } from '@/server/seed/factories.ts';
import { startTestScimServer, type TTestScimServer } from '@/server/testing/scim-emulator/scim-server.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { TEST_SECRET_KEY } from '@/server/testing/test-ldap.ts';

/*
 * "Read from the application" (the entitlements tab) when the target cannot be read as set up:
 * broken settings are the administrator's to fix, 412 naming the setting, as saving an entitlement
 * answers; 503 only when the target does not answer.
 */
let t: TTestContext;
let scim: TTestScimServer;
beforeAll(async () => {
  t = await createTestContext();
  scim = await startTestScimServer({ bearerTokens: ['the-right-token'] });
});
afterAll(async () => {
  await scim?.close();
  await t?.close();
});

async function readFrom(o: {
  connectorType: ConnectorType;
  config: object;
  secrets: Record<string, string>;
}) {
  const app = await createApplication(t.prisma, {
    name: `${o.connectorType} app`,
    connectorType: o.connectorType,
    config: o.config,
    secrets: o.secrets,
    secretKey: TEST_SECRET_KEY,
  });
  const admin = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
  const caller = await t.callerFor(admin.id);
  const error = await caller.catalogAdmin.aggregateEntitlements({ applicationId: app.id }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  const refused = error as TRPCError;
  return { status: getHTTPStatusCodeFromError(refused), message: refused.message };
}

describe('reading an application’s entitlements when it cannot be read as set up', () => {
  it('answers 412 naming the setting when the SCIM target refuses the configured token', async () => {
    const refused = await readFrom({
      connectorType: 'SCIM',
      config: { baseUrl: scim.baseUrl, auth: { type: 'bearer' } },
      secrets: { token: 'not-the-token' },
    });
    expect(refused).toMatchObject({
      status: 412,
      message: expect.stringMatching(
        /^SCIM app's connection settings need fixing before its entitlements can be read: .*401/,
      ),
    });
  });

  it('answers 412 naming the secret the Salesforce flow needs', async () => {
    const refused = await readFrom({
      connectorType: 'SALESFORCE',
      config: {
        auth: { flow: 'clientCredentials', clientId: 'gatehouse' },
        defaultProfileId: '00e5g000001ABCD',
      },
      secrets: { password: 'not what this flow needs' },
    });
    expect(refused).toMatchObject({
      status: 412,
      message: expect.stringMatching(/need fixing before its entitlements can be read: .*clientSecret/),
    });
  });

  it('answers 503 when the target does not answer', async () => {
    expect(
      await readFrom({
        connectorType: 'SCIM',
        config: { baseUrl: 'http://127.0.0.1:1/scim/v2', auth: { type: 'bearer' }, timeoutMs: 1_000 },
        secrets: { token: 'the-right-token' },
      }),
    ).toMatchObject({ status: 503, message: expect.stringMatching(/^SCIM app could not be read: /) });
  });
});

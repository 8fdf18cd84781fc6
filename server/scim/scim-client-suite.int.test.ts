import { runScimClientSuite } from '@/server/testing/scim-client-suite.ts';
import { createIdentity } from '@/server/seed/factories.ts';
import { createTestContext } from '@/server/testing/test-context.ts';
import { startScimServer } from '@/server/testing/start-scim-server.ts';

/**
 * Issue 3 asks the SCIM client to be tested against an independent SCIM implementation (scimmy, in
 * server/connectors/scim) and against Gatehouse's own SCIM server: this is the second.
 */
runScimClientSuite('Gatehouse SCIM server', async () => {
  const t = await createTestContext();
  const admin = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
  const server = await startScimServer(t.prisma, t.queue, await t.actor(admin.id));
  return {
    baseUrl: server.baseUrl,
    authorization: `Bearer ${server.token}`,
    close: async () => {
      await server.close();
      await t.close();
    },
  };
});

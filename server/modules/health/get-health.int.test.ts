import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationSecretBinding, encryptSecret, parseSecretKey } from '@/server/lib/secret-box.ts';
import { ConnectorCache } from '@/server/modules/provisioning/index.ts';
import { createApplication } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { createTestDirectory, TEST_SECRET_KEY, type TTestDirectory } from '@/server/testing/test-ldap.ts';
import { createHealthCheck } from './get-health.ts';

let t: TTestContext;
let dir: TTestDirectory;
const secretKey = parseSecretKey(TEST_SECRET_KEY);
beforeAll(async () => {
  t = await createTestContext();
  dir = await createTestDirectory();
});
afterAll(async () => {
  await t?.close();
});

/** Counts the directory checks the health endpoint really makes. */
class CountingCache extends ConnectorCache {
  checks = 0;
  private readonly counted = new WeakSet<object>();
  override get(app: Parameters<ConnectorCache['get']>[0]) {
    const connector = super.get(app);
    if (this.counted.has(connector)) return connector;
    this.counted.add(connector);
    const test = connector.testConnection.bind(connector);
    connector.testConnection = async () => {
      this.checks++;
      return test();
    };
    return connector;
  }
}

describe('health', () => {
  it('asks the directories at most once per interval, and again at once when their settings change', async () => {
    const app = await createApplication(t.prisma, { config: { ...dir.config } });
    await t.prisma.application.update({
      where: { id: app.id },
      data: {
        secrets: encryptSecret(JSON.stringify(dir.secrets), secretKey, applicationSecretBinding(app.id)),
      },
    });
    const connectors = new CountingCache(secretKey);
    const getHealth = createHealthCheck(connectors, { directoryTtlMs: 60_000 });
    const t0 = new Date();
    const first = await getHealth(t.prisma, t0);
    expect(first.directories).toEqual([expect.objectContaining({ ok: true })]);
    await Promise.all(Array.from({ length: 20 }, () => getHealth(t.prisma, new Date(t0.getTime() + 1000))));
    expect(connectors.checks).toBe(1);

    await getHealth(t.prisma, new Date(t0.getTime() + 61_000));
    expect(connectors.checks).toBe(2);

    await t.prisma.application.update({ where: { id: app.id }, data: { name: 'Renamed directory' } });
    const renamed = await getHealth(t.prisma, new Date(t0.getTime() + 62_000));
    expect(connectors.checks).toBe(3);
    expect(renamed.directories[0]?.application).toBe('Renamed directory');
    await connectors.closeAll();
  });
});

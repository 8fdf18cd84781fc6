import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationSecretBinding, encryptSecret, parseSecretKey } from '@/server/lib/secret-box.ts';
import { resealLegacySecrets } from '@/server/db/reseal-legacy-secrets.ts';
import { createApplication, createIdentity } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { createTestDirectory, TEST_SECRET_KEY, type TTestDirectory } from '@/server/testing/test-ldap.ts';
import { getApplication } from './get-application.ts';
import { saveApplication, type TSaveApplication } from './save-application.ts';
import { testApplicationConnection } from './test-application-connection.ts';

let t: TTestContext;
let dir: TTestDirectory;
let listener: net.Server;
let listenerUrl = '';
/** Everything anyone sent to the listener: where a stolen secret would arrive. */
let received = '';
const secretKey = parseSecretKey(TEST_SECRET_KEY);

beforeAll(async () => {
  t = await createTestContext();
  dir = await createTestDirectory();
  listener = net.createServer((socket) => {
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  listenerUrl = `127.0.0.1:${(listener.address() as net.AddressInfo).port}`;
});
afterAll(async () => {
  listener?.close();
  await t?.close();
});

const admin = async () => t.actor((await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] })).id);
const base = (o: Partial<TSaveApplication>): TSaveApplication => ({
  key: `app-${Math.random().toString(36).slice(2, 8)}`,
  name: 'App',
  description: '',
  connectorType: 'LDAP',
  config: {},
  onDelete: 'DISABLE',
  onDeleteAttributes: {},
  attributeMapping: {},
  accountRules: {},
  concurrency: 4,
  enabled: true,
  ownerId: null,
  fulfilmentTeamId: null,
  ...o,
});

describe('connector secrets never follow the settings to a new endpoint', () => {
  it('LDAP: a new URL or bind DN without the password is refused and changes nothing; Test connection never sends the stored password there', async () => {
    const actor = await admin();
    const app = base({ config: { ...dir.config }, secrets: { bindPassword: dir.secrets.bindPassword } });
    const { id } = await saveApplication(t.prisma, actor, app, { queue: t.queue, secretKey });
    const stored = await t.prisma.application.findUniqueOrThrow({ where: { id } });

    for (const config of [
      { ...dir.config, url: `ldap://${listenerUrl}` },
      { ...dir.config, bindDn: `cn=someone-else,${dir.baseDn}` },
      { ...dir.config, tls: { startTls: true, rejectUnauthorized: false } },
    ]) {
      await expect(
        saveApplication(t.prisma, actor, { ...app, id, config, secrets: {} }, { queue: t.queue, secretKey }),
      ).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        details: { field: 'secrets' },
      });
    }
    const after = await t.prisma.application.findUniqueOrThrow({ where: { id } });
    expect({ config: after.config, secrets: after.secrets, updatedAt: after.updatedAt }).toEqual({
      config: stored.config,
      secrets: stored.secrets,
      updatedAt: stored.updatedAt,
    });
    expect(await testApplicationConnection(t.prisma, actor, id, { secretKey })).toMatchObject({ ok: true });
    expect(received).not.toContain(dir.secrets.bindPassword);

    // Other settings still keep the stored password.
    await saveApplication(
      t.prisma,
      actor,
      { ...app, id, name: 'Renamed', config: { ...dir.config, pageSize: 100 }, secrets: {} },
      { queue: t.queue, secretKey },
    );
    expect(await testApplicationConnection(t.prisma, actor, id, { secretKey })).toMatchObject({ ok: true });
  });

  it('LDAP: moving with a new password sends only the new one, and the audit records the endpoint change', async () => {
    const actor = await admin();
    const app = base({ config: { ...dir.config }, secrets: { bindPassword: dir.secrets.bindPassword } });
    const { id } = await saveApplication(t.prisma, actor, app, { queue: t.queue, secretKey });
    received = '';
    await saveApplication(
      t.prisma,
      actor,
      {
        ...app,
        id,
        config: { ...dir.config, url: `ldap://${listenerUrl}`, timeoutMs: 1000 },
        secrets: { bindPassword: 'only-for-the-new-server' },
      },
      { queue: t.queue, secretKey },
    );
    expect((await getApplication(t.prisma, id, secretKey)).secretFields).toEqual(['bindPassword']);
    const result = await testApplicationConnection(t.prisma, actor, id, { secretKey });
    expect(result.ok).toBe(false);
    expect(received).toContain('only-for-the-new-server');
    expect(received).not.toContain(dir.secrets.bindPassword);
    const audit = await t.prisma.auditEvent.findFirstOrThrow({
      where: { entityId: id, action: 'application.updated' },
      orderBy: { occurredAt: 'desc' },
    });
    expect(audit.metadata).toMatchObject({
      endpointChanged: ['url'],
      endpointBefore: { url: dir.config.url },
      endpointAfter: { url: `ldap://${listenerUrl}` },
      storedSecretsDiscarded: true,
    });
    expect([audit.before, audit.after]).toMatchObject([
      { config: { url: dir.config.url } },
      { config: { url: `ldap://${listenerUrl}` } },
    ]);
  });

  it('SCIM and Salesforce: the base URL, token endpoint, login URL or client need the secrets again', async () => {
    const actor = await admin();
    const scim = base({
      connectorType: 'SCIM',
      onDelete: 'DISABLE',
      config: { baseUrl: 'https://scim.example.test/scim/v2', auth: { type: 'bearer' } },
      secrets: { token: 'scim-token' },
    });
    const { id: scimId } = await saveApplication(t.prisma, actor, scim, { queue: t.queue, secretKey });
    await expect(
      saveApplication(
        t.prisma,
        actor,
        {
          ...scim,
          id: scimId,
          config: { baseUrl: `http://${listenerUrl}/scim/v2`, auth: { type: 'bearer' } },
          secrets: {},
        },
        { queue: t.queue, secretKey },
      ),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { field: 'secrets' } });

    const sfConfig = {
      loginUrl: 'https://acme.my.salesforce.com',
      auth: { flow: 'clientCredentials', clientId: 'client-1' },
      defaultProfileId: '00e000000000001AAA',
    };
    const sf = base({
      connectorType: 'SALESFORCE',
      config: sfConfig,
      secrets: { clientSecret: 'sf-secret' },
    });
    const { id: sfId } = await saveApplication(t.prisma, actor, sf, { queue: t.queue, secretKey });
    for (const config of [
      { ...sfConfig, loginUrl: `http://${listenerUrl}` },
      { ...sfConfig, auth: { flow: 'clientCredentials', clientId: 'client-2' } },
    ]) {
      await expect(
        saveApplication(
          t.prisma,
          actor,
          { ...sf, id: sfId, config, secrets: {} },
          { queue: t.queue, secretKey },
        ),
      ).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        details: { field: 'secrets' },
      });
    }
    await saveApplication(
      t.prisma,
      actor,
      { ...sf, id: sfId, config: { ...sfConfig, bulkThreshold: 500 }, secrets: {} },
      { queue: t.queue, secretKey },
    );
    expect((await getApplication(t.prisma, sfId, secretKey)).secretFields).toEqual(['clientSecret']);
  });

  it('a secret copied into another application does not open there', async () => {
    const actor = await admin();
    const { id: source } = await saveApplication(
      t.prisma,
      actor,
      base({ config: { ...dir.config }, secrets: { bindPassword: dir.secrets.bindPassword } }),
      { queue: t.queue, secretKey },
    );
    const { id: target } = await saveApplication(
      t.prisma,
      actor,
      base({
        config: { ...dir.config, url: `ldap://${listenerUrl}`, timeoutMs: 1000 },
        secrets: { bindPassword: 'x' },
      }),
      { queue: t.queue, secretKey },
    );
    const { secrets } = await t.prisma.application.findUniqueOrThrow({ where: { id: source } });
    await t.prisma.application.update({ where: { id: target }, data: { secrets } });
    received = '';
    const result = await testApplicationConnection(t.prisma, actor, target, { secretKey });
    expect(result).toMatchObject({ ok: false, kind: 'invalidConfig' });
    expect(received).not.toContain(dir.secrets.bindPassword);
  });

  it('secrets sealed before bindings existed are resealed once, bound to their own row', async () => {
    const v2 = encryptSecret(
      JSON.stringify({ bindPassword: dir.secrets.bindPassword }),
      secretKey,
      applicationSecretBinding('00000000-0000-4000-8000-000000000000'),
    );
    // A v1 box is the same cipher without associated data: build one the way the old code did.
    const { default: crypto } = await import('node:crypto');
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', secretKey, iv);
    const body = Buffer.concat([
      cipher.update(JSON.stringify({ bindPassword: dir.secrets.bindPassword }), 'utf8'),
      cipher.final(),
    ]);
    const v1 = ['v1', iv, cipher.getAuthTag(), body]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join(':');
    expect(v2.startsWith('v2:')).toBe(true);
    const legacy = await createApplication(t.prisma, { config: { ...dir.config } });
    await t.prisma.application.update({ where: { id: legacy.id }, data: { secrets: v1 } });
    const actor = await admin();
    expect(await testApplicationConnection(t.prisma, actor, legacy.id, { secretKey })).toMatchObject({
      ok: false,
      kind: 'invalidConfig',
    });

    expect((await resealLegacySecrets(t.prisma, secretKey)).resealed).toBe(1);
    expect((await resealLegacySecrets(t.prisma, secretKey)).resealed).toBe(0);
    expect((await t.prisma.application.findUniqueOrThrow({ where: { id: legacy.id } })).secrets).toMatch(
      /^v2:/,
    );
    expect(await testApplicationConnection(t.prisma, actor, legacy.id, { secretKey })).toMatchObject({
      ok: true,
    });

    // After the upgrade, an old v1 box copied into a row whose endpoint someone controls is never bound there.
    const planted = await createApplication(t.prisma, {
      config: { ...dir.config, url: `ldap://${listenerUrl}`, timeoutMs: 1000 },
    });
    await t.prisma.application.update({ where: { id: planted.id }, data: { secrets: v1 } });
    expect((await resealLegacySecrets(t.prisma, secretKey)).resealed).toBe(0);
    received = '';
    expect(await testApplicationConnection(t.prisma, actor, planted.id, { secretKey })).toMatchObject({
      ok: false,
      kind: 'invalidConfig',
    });
    expect(received).not.toContain(dir.secrets.bindPassword);

    // Secrets that no longer open are entered again, whole, and that is not a 500.
    await expect(
      saveApplication(
        t.prisma,
        actor,
        {
          ...base({ config: { ...dir.config, url: `ldap://${listenerUrl}`, timeoutMs: 1000 } }),
          id: planted.id,
          key: planted.key,
          secrets: {},
        },
        { queue: t.queue, secretKey },
      ),
    ).resolves.toMatchObject({ id: planted.id });
    await saveApplication(
      t.prisma,
      actor,
      {
        ...base({ config: { ...dir.config } }),
        id: planted.id,
        key: planted.key,
        secrets: { bindPassword: dir.secrets.bindPassword },
      },
      { queue: t.queue, secretKey },
    );
    expect(await testApplicationConnection(t.prisma, actor, planted.id, { secretKey })).toMatchObject({
      ok: true,
    });
  });
});

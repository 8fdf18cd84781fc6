import crypto from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectorDefinition } from '../registry.ts';
import { ConnectorError } from '../sdk/connector-error.ts';
import {
  attributesFor,
  connectorFor,
  runScimClientSuite,
  type TScimTarget,
} from '@/server/testing/scim-client-suite.ts';
import { startTestScimServer, type TTestScimServer } from '@/server/testing/scim-emulator/scim-server.ts';
import { startTokenEndpoint, type TTokenEndpoint } from '@/server/testing/scim-emulator/token-endpoint.ts';

const rand = () => crypto.randomBytes(4).toString('hex');
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as ConnectorError,
  );

async function scimmyTarget(): Promise<TScimTarget> {
  const token = `t-${rand()}`;
  const server = await startTestScimServer({ bearerTokens: [token] });
  return {
    baseUrl: server.baseUrl,
    authorization: `Bearer ${token}`,
    outage: server.outage,
    close: server.close,
  };
}

runScimClientSuite('SCIM 2.0 (scimmy)', scimmyTarget);

describe('SCIM client against scimmy: auth, ETags, throttling', () => {
  const token = `t-${rand()}`;
  const basic = { username: 'provisioner', password: 'p:a"ss' };
  let server: TTestScimServer;
  let target: TScimTarget;
  let tokens: TTokenEndpoint;
  beforeAll(async () => {
    server = await startTestScimServer({ bearerTokens: [token], basic });
    target = { baseUrl: server.baseUrl, authorization: `Bearer ${token}` };
    tokens = await startTokenEndpoint({
      clientId: 'gatehouse',
      clientSecret: 's3cr:t&',
      issue: (t) => server.acceptedTokens.add(t),
    });
  });
  afterAll(async () => {
    await tokens?.close();
    await server?.close();
  });
  const create = (connector: ReturnType<typeof connectorFor>) => {
    const username = `auth-${rand()}`;
    return connector.createAccount({ username, attributes: attributesFor(username), enabled: true });
  };

  it('is registered as the SCIM connector type', () => {
    const def = connectorDefinition('SCIM');
    const connector = def.create({ baseUrl: server.baseUrl, auth: { type: 'bearer' } }, { token });
    expect(connector.capabilities.has('grant')).toBe(true);
    expect(def.defaultMapping.email).toBe('{email}');
  });

  it('authenticates with HTTP Basic, and calls a wrong password a configuration error', async () => {
    const withBasic = connectorFor({ ...target, secrets: basic }, { auth: { type: 'basic' } });
    expect((await create(withBasic)).outcome).toBe('applied');
    const wrong = connectorFor(
      { ...target, secrets: { ...basic, password: 'nope' } },
      { auth: { type: 'basic' } },
    );
    const error = await failure(create(wrong));
    expect(error).toMatchObject({ kind: 'invalidConfig', isRetryable: false });
    expect(error?.message).toContain('401');
  });

  it('calls an unknown bearer token a configuration error', async () => {
    const error = await failure(create(connectorFor({ ...target, authorization: 'Bearer wrong' })));
    expect(error).toMatchObject({ kind: 'invalidConfig', isRetryable: false });
  });

  it('gets an OAuth client-credentials token once, and renews it once when the server refuses it', async () => {
    const oauth = {
      type: 'oauthClientCredentials' as const,
      tokenUrl: tokens.url,
      clientId: 'gatehouse',
      scope: 'scim',
    };
    const connector = connectorFor({ ...target, secrets: { clientSecret: 's3cr:t&' } }, { auth: oauth });
    const before = tokens.requests.length;
    await create(connector);
    await create(connector);
    expect(tokens.requests.slice(before)).toEqual([{ clientAuth: 'basic', scope: 'scim' }]);
    server.acceptedTokens.clear();
    server.acceptedTokens.add(token);
    expect((await create(connector)).outcome).toBe('applied');
    expect(tokens.requests.length - before).toBe(2);

    const post = connectorFor(
      { ...target, secrets: { clientSecret: 's3cr:t&' } },
      { auth: { ...oauth, clientAuth: 'post' } },
    );
    expect((await create(post)).outcome).toBe('applied');
    expect(tokens.requests.at(-1)?.clientAuth).toBe('post');

    const wrong = connectorFor({ ...target, secrets: { clientSecret: 'nope' } }, { auth: oauth });
    const error = await failure(create(wrong));
    expect(error).toMatchObject({ kind: 'invalidConfig', isRetryable: false });
    expect(error?.message).toContain('invalid_client');
  });

  it('sends If-Match with the version it read, and re-reads once on 412', async () => {
    const connector = connectorFor(target);
    const { nativeId } = await create(connector);
    const ref = { nativeId, username: 'x' };
    const version = server.store.version('users', nativeId);
    await connector.updateAccount(ref, { title: 'First' });
    expect(server.requests.findLast((r) => r.method === 'PATCH')).toMatchObject({
      path: `/Users/${nativeId}`,
      ifMatch: version,
    });

    server.beforeNextWrite((kind, id) => server.store.touch(kind, id));
    expect((await connector.updateAccount(ref, { title: 'Second' })).outcome).toBe('applied');
    const patches = server.requests.filter((r) => r.method === 'PATCH' && r.path === `/Users/${nativeId}`);
    expect(patches.length).toBe(3);
    expect(server.store.users.get(nativeId)?.title).toBe('Second');

    // Stale twice: someone keeps writing. Retry later, not a dead letter.
    const stale = () =>
      server.beforeNextWrite((kind, id) => {
        server.store.touch(kind, id);
        stale();
      });
    stale();
    const error = await failure(connector.updateAccount(ref, { title: 'Third' }));
    server.beforeNextWrite(() => {});
    expect(error).toMatchObject({ isRetryable: true });
    expect(error?.message).toContain('412');
  });

  it('sends no If-Match to a server that does not advertise ETags', async () => {
    const plain = await startTestScimServer({ bearerTokens: [token], etag: false });
    try {
      const connector = connectorFor({ baseUrl: plain.baseUrl, authorization: `Bearer ${token}` });
      const { nativeId } = await create(connector);
      expect((await connector.disableAccount({ nativeId, username: 'x' })).outcome).toBe('applied');
      expect(plain.requests.find((r) => r.method === 'PATCH')?.ifMatch).toBeNull();
    } finally {
      await plain.close();
    }
  });

  it("reports 429 and 503 as retryable with the server's Retry-After", async () => {
    const connector = connectorFor(target);
    server.refuse(1, 7, 429);
    expect(await failure(create(connector))).toMatchObject({
      kind: 'rateLimited',
      isRetryable: true,
      retryAfterMs: 7000,
    });
    server.refuse(1, 2, 503);
    expect(await failure(create(connector))).toMatchObject({
      kind: 'unavailable',
      isRetryable: true,
      retryAfterMs: 2000,
    });
    expect((await create(connector)).outcome).toBe('applied');
  });

  it('gives up on a server that does not answer, as a retryable timeout', async () => {
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as net.AddressInfo;
      const connector = connectorFor(
        { baseUrl: `http://127.0.0.1:${port}/scim/v2`, authorization: `Bearer ${token}` },
        { timeoutMs: 500 },
      );
      expect(await failure(connector.testConnection())).toMatchObject({ kind: 'timeout', isRetryable: true });
    } finally {
      await new Promise<void>((resolve) => {
        silent.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    }
  });
});

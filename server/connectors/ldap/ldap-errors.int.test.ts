import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '@/server/infra/free-port.ts';
import { createTestDirectory, type TTestDirectory } from '@/server/testing/test-ldap.ts';
import type { TConnector } from '../sdk/connector.ts';
import { ConnectorError } from '../sdk/connector-error.ts';
import { connectorFor } from '@/server/testing/ldap-fixtures.ts';

let dir: TTestDirectory;
const servers: net.Server[] = [];
const sockets = new Set<net.Socket>();
beforeAll(async () => {
  dir = await createTestDirectory();
});
afterAll(async () => {
  sockets.forEach((s) => s.destroy());
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

/** A TCP server that does something unhelpful with every connection. */
async function misbehavingServer(onConnection: (socket: net.Socket) => void): Promise<string> {
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    onConnection(socket);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `ldap://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
}

async function failure(
  connector: TConnector,
  run: (c: TConnector) => Promise<unknown>,
): Promise<ConnectorError> {
  const error = await run(connector).then(
    () => null,
    (e: unknown) => e,
  );
  await connector.close();
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

const create = (c: TConnector) =>
  c.createAccount!({
    username: `e-${Math.random().toString(36).slice(2, 8)}`,
    attributes: {},
    enabled: true,
  });
const at = (url: string, timeoutMs?: number) =>
  connectorFor({ ...dir, config: { ...dir.config, url } }, timeoutMs ? { timeoutMs } : {});

describe('errors are classified: what a retry can fix, and what it cannot', () => {
  it('connection refused is retryable, and testConnection says the server is unreachable', async () => {
    const url = `ldap://127.0.0.1:${await findFreePort()}`;
    expect(await failure(at(url), create)).toMatchObject({ kind: 'connectionFailed', isRetryable: true });
    const connector = at(url);
    expect(await connector.testConnection()).toMatchObject({
      ok: false,
      details: { reachable: false, bound: false },
    });
    await connector.close();
  });

  it('a server that never answers is a retryable timeout', async () => {
    const url = await misbehavingServer(() => {});
    const error = await failure(at(url, 500), create);
    expect(error).toMatchObject({ kind: 'timeout', isRetryable: true });
  });

  it('a connection reset is retryable', async () => {
    const url = await misbehavingServer((socket) => socket.once('data', () => socket.resetAndDestroy()));
    expect(await failure(at(url), create)).toMatchObject({ kind: 'connectionFailed', isRetryable: true });
  });

  it('invalid credentials are permanent (invalidConfig), and testConnection says so', async () => {
    const wrong = () => connectorFor(dir, {}, 'not-the-password');
    expect(await failure(wrong(), create)).toMatchObject({ kind: 'invalidConfig', isRetryable: false });
    const connector = wrong();
    const report = await connector.testConnection();
    expect(report).toMatchObject({
      ok: false,
      details: { reachable: true, bound: false, errorKind: 'invalidConfig' },
    });
    expect(report.message).toMatch(/invalid credentials/i);
    await connector.close();
  });

  it('insufficient access is permanent once a freshly bound connection confirms it', async () => {
    const admin = connectorFor(dir);
    const { nativeId } = await admin.createAccount({
      username: 'weak-binder',
      attributes: {},
      enabled: true,
      password: 'weak-pw',
    });
    await admin.close();
    const weak = connectorFor({ ...dir, config: { ...dir.config, bindDn: nativeId } }, {}, 'weak-pw');
    const error = await failure(weak, create);
    expect(error).toMatchObject({ kind: 'permissionDenied', isRetryable: false });
    expect(error.message).toMatch(/insufficient access/i);
  });

  it('an undefined attribute type and an object class violation are permanent (invalidAttribute)', async () => {
    const connector = connectorFor(dir);
    const a = await create(connector);
    const ref = { nativeId: a.nativeId, username: 'x' };
    expect(
      await failure(connectorFor(dir), (c) => c.updateAccount!(ref, { noSuchAttributeType: 'x' })),
    ).toMatchObject({
      kind: 'invalidAttribute',
      isRetryable: false,
    });
    // person requires sn.
    expect(await failure(connector, (c) => c.updateAccount!(ref, { sn: null }))).toMatchObject({
      kind: 'invalidAttribute',
    });
  });

  it('an unknown group is permanent (notFound) for a grant and a noop for a revoke', async () => {
    const connector = connectorFor(dir);
    const a = await create(connector);
    const missing = { externalId: `cn=missing,ou=groups,${dir.baseDn}`, kind: 'GROUP' as const };
    expect(await connector.revoke!({ nativeId: a.nativeId, username: 'x' }, missing)).toEqual({
      outcome: 'noop',
    });
    expect(
      await failure(connector, (c) => c.grant!({ nativeId: a.nativeId, username: 'x' }, missing)),
    ).toMatchObject({ kind: 'notFound' });
  });
});

describe('testConnection', () => {
  it('reports reachability, the bind and each place the connector needs', async () => {
    const connector = connectorFor(dir, { disable: { method: 'moveToOu', ou: 'ou=disabled' } });
    const report = await connector.testConnection();
    expect(report.ok).toBe(true);
    expect(report.details).toMatchObject({
      transport: 'plain',
      reachable: true,
      bound: true,
      pagedResults: true,
      found: { base: true, peopleOu: true, groupsOu: true, disabledOu: true },
    });
    await connector.close();
  });

  it('names what is missing', async () => {
    const connector = connectorFor(dir, { groupsOu: 'ou=no-such-groups' });
    const report = await connector.testConnection();
    expect(report.ok).toBe(false);
    expect(report.details).toMatchObject({
      bound: true,
      found: { base: true, peopleOu: true, groupsOu: false },
    });
    expect(report.message).toContain(`groupsOu ou=no-such-groups,${dir.baseDn}`);
    await connector.close();
  });
});

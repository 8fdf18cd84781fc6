import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TListOptions, TPage } from '../sdk/connector.ts';
import { ConnectorError } from '../sdk/connector-error.ts';
import { attributesFor, connectorFor } from '@/server/testing/scim-client-suite.ts';
import { startTestScimServer, type TTestScimServer } from '@/server/testing/scim-emulator/scim-server.ts';

/*
 * Incremental and guarded reads of a SCIM target (issue 11): meta.lastModified filters against
 * scimmy, the fall-back to a full read where a server cannot filter, and paging that cannot loop
 * against a server that ignores startIndex.
 */
const rand = () => crypto.randomBytes(4).toString('hex');

async function readAll<T>(
  list: (cursor: string | null) => Promise<TPage<T>>,
): Promise<{ items: T[]; complete: boolean }> {
  const items: T[] = [];
  let complete = false;
  let cursor: string | null = null;
  do {
    const page: TPage<T> = await list(cursor);
    items.push(...page.items);
    complete ||= page.complete === true;
    cursor = page.nextCursor;
  } while (cursor);
  return { items, complete };
}

describe('SCIM incremental reads against scimmy', () => {
  const token = `t-${rand()}`;
  let server: TTestScimServer;
  beforeAll(async () => {
    server = await startTestScimServer({ bearerTokens: [token] });
  });
  afterAll(() => server?.close());

  it('reads only users and groups changed since an instant, with meta.lastModified ge', async () => {
    const connector = connectorFor(
      { baseUrl: server.baseUrl, authorization: `Bearer ${token}` },
      { pageSize: 2 },
    );
    const create = async (username: string) =>
      (await connector.createAccount({ username, attributes: attributesFor(username), enabled: true }))
        .nativeId;
    const unchanged = await create(`old-${rand()}`);
    const changed = await create(`changed-${rand()}`);
    const quiet = server.store.createGroup(`quiet-${rand()}`);
    const busy = server.store.createGroup(`busy-${rand()}`);
    await connector.grant({ nativeId: unchanged, username: 'old' }, { externalId: quiet, kind: 'GROUP' });
    const old = '2020-01-01T00:00:00.000Z';
    for (const map of [server.store.users, server.store.groups])
      for (const record of map.values()) record.meta = { ...(record.meta as object), lastModified: old };

    const since: TListOptions = { changedSince: new Date() };
    await connector.updateAccount(
      { nativeId: changed, username: 'changed' },
      { title: 'Changed in the target' },
    );
    const fresh = await create(`fresh-${rand()}`);
    await connector.grant({ nativeId: unchanged, username: 'old' }, { externalId: busy, kind: 'GROUP' });

    const accounts = await readAll((c) => connector.listAccounts(c, 1, since));
    expect(accounts.items.map((a) => a.stableId).sort()).toEqual([changed, fresh].sort());
    expect(accounts.complete).toBe(false);
    const filters = server.requests.filter((r) => r.path === '/Users' && r.query.includes('filter'));
    expect(filters.at(-1)?.query).toContain(`meta.lastModified ge "${since.changedSince!.toISOString()}"`);

    const grants = await readAll((c) => connector.listGrants(c, 1, since));
    expect(grants.items).toEqual([{ accountNativeId: unchanged, entitlementExternalId: busy }]);
    // Without changedSince, everything.
    const all = await readAll((c) => connector.listAccounts(c, 2));
    expect(all.items.map((a) => a.stableId)).toEqual(expect.arrayContaining([unchanged, changed, fresh]));
  });
});

/** A SCIM server with switchable faults: ignores startIndex, or refuses every filter as invalidFilter. */
async function startFaultyServer(users: number) {
  const state = { ignoreStartIndex: false, echoStartIndex: true, refuseFilters: false, filtered: 0 };
  const resources = Array.from({ length: users }, (_, i) => ({
    id: `u${i + 1}`,
    userName: `user${i + 1}`,
    active: true,
    meta: { lastModified: '2020-01-01T00:00:00Z' },
  }));
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/scim+json' }).end(JSON.stringify(body));
    if (url.searchParams.has('filter')) {
      state.filtered++;
      if (state.refuseFilters) {
        return send(400, {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
          status: '400',
          scimType: 'invalidFilter',
          detail: 'Filtering on meta is not supported',
        });
      }
    }
    const start = state.ignoreStartIndex ? 1 : Number(url.searchParams.get('startIndex') ?? 1);
    const count = Number(url.searchParams.get('count') ?? 100);
    send(200, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: resources.length,
      itemsPerPage: count,
      ...(state.echoStartIndex ? { startIndex: start } : {}),
      Resources: resources.slice(start - 1, start - 1 + count),
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { baseUrl, state, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('SCIM reads against a faulty server', () => {
  let faulty: Awaited<ReturnType<typeof startFaultyServer>>;
  beforeAll(async () => {
    faulty = await startFaultyServer(5);
  });
  afterAll(() => faulty?.close());
  const connector = () =>
    connectorFor({ baseUrl: faulty.baseUrl, authorization: 'Bearer any' }, { pageSize: 2 });

  it('stops with a permanent error naming the listing when the server ignores startIndex', async () => {
    for (const echo of [true, false]) {
      Object.assign(faulty.state, { ignoreStartIndex: true, echoStartIndex: echo, refuseFilters: false });
      const error = await readAll((c) => connector().listAccounts(c, 2)).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ConnectorError);
      expect((error as ConnectorError).isRetryable).toBe(false);
      expect((error as ConnectorError).message).toContain('list users: the page cursor did not move forward');
    }
    Object.assign(faulty.state, { ignoreStartIndex: false, echoStartIndex: true });
    expect((await readAll((c) => connector().listAccounts(c, 2))).items).toHaveLength(5);
  });

  it('reads everything, and says so, when the server cannot filter on meta.lastModified', async () => {
    Object.assign(faulty.state, { ignoreStartIndex: false, refuseFilters: true, filtered: 0 });
    const read = await readAll((c) => connector().listAccounts(c, 2, { changedSince: new Date() }));
    expect(read.items.map((a) => a.stableId)).toEqual(['u1', 'u2', 'u3', 'u4', 'u5']);
    expect(read.complete).toBe(true);
    // Asked once with the filter, then never again for the later pages.
    expect(faulty.state.filtered).toBe(1);
  });
});

import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type TEmbeddedPostgres } from './embedded-postgres.ts';
import { findFreePort } from './free-port.ts';

const dirs: string[] = [];
const running: TEmbeddedPostgres[] = [];
afterAll(async () => {
  await Promise.all(running.map((c) => c.stop()));
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const folder = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-pg-owner-'));
  dirs.push(dir);
  return path.join(dir, 'pg');
};
const start = async (dataDir: string, password: string) => {
  const cluster = await startEmbeddedPostgres({ dataDir, password, durable: false });
  running.push(cluster);
  return cluster;
};
const stop = async (cluster: TEmbeddedPostgres) => {
  running.splice(running.indexOf(cluster), 1);
  await cluster.stop();
};
/** Whether the owner signs in with this password: true, or the server's SQLSTATE. */
async function signsIn(port: number, password: string): Promise<true | string> {
  const client = new pg.Client({
    host: '127.0.0.1',
    port,
    user: 'gatehouse',
    password,
    database: 'postgres',
  });
  try {
    await client.connect();
    return true;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  } finally {
    await client.end().catch(() => {});
  }
}
const generated = () => crypto.randomBytes(24).toString('base64url');

describe('the embedded PostgreSQL’s owner', () => {
  it('has the password it was created with, and no other, on every start', async () => {
    const dataDir = folder();
    const password = generated();
    const first = await start(dataDir, password);
    expect(first.passwordReplaced).toBe(false);
    expect(await signsIn(first.port, password)).toBe(true);
    expect(await signsIn(first.port, 'gatehouse')).toBe('28P01');
    await stop(first);

    const again = await start(dataDir, password);
    expect(again.passwordReplaced).toBe(false);
    const owner = new pg.Client({ connectionString: again.url('postgres') });
    await owner.connect();
    expect((await owner.query<{ user: string }>('SELECT current_user AS "user"')).rows).toEqual([
      { user: 'gatehouse' },
    ]);
    await owner.end();
    await stop(again);

    // Another password (secrets.json lost or swapped) is refused, and the server it started is not left running.
    await expect(startEmbeddedPostgres({ dataDir, password: generated(), durable: false })).rejects.toThrow(
      /refuses its owner's password.*secrets\.json/,
    );
    expect(fs.existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
  });

  it('replaces the fixed password of a folder an earlier version created, once', async () => {
    const dataDir = folder();
    // What earlier versions did: every cluster's owner had the password "gatehouse".
    await stop(await start(dataDir, 'gatehouse'));

    const password = generated();
    const upgraded = await start(dataDir, password);
    expect(upgraded.passwordReplaced).toBe(true);
    expect(await signsIn(upgraded.port, password)).toBe(true);
    expect(await signsIn(upgraded.port, 'gatehouse')).toBe('28P01');
    await stop(upgraded);

    const later = await start(dataDir, password);
    expect(later.passwordReplaced).toBe(false);
    expect(await signsIn(later.port, password)).toBe(true);
  });
});

describe('two embedded PostgreSQLs started at once', () => {
  it('both start when they prefer the same port, each on a port of its own', async () => {
    // Two launchers (the end-to-end portal and a demo beside it) prefer the same port. The second
    // checks the port while the first is in initdb: free then, and still free, since the first binds
    // it only after its initdb. A choice made by checking would give both the same port.
    const preferredPort = await findFreePort();
    let inInitdb!: () => void;
    const firstInInitdb = new Promise<void>((resolve) => (inInitdb = resolve));
    const started = async (onLog?: (line: string) => void) => {
      const cluster = await startEmbeddedPostgres({
        dataDir: folder(),
        password: generated(),
        preferredPort,
        durable: false,
        onLog,
      });
      running.push(cluster);
      return cluster;
    };
    const first = started(() => inInitdb());
    await firstInInitdb;
    const [a, b] = await Promise.all([first, started()]);

    expect(new Set([a.port, b.port]).size).toBe(2);
    expect([a.port, b.port]).toContain(preferredPort);
    for (const cluster of [a, b]) {
      const client = new pg.Client({ connectionString: cluster.url('postgres') });
      await client.connect();
      expect((await client.query<{ port: string }>('SHOW port')).rows).toEqual([
        { port: String(cluster.port) },
      ]);
      await client.end();
    }
  });
});

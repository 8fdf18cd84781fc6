import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { waitForHealthy } from './wait-for-healthy.ts';

let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A real HTTP server whose health answers with the given statuses in turn, then the last one. */
async function serveHealth(statuses: number[]): Promise<string> {
  let calls = 0;
  server = http.createServer((_req, res) => {
    res.statusCode = statuses[Math.min(calls++, statuses.length - 1)] ?? 500;
    res.end();
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/health`;
}

describe('waitForHealthy (the launcher says "running" only on it)', () => {
  it('is true once the health check answers OK', async () => {
    expect(await waitForHealthy(await serveHealth([503, 503, 200]), 30_000, 10)).toBe(true);
  });

  it('is false when the time runs out without an OK', async () => {
    expect(await waitForHealthy(await serveHealth([503]), 200, 10)).toBe(false);
  });

  it('is false when nothing answers at all', async () => {
    const url = await serveHealth([200]);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    expect(await waitForHealthy(url, 200, 10)).toBe(false);
  });
});

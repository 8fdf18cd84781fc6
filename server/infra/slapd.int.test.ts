import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { holdsListeningPort } from './port-owner.ts';
import { startSlapd } from './slapd.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});
const folder = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-slapd-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
};
/** Another program's server on a port of its own: it answers connections, as slapd would. */
async function squatter(): Promise<number> {
  const server = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.address() as net.AddressInfo).port;
}

describe('slapd on a port another process holds', () => {
  it('refuses to start on it, rather than leave the caller talking to the other process', async () => {
    const port = await squatter();
    await expect(startSlapd({ dir: folder(), port })).rejects.toThrow(
      `slapd could not listen on 127.0.0.1:${port}: another process holds it`,
    );
  });

  it('knows its own listener from another process’s', async () => {
    const port = await squatter();
    expect(holdsListeningPort(process.pid, port)).toBe(true);
    const slapd = await startSlapd({ dir: folder() });
    cleanups.push(() => slapd.stop());
    expect(holdsListeningPort(slapd.pid()!, slapd.port)).toBe(true);
    expect(holdsListeningPort(slapd.pid()!, port)).toBe(false);
    expect(holdsListeningPort(process.pid, slapd.port)).toBe(false);
  });

  it('moves off a preferred port another process holds, leaving it alone and no slapd behind', async () => {
    const preferred = await squatter();
    const slapd = await startSlapd({ dir: folder(), preferredPort: preferred });
    const pid = slapd.pid()!;
    expect(slapd.port).not.toBe(preferred);
    expect(holdsListeningPort(pid, slapd.port)).toBe(true);
    // The squatter still holds its port, and slapd does not.
    expect(holdsListeningPort(process.pid, preferred)).toBe(true);
    expect(holdsListeningPort(pid, preferred)).toBe(false);
    await slapd.stop();
    // Stopped means gone: the only slapd this start made has exited.
    expect(fs.existsSync(`/proc/${pid}`)).toBe(false);
  });
});

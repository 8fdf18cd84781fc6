import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { holdsListeningPort } from './port-owner.ts';
import { startSlapd } from './slapd.ts';
import { findFreePort } from './free-port.ts';

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

  it('cannot tell whether a live process holds a port when its open files may not be read', async () => {
    // A hardened /proc or a sandbox hides /proc/<pid>/fd of a live process. Before, that read as
    // "exited", and a live slapd was taken for a dead one: five starts, five orphans, a failure.
    const port = await squatter();
    const hidden = `/proc/${process.pid}/fd`;
    const readdir = fs.readdirSync;
    const spy = vi.spyOn(fs, 'readdirSync').mockImplementation(((dir: fs.PathLike, ...rest: never[]) => {
      if (String(dir) === hidden) throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
      return readdir(dir, ...rest);
    }) as typeof fs.readdirSync);
    try {
      expect(holdsListeningPort(process.pid, port)).toBeNull();
    } finally {
      spy.mockRestore();
    }
    expect(holdsListeningPort(process.pid, port)).toBe(true);
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

  it('moves when the chosen port is taken before it binds, the taker untouched and no slapd left behind', async () => {
    // Another process takes the port once slapd.conf is written, after the port was chosen free and
    // before slapd binds it (its check and initial load come between): the start's retry moves it.
    const dir = folder();
    const preferred = await findFreePort();
    const taker = spawn(
      process.execPath,
      [
        '-e',
        `const fs = require('node:fs'), net = require('node:net');
         const poll = setInterval(() => {
           if (!fs.existsSync(process.argv[1])) return;
           clearInterval(poll);
           net.createServer((s) => s.destroy()).listen(+process.argv[2], '127.0.0.1', () => console.log('bound'));
         }, 1);
         console.log('ready');`,
        path.join(dir, 'slapd.conf'),
        String(preferred),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    cleanups.push(() => void taker.kill('SIGKILL'));
    const said: string[] = [];
    taker.stdout!.on('data', (b: Buffer) => said.push(...b.toString().trim().split('\n')));
    await new Promise<void>((resolve) => taker.stdout!.once('data', () => resolve()));
    const log: string[] = [];
    const slapd = await startSlapd({ dir, preferredPort: preferred, onLog: (line) => log.push(line) });
    expect(log).toContain(`port ${preferred} was taken before slapd could bind it: trying another\n`);
    expect(said).toEqual(['ready', 'bound']);
    expect(slapd.port).not.toBe(preferred);
    expect(holdsListeningPort(slapd.pid()!, slapd.port)).toBe(true);
    expect(holdsListeningPort(taker.pid!, preferred)).toBe(true);
    expect(slapdsOf(dir)).toEqual([slapd.pid()]);
    await slapd.stop();
    // No slapd of this folder runs: neither the one stopped nor any earlier try.
    expect(slapdsOf(dir)).toEqual([]);
    expect(taker.exitCode).toBeNull();
  });
});

/** The pids of the slapd processes started with this folder's slapd.conf. */
function slapdsOf(dir: string): number[] {
  const conf = path.join(dir, 'slapd.conf');
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const [program, ...args] = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return path.basename(program ?? '') === 'slapd' && args.includes(conf);
      } catch {
        return false; // exited meanwhile
      }
    })
    .map(Number);
}

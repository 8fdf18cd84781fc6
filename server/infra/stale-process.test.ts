import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stopStaleServer } from './stale-process.ts';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('stopStaleServer', () => {
  const children: number[] = [];
  afterEach(() => {
    for (const pid of children.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
  });

  it('stops the process a pid file names only when it is the expected program', async () => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    children.push(child.pid!);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-pid-')), 'server.pid');
    fs.writeFileSync(file, `${child.pid}\n/some/data/dir\n`);
    // Not slapd: a pid reused by another program after a reboot is left alone.
    expect(await stopStaleServer(file, 'slapd')).toBe(false);
    expect(alive(child.pid!)).toBe(true);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    expect(await stopStaleServer(file, 'setInterval')).toBe(true);
    await exited;
    expect(alive(child.pid!)).toBe(false);
  });
});

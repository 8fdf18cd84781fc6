import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The command line of a running process, or null where it cannot be read. */
function commandOf(pid: number): string | null {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    try {
      return execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
    } catch {
      return null;
    }
  }
}

/**
 * A server left running by a launcher that was killed outright still holds its data folder. Stop
 * it (SIGINT is PostgreSQL's fast shutdown; slapd takes SIGINT too) before starting a new one. Only
 * when the pid file's process is that program: after a reboot the number may belong to another.
 */
export async function stopStaleServer(
  pidFile: string,
  program: string,
  timeoutMs = 15_000,
): Promise<boolean> {
  if (!fs.existsSync(pidFile)) return false;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]?.trim());
  if (!Number.isInteger(pid) || pid <= 1 || !isAlive(pid)) return false;
  if (!commandOf(pid)?.includes(program)) return false;
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  return true;
}

import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { TEST_SECRET_KEY } from './test-ldap.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

export type TWorkerProcess = {
  child: ChildProcess;
  output: () => string;
  kill: (signal: NodeJS.Signals) => Promise<void>;
};

/**
 * The real worker (`jobs/worker.ts`) as its own process, for tests that kill it. Loaded with
 * `--import tsx`, as the launcher starts it: tsx's CLI runs a script in a child of its own, so a
 * SIGKILL of the CLI left the worker running, orphaned, through the rest of the suite.
 */
export function spawnWorkerProcess(databaseUrl: string, env: Record<string, string> = {}): TWorkerProcess {
  let output = '';
  const child = spawnTestProcess('jobs/worker.ts', { DATABASE_URL: databaseUrl, ...env });
  child.stdout?.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
  return {
    child,
    output: () => output,
    kill: (signal) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

/**
 * A TypeScript entry point of this repository as a process of its own, loaded with `--import tsx`
 * (the process is the script, so a signal reaches it), with the test secrets and `env`.
 */
export function spawnTestProcess(script: string, env: Record<string, string>) {
  return spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, script)], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      GATEHOUSE_SECRET_KEY: TEST_SECRET_KEY,
      NEXTAUTH_SECRET: 'test-secret-that-is-long-enough',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

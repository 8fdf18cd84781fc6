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
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'jobs/worker.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      GATEHOUSE_SECRET_KEY: TEST_SECRET_KEY,
      NEXTAUTH_SECRET: 'test-secret-that-is-long-enough',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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

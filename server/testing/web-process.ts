import { spawnTestProcess } from './worker-process.ts';

export type TWebProcess = { url: string; output: () => string; stop: () => Promise<void> };

/** A web process of its own (web-process-main.ts): SCIM and HR uploads over HTTP on one database. */
export async function spawnWebProcess(databaseUrl: string, uploaderId: string): Promise<TWebProcess> {
  let output = '';
  const child = spawnTestProcess('server/testing/web-process-main.ts', {
    DATABASE_URL: databaseUrl,
    GATEHOUSE_TEST_UPLOADER_ID: uploaderId,
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    child.stdout.on('data', (b: Buffer) => {
      output += b.toString();
      const m = /listening (\S+)/.exec(output);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the web process exited (${code}): ${output}`)));
  });
  return { url, output: () => output, stop };
}

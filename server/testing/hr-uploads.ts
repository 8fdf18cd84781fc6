import fs from 'node:fs';
import path from 'node:path';
import type { TUserActor } from '@/server/auth/actor.ts';
import { parseSecretKey } from '@/server/lib/secret-box.ts';
import { runSource, startSourceRun } from '@/server/modules/sources/index.ts';
import type { TTestContext } from './test-context.ts';
import { TEST_SECRET_KEY } from './test-ldap.ts';

/** What a source run needs, as the worker gives it: the queue, the folder files wait in, the secret key. */
export const sourceRunDeps = (t: TTestContext, dir: string) => ({
  queue: t.queue,
  files: { dir },
  secretKey: parseSecretKey(TEST_SECRET_KEY),
});

/**
 * Uploads `csv` to an HR CSV source as `actor` and runs the run to its end, as the worker would: the
 * HR sources' integration tests each ask for it with their own rows and read what they need of the run.
 */
export async function uploadAndRun(
  t: TTestContext,
  dir: string,
  actor: TUserActor,
  sourceId: string,
  csv: string,
  options: { name?: string; changedInMemoryLimit?: number } = {},
) {
  const { name = 'hr.csv', ...extra } = options;
  const file = path.join(dir, `upload-${Math.random()}.csv`);
  fs.writeFileSync(file, csv);
  const deps = sourceRunDeps(t, dir);
  const { runId } = await startSourceRun(
    t.prisma,
    actor,
    { sourceId, trigger: 'UPLOAD', file: { path: file, name } },
    deps,
  );
  return { runId, status: await runSource(t.prisma, runId, { ...deps, ...extra }) };
}

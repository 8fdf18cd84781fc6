import type { TUserActor } from '@/server/auth/actor.ts';
import type { TPrisma } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import type { TSourceFiles } from './source-files.ts';
import { startSourceRun } from './start-source-run.ts';
import { watchSourceFolders } from './watch-source-folders.ts';

/** "Run now": an HR database source runs its query; an HR CSV source looks in its folder at once. */
export async function runSourceNow(
  db: TPrisma,
  actor: TUserActor,
  input: { sourceId: string },
  deps: { queue: TJobQueue; files: TSourceFiles },
): Promise<{ runIds: string[] }> {
  const source = await db.identitySource.findUnique({
    where: { id: input.sourceId },
    select: { kind: true, enabled: true, name: true },
  });
  if (!source) throw new AppError('NOT_FOUND', 'No such source');
  if (source.kind === 'HR_CSV') {
    if (!source.enabled) throw new AppError('PRECONDITION_FAILED', `${source.name} is disabled`);
    const runIds = await watchSourceFolders(db, {
      ...deps,
      sourceId: input.sourceId,
      now: new Date(Date.now() + 60_000),
    });
    if (runIds.length === 0)
      throw new AppError(
        'PRECONDITION_FAILED',
        'No new file in the folder: upload a file, or drop one in the folder',
      );
    return { runIds };
  }
  return {
    runIds: [(await startSourceRun(db, actor, { sourceId: input.sourceId, trigger: 'MANUAL' }, deps)).runId],
  };
}

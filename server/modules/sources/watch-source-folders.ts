import fs from 'node:fs';
import path from 'node:path';
import { systemActor } from '@/server/auth/actor.ts';
import type { TPrisma } from '@/server/db/client.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { parseSourceConfig } from './source-config.ts';
import {
  claimDropFile,
  realDropFolder,
  releaseStaleClaims,
  retireDropFile,
  type TSourceFiles,
} from './source-files.ts';
import { startSourceRun } from './start-source-run.ts';

/** A file still being written (changed in the last seconds) waits for the next poll. */
const SETTLE_MS = 5_000;
/** A claim this old has no live worker behind it (staging takes seconds): the file is offered again. */
export const STALE_CLAIM_MS = 15 * 60_000;

/**
 * Picks up new files in the drop folders of enabled HR CSV sources: each becomes a run (the file is
 * claimed by a rename at once, so it is never picked up twice, even by two workers; once staged in
 * PostgreSQL it lands in <folder>/processed). Oldest first, so the order of drops is the order of runs.
 * Claims left by a worker that died are given back first (releaseStaleClaims).
 */
export async function watchSourceFolders(
  db: TPrisma,
  deps: { queue: TJobQueue; files: TSourceFiles; now?: Date; sourceId?: string },
): Promise<string[]> {
  const now = (deps.now ?? new Date()).getTime();
  const sources = await db.identitySource.findMany({
    where: { kind: 'HR_CSV', enabled: true, ...(deps.sourceId ? { id: deps.sourceId } : {}) },
    select: { id: true, config: true },
  });
  const runs: string[] = [];
  for (const source of sources) {
    // A folder saved before drop folders were confined, or since taken off the allow-list, is not read.
    const folder = await realDropFolder(deps.files, parseSourceConfig(source.config).folder);
    if (!folder) continue;
    const lastRun = await db.sourceRun.findFirst({
      where: { sourceId: source.id, trigger: 'FOLDER' },
      orderBy: { startedAt: 'desc' },
      select: { startedAt: true },
    });
    const stale = await releaseStaleClaims(deps.files, folder, {
      now,
      staleMs: STALE_CLAIM_MS,
      lastRunAt: lastRun?.startedAt ?? null,
    });
    if (stale.released.length)
      console.warn(
        `HR drop folder ${folder}: offered again after a stale claim: ${stale.released.join(', ')}`,
      );
    if (stale.superseded.length)
      console.warn(
        `HR drop folder ${folder}: not run, a newer file ran since it was claimed (kept in processed/ as superseded-…): ${stale.superseded.join(', ')}`,
      );
    let names: string[];
    try {
      names = await fs.promises.readdir(folder);
    } catch {
      continue;
    }
    const files = (
      await Promise.all(
        names
          .filter((n) => n.toLowerCase().endsWith('.csv') && !n.startsWith('.'))
          .map(async (name) => {
            // lstat: a link in the folder could point anywhere; only files that are really there are read.
            const stat = await fs.promises.lstat(path.join(folder, name)).catch(() => null);
            return stat?.isFile() && now - stat.mtimeMs >= SETTLE_MS ? { name, mtime: stat.mtimeMs } : null;
          }),
      )
    )
      .filter((f): f is { name: string; mtime: number } => f !== null)
      .sort((a, b) => a.mtime - b.mtime || a.name.localeCompare(b.name));
    for (const f of files) {
      const claimed = await claimDropFile(folder, f.name);
      if (!claimed) continue;
      try {
        const file = { name: f.name, content: fs.createReadStream(claimed) };
        runs.push(
          (
            await startSourceRun(
              db,
              systemActor('SCHEDULER'),
              { sourceId: source.id, trigger: 'FOLDER', file },
              deps,
            )
          ).runId,
        );
      } catch (error) {
        // Not staged: the file goes back where it was dropped, for the next poll.
        await fs.promises.rename(claimed, path.join(folder, f.name)).catch(() => {});
        throw error;
      }
      await retireDropFile(deps.files, folder, claimed, f.name);
    }
  }
  return runs;
}

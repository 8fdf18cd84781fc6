import fs from 'node:fs';
import path from 'node:path';

/**
 * Where HR files wait for their run: <dir>/source-runs/<runId>.csv. The web process (uploads) and the
 * worker (runs, folder polls) must share this folder, as they share the configured drop folders.
 */
export type TSourceFiles = { dir: string };

export function stagedFilePath(files: TSourceFiles, runId: string): string {
  return path.join(files.dir, 'source-runs', `${runId}.csv`);
}

/** Moves a file into place (rename, or copy and delete across file systems). */
export async function moveFile(from: string, to: string): Promise<void> {
  await fs.promises.mkdir(path.dirname(to), { recursive: true });
  try {
    await fs.promises.rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await fs.promises.copyFile(from, to);
    await fs.promises.unlink(from);
  }
}

/** After a run: a file from a drop folder goes to <folder>/processed; an uploaded one is deleted. */
export async function retireStagedFile(files: TSourceFiles, run: { id: string; trigger: string; fileName: string | null }, folder: string | undefined): Promise<void> {
  const staged = stagedFilePath(files, run.id);
  if (!fs.existsSync(staged)) return;
  if (run.trigger === 'FOLDER' && folder) {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    await moveFile(staged, path.join(folder, 'processed', `${stamp}-${path.basename(run.fileName ?? `${run.id}.csv`)}`));
  } else {
    await fs.promises.rm(staged, { force: true });
  }
}

import fs from 'node:fs';
import path from 'node:path';

/**
 * Where HR files wait for their run: <dir>/source-runs/<runId>.csv. The web process (uploads) and the
 * worker (runs, folder polls) must share this folder, as they share the configured drop folders.
 */
export type TSourceFiles = {
  dir: string;
  /** Folders besides the data folder an admin may name as drop folders (GATEHOUSE_SOURCE_FOLDERS). */
  dropFolderRoots?: readonly string[];
};

/** The data folder's own subfolders: staged files, uploads in flight. A drop folder there would eat them. */
const INTERNAL = ['source-runs', 'uploads'];

const isWithin = (root: string, p: string) => {
  const rel = path.relative(root, p);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
};

function isAllowedDropFolder(files: TSourceFiles, folder: string): boolean {
  const data = path.resolve(files.dir);
  // Even when an allowed folder holds the data folder: a poll of staged files would run them forever.
  if (folder === data || INTERNAL.some((d) => isWithin(path.join(data, d), folder))) return false;
  return isWithin(data, folder) || (files.dropFolderRoots ?? []).some((root) => isWithin(path.resolve(root), folder));
}

/**
 * Why `folder` cannot be a drop folder, or null when it can. An admin names the folder, the worker
 * reads and moves files there: it must lie inside the data folder or a folder the operator allows.
 * `..` is resolved here; symbolic links are followed by realDropFolder, when the folder exists.
 */
export function dropFolderProblem(files: TSourceFiles, folder: string): string | null {
  if (!path.isAbsolute(folder)) return 'The folder must be an absolute path';
  if (isAllowedDropFolder(files, path.resolve(folder))) return null;
  const others = files.dropFolderRoots?.length ? ` or inside ${files.dropFolderRoots.join(', ')}` : '';
  return `The folder must be a folder in the data folder ${path.resolve(files.dir)}${others} (the operator allows others in GATEHOUSE_SOURCE_FOLDERS)`;
}

const realOr = (p: string) => fs.promises.realpath(p).catch(() => path.resolve(p));

/** The drop folder as it really is on disk (links followed), or null when it is not allowed or not there. */
export async function realDropFolder(files: TSourceFiles, folder: string | undefined): Promise<string | null> {
  if (!folder || dropFolderProblem(files, folder)) return null;
  const real = await fs.promises.realpath(folder).catch(() => null);
  if (!real) return null;
  const realFiles = { dir: await realOr(files.dir), dropFolderRoots: await Promise.all((files.dropFolderRoots ?? []).map(realOr)) };
  return isAllowedDropFolder(realFiles, real) ? real : null;
}

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

/** After a run: a file from a drop folder goes to <folder>/processed (if the folder is still allowed); any other is deleted. */
export async function retireStagedFile(files: TSourceFiles, run: { id: string; trigger: string; fileName: string | null }, folder: string | undefined): Promise<void> {
  const staged = stagedFilePath(files, run.id);
  if (!fs.existsSync(staged)) return;
  const dropFolder = run.trigger === 'FOLDER' ? await realDropFolder(files, folder) : null;
  const processed = dropFolder ? path.join(dropFolder, 'processed') : null;
  if (processed) await fs.promises.mkdir(processed, { recursive: true });
  // processed/ may itself be a link: the file goes there only if that is still inside the folder.
  if (processed && (await realDropFolder(files, processed))) {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    await moveFile(staged, path.join(processed, `${stamp}-${path.basename(run.fileName ?? `${run.id}.csv`)}`));
  } else {
    await fs.promises.rm(staged, { force: true });
  }
}

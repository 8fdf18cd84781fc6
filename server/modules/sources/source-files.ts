import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The folders the worker may read HR drop folders in: the data folder and GATEHOUSE_SOURCE_FOLDERS.
 * Files waiting for their run are not here but in PostgreSQL (staged-files.ts, docs/decisions/074).
 */
export type TSourceFiles = {
  dir: string;
  /** Folders besides the data folder an admin may name as drop folders (GATEHOUSE_SOURCE_FOLDERS). */
  dropFolderRoots?: readonly string[];
};

/** The data folder's subfolders where earlier versions staged files: a drop folder there could re-run them. */
const INTERNAL = ['source-runs', 'uploads'];

const isWithin = (root: string, p: string) => {
  const rel = path.relative(root, p);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
};

function isAllowedDropFolder(files: TSourceFiles, folder: string): boolean {
  const data = path.resolve(files.dir);
  // Even when an allowed folder holds the data folder: a poll of staged files would run them forever.
  if (folder === data || INTERNAL.some((d) => isWithin(path.join(data, d), folder))) return false;
  return (
    isWithin(data, folder) ||
    (files.dropFolderRoots ?? []).some((root) => isWithin(path.resolve(root), folder))
  );
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
export async function realDropFolder(
  files: TSourceFiles,
  folder: string | undefined,
): Promise<string | null> {
  if (!folder || dropFolderProblem(files, folder)) return null;
  const real = await fs.promises.realpath(folder).catch(() => null);
  if (!real) return null;
  const realFiles = {
    dir: await realOr(files.dir),
    dropFolderRoots: await Promise.all((files.dropFolderRoots ?? []).map(realOr)),
  };
  return isAllowedDropFolder(realFiles, real) ? real : null;
}

/** Moves a file into place (rename, or copy and delete across file systems). */
async function moveFile(from: string, to: string): Promise<void> {
  await fs.promises.mkdir(path.dirname(to), { recursive: true });
  try {
    await fs.promises.rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await fs.promises.copyFile(from, to);
    await fs.promises.unlink(from);
  }
}

/** A claim carries the file's own name, so a claim left by a worker that died can be given back. */
const CLAIM = /^\.([0-9a-f]{12})\.claimed\.(.+)$/;
/** Claims from before names were kept in them (`.<uuid>.claimed`): their name is lost. */
const NAMELESS_CLAIM = /^\.([0-9a-f-]{36})\.claimed$/;

/**
 * Takes a dropped file out of the folder's listing before it is read: a rename to a hidden name, so of
 * two workers polling at once one wins and the other gets null.
 */
export async function claimDropFile(folder: string, name: string): Promise<string | null> {
  const token = crypto.randomBytes(6).toString('hex');
  // A name too long to carry (file names stop at 255 bytes) is claimed without it, as before.
  const withName = `.${token}.claimed.${name}`;
  const claimed = path.join(
    folder,
    Buffer.byteLength(withName) <= 255 ? withName : `.${crypto.randomUUID()}.claimed`,
  );
  try {
    await fs.promises.rename(path.join(folder, name), claimed);
    return claimed;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Gives back the claims older than `staleMs` (by their change time, which the claiming rename set):
 * a worker that claimed a file and died before staging it would otherwise hide it for ever. Staging
 * streams a file into PostgreSQL in seconds, so a claim that old has no worker behind it; should one
 * still be staging, the file runs twice, and a second run of the same snapshot changes nothing.
 * But an HR file is a snapshot: one claimed before the source's latest folder run (`lastRunAt`) is
 * older than what that run applied, and applying it now would undo it (people hired since would
 * leave). Such a claim is not offered again: it goes to processed/ as `superseded-<name>`.
 * Returns the names given back and the names set aside.
 */
export async function releaseStaleClaims(
  files: TSourceFiles,
  folder: string,
  opts: { now: number; staleMs: number; lastRunAt: Date | null },
): Promise<{ released: string[]; superseded: string[] }> {
  const { now, staleMs, lastRunAt } = opts;
  const names = await fs.promises.readdir(folder).catch(() => [] as string[]);
  const released: string[] = [];
  const superseded: string[] = [];
  for (const entry of names) {
    const match = CLAIM.exec(entry) ?? NAMELESS_CLAIM.exec(entry);
    if (!match) continue;
    const claimed = path.join(folder, entry);
    const stat = await fs.promises.lstat(claimed).catch(() => null);
    if (!stat?.isFile() || now - stat.ctimeMs < staleMs) continue;
    const name = match[2] ?? `recovered-${match[1]}.csv`;
    if (lastRunAt && stat.ctimeMs < lastRunAt.getTime()) {
      await retireDropFile(files, folder, claimed, `superseded-${name}`);
      superseded.push(name);
      continue;
    }
    // Never over a file dropped since under the same name: that one is newer.
    const target = path.join(folder, name);
    if (
      await fs.promises.lstat(target).then(
        () => true,
        () => false,
      )
    )
      continue;
    await fs.promises.rename(claimed, target).then(
      () => released.push(name),
      (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error; // another worker gave it back first
      },
    );
  }
  return { released, superseded };
}

/** A dropped file, once staged, goes to <folder>/processed (if that is still inside an allowed folder); otherwise it is deleted. */
export async function retireDropFile(
  files: TSourceFiles,
  folder: string,
  claimed: string,
  name: string,
): Promise<void> {
  const processed = path.join(folder, 'processed');
  await fs.promises.mkdir(processed, { recursive: true });
  // processed/ may itself be a link: the file goes there only if that is still inside the folder.
  if (await realDropFolder(files, processed)) {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    await moveFile(claimed, path.join(processed, `${stamp}-${path.basename(name)}`));
  } else {
    await fs.promises.rm(claimed, { force: true });
  }
}

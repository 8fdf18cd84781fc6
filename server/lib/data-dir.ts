import os from 'node:os';
import path from 'node:path';
import { fileSettings } from '@/server/env.ts';

/**
 * The data folder: where HR drop folders may live without GATEHOUSE_SOURCE_FOLDERS. Uploaded files do
 * not pass through it (they are staged in PostgreSQL, docs/decisions/074), so web processes and workers
 * need not share it unless they share drop folders.
 */
export function defaultDataDir(): string {
  return fileSettings().GATEHOUSE_DATA_DIR || path.join(os.tmpdir(), 'gatehouse');
}

/**
 * Folders outside the data folder that admins may name as HR drop folders: GATEHOUSE_SOURCE_FOLDERS,
 * absolute paths separated by the platform's path delimiter (":" as in PATH). server/env.ts checks it.
 */
export function sourceFolderAllowList(
  raw: string | undefined = fileSettings().GATEHOUSE_SOURCE_FOLDERS,
): string[] {
  return (raw ?? '')
    .split(path.delimiter)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => path.resolve(p));
}

import os from 'node:os';
import path from 'node:path';
import { fileSettings } from '@/server/env.ts';

/**
 * The folder the web app and the worker share for files in flight (staged HR files). The launcher
 * points it into its data folder; elsewhere set GATEHOUSE_DATA_DIR to a folder both can reach.
 */
export function defaultDataDir(): string {
  return fileSettings().GATEHOUSE_DATA_DIR || path.join(os.tmpdir(), 'gatehouse');
}

/**
 * Folders outside the data folder that admins may name as HR drop folders: GATEHOUSE_SOURCE_FOLDERS,
 * absolute paths separated by the platform's path delimiter (":" as in PATH). server/env.ts checks it.
 */
export function sourceFolderAllowList(raw: string | undefined = fileSettings().GATEHOUSE_SOURCE_FOLDERS): string[] {
  return (raw ?? '')
    .split(path.delimiter)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => path.resolve(p));
}

import path from 'node:path';
import { getEnv } from '@/server/env.ts';
import { defaultDataDir, sourceFolderAllowList } from '@/server/lib/data-dir.ts';

/** Where the web app stages HR files for the worker (the same folder the worker reads), and the drop folders it may name. */
export const sourceFiles = () => ({
  dir: path.resolve(getEnv().GATEHOUSE_DATA_DIR || defaultDataDir()),
  dropFolderRoots: sourceFolderAllowList(getEnv().GATEHOUSE_SOURCE_FOLDERS),
});

import path from 'node:path';
import { getEnv } from '@/server/env.ts';
import { defaultDataDir, sourceFolderAllowList } from '@/server/lib/data-dir.ts';

/** The folders an admin may name as HR drop folders (the data folder and GATEHOUSE_SOURCE_FOLDERS); uploads need none (docs/decisions/074). */
export const sourceFiles = () => ({
  dir: path.resolve(getEnv().GATEHOUSE_DATA_DIR || defaultDataDir()),
  dropFolderRoots: sourceFolderAllowList(getEnv().GATEHOUSE_SOURCE_FOLDERS),
});

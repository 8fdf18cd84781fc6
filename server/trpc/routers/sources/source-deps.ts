import path from 'node:path';
import { defaultDataDir, sourceFolderAllowList } from '@/server/lib/data-dir.ts';
import { getEnv } from '@/server/env.ts';
import { getWebBoss } from '@/server/queue/boss.ts';
import { createSourceScheduler } from '@/server/queue/source-scheduler.ts';

/** Where the web app stages HR files for the worker (the same folder the worker reads). */
export const sourceFiles = () => ({ dir: path.resolve(getEnv().GATEHOUSE_DATA_DIR || defaultDataDir()), dropFolderRoots: sourceFolderAllowList(getEnv().GATEHOUSE_SOURCE_FOLDERS) });
export const sourceScheduler = async () => createSourceScheduler(await getWebBoss());

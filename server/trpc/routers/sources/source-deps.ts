import { getWebBoss } from '@/server/queue/boss.ts';
import { createSourceScheduler } from '@/server/queue/source-scheduler.ts';

export const sourceScheduler = async () => createSourceScheduler(await getWebBoss());

// The provisioning worker process: `npm run worker` (the launcher starts it for you).
import { getEnv } from '@/server/env.ts';
import { startWorker } from './start-worker.ts';

const env = getEnv();
const worker = await startWorker({ databaseUrl: env.DATABASE_URL, secretKey: env.GATEHOUSE_SECRET_KEY, dataDir: env.GATEHOUSE_DATA_DIR });

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`[worker] ${signal}: finishing the jobs in hand`);
    worker.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('[worker] stop failed', error);
        process.exit(1);
      },
    );
  });
}

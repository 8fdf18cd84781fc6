// The provisioning worker process: `npm run worker` (the launcher starts it for you).
import { getEnv } from '@/server/env.ts';
import { startWorker } from './start-worker.ts';

const env = getEnv();
// Not awaited before the handlers: a signal during the start still gets an orderly stop.
const worker = startWorker({
  databaseUrl: env.DATABASE_URL,
  secretKey: env.GATEHOUSE_SECRET_KEY,
  dataDir: env.GATEHOUSE_DATA_DIR,
});

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`[worker] ${signal}: finishing the jobs in hand`);
    worker
      .then((w) => w.stop())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error('[worker] stop failed', error);
          process.exit(1);
        },
      );
  });
}

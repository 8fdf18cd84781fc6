import type { PgBoss, WorkOptions, JobWithMetadata, JobResult } from 'pg-boss';
import type { TPrisma } from '@/server/db/client.ts';
import type { ConnectorCache } from '@/server/modules/provisioning/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import type { TJobName, TJobPayload } from '@/server/queue/job-specs.ts';

export type TWorkerContext = {
  /** This process's id, as its heartbeat row names it. */
  workerId: string;
  db: TPrisma;
  boss: PgBoss;
  queue: TJobQueue;
  connectors: ConnectorCache;
  /** Decrypts secrets the worker reads itself (an HR database's connection string). */
  secretKey: Buffer;
  /** Where HR drop folders may live; files waiting for their run are in PostgreSQL (staged-files.ts). */
  dataDir: string;
  log: (message: string) => void;
};

/**
 * One job kind: its queue (named in server/queue/job-specs.ts), how the worker fetches it, and the
 * handler, which calls a use case. Handlers settle each job of a batch on its own.
 */
export type TJobDefinition<N extends TJobName = TJobName> = {
  name: N;
  work: Pick<WorkOptions, 'batchSize' | 'pollingIntervalSeconds' | 'localConcurrency' | 'groupConcurrency'>;
  /** A cron expression: the worker schedules this job (pg-boss keeps one schedule across workers). */
  schedule?: string;
  handle: (jobs: JobWithMetadata<TJobPayload<N>>[], ctx: TWorkerContext) => Promise<JobResult[]>;
};

export const defineJob = <N extends TJobName>(definition: TJobDefinition<N>) => definition;

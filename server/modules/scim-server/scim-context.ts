import type { TPrisma } from '@/server/db/client.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';

/** What every SCIM use case gets: the authenticated token's source and where the server is mounted. */
export type TScimContext = {
  db: TPrisma;
  queue: TJobQueue;
  /** The SCIM IdentitySource the token writes to. */
  sourceId: string;
  /** e.g. https://gatehouse.example.com/scim/v2, for meta.location and $ref. */
  baseUrl: string;
  now?: () => Date;
  /** The most Users one list request filters in memory before answering tooMany. */
  maxScan?: number;
};

import { z } from 'zod';
import type { Queue } from 'pg-boss';

/**
 * Every queue's name, payload schema and policy. Handlers live in jobs/definitions/ (the worker);
 * server code enqueues through server/queue/enqueue.ts, typed by these specs.
 */
export const JOB_SPECS = {
  /**
   * One account's operations from one plan. At most one job per account runs at a time (singleton
   * per account key); the order of an account's operations is kept by their sequence, which every
   * job follows (docs/decisions/002), so the queue need not order jobs itself.
   */
  'provisioning.apply': {
    schema: z.object({ operationIds: z.array(z.string().uuid()).min(1).max(10_000) }),
    queue: {
      policy: 'singleton',
      retryLimit: 12,
      retryDelay: 2,
      retryBackoff: true,
      retryDelayMax: 60,
      // A worker killed mid-operation stops heartbeating; its job is handed to another worker.
      heartbeatSeconds: 10,
      expireInSeconds: 300,
      deleteAfterSeconds: 7 * 86_400,
    },
  },
  /** Re-plans the access of many people (after a mapping, application or rule change), in batches. */
  'access.replan': {
    schema: z.object({
      applicationId: z.string().uuid().optional(),
      identityIds: z.array(z.string().uuid()).optional(),
      reason: z.string(),
      actorId: z.string().uuid().nullable().default(null),
      /** false: no grant or role content changed, so no SoD check (replanAccess). */
      accessChanged: z.boolean().optional(),
    }),
    queue: { policy: 'standard', retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 1800 },
  },
  /** Reminds fulfilment teams of overdue manual tasks (hourly). */
  'fulfilment.remind': {
    schema: z.object({}).passthrough(),
    queue: { policy: 'stately', retryLimit: 2, expireInSeconds: 300 },
  },
  /** One email (SMTP, nodemailer), enqueued in the transaction of the change it announces. */
  'notifications.email': {
    schema: z.object({
      to: z.string().email(),
      toName: z.string(),
      subject: z.string().max(300),
      text: z.string().max(10_000),
      /** Path inside the portal; the worker makes it a deep link. */
      link: z.string().startsWith('/').nullable(),
    }),
    queue: {
      policy: 'standard',
      retryLimit: 8,
      retryDelay: 30,
      retryBackoff: true,
      retryDelayMax: 3600,
      deleteAfterSeconds: 7 * 86_400,
    },
  },
  /** One Slack message asking a person to decide an approval step (docs/decisions/072), enqueued with the notification it mirrors. */
  'slack.post': {
    schema: z.object({
      stepId: z.string().uuid(),
      recipientId: z.string().uuid(),
      kind: z.enum(['approval.assigned', 'approval.reminder', 'approval.escalated']),
    }),
    queue: {
      policy: 'standard',
      retryLimit: 6,
      retryDelay: 10,
      retryBackoff: true,
      retryDelayMax: 600,
      deleteAfterSeconds: 7 * 86_400,
    },
  },
  /** After a decision on a request: every Slack message about its settled steps says who decided. */
  'slack.update': {
    schema: z.object({ requestId: z.string().uuid() }),
    queue: {
      policy: 'standard',
      retryLimit: 6,
      retryDelay: 10,
      retryBackoff: true,
      retryDelayMax: 600,
      deleteAfterSeconds: 7 * 86_400,
    },
  },
  /** Sweeps on a schedule (boss.schedule in the worker); each reads the current state, so one at a time. */
  'approvals.remind': {
    schema: z.object({}).passthrough(),
    queue: { policy: 'stately', retryLimit: 2, expireInSeconds: 300 },
  },
  'approvals.escalate': {
    schema: z.object({}).passthrough(),
    queue: { policy: 'stately', retryLimit: 2, expireInSeconds: 300 },
  },
  'requests.expire': {
    schema: z.object({}).passthrough(),
    queue: { policy: 'stately', retryLimit: 2, expireInSeconds: 300 },
  },
  /** Grants written to start later: their people planned when the start comes (access/start-grants.ts). */
  'grants.start': {
    schema: z.object({}).passthrough(),
    queue: { policy: 'stately', retryLimit: 2, expireInSeconds: 600 },
  },
  'grants.expire': {
    schema: z.object({}).passthrough(),
    queue: { policy: 'stately', retryLimit: 2, expireInSeconds: 600 },
  },
  'grants.notify-expiry': {
    schema: z.object({}).passthrough(),
    queue: { policy: 'stately', retryLimit: 2, expireInSeconds: 300 },
  },
  /** Access reviews: start scheduled and recurring campaigns, remind reviewers, close at the due date (docs/decisions/060). */
  'reviews.run': {
    schema: z.object({}).passthrough(),
    queue: { policy: 'stately', retryLimit: 2, expireInSeconds: 1_800 },
  },
  'sod.scan': {
    schema: z.object({}).passthrough(),
    queue: { policy: 'stately', retryLimit: 1, expireInSeconds: 1800 },
  },
  /**
   * The detective SoD check for the people a large plan touched (planAccess checks up to
   * SOD_INLINE_PEOPLE in its own transaction; an HR batch is checked here, just after it commits).
   */
  'sod.refresh': {
    schema: z.object({ identityIds: z.array(z.string().uuid()).min(1).max(5_000) }),
    queue: { policy: 'standard', retryLimit: 3, expireInSeconds: 600 },
  },
  /** Reconciliation exceptions past their day: the findings come back OPEN (docs/decisions/056). */
  'reconciliation.reopen-exceptions': {
    schema: z.object({}).passthrough(),
    queue: { policy: 'stately', retryLimit: 2, expireInSeconds: 600 },
  },
  /** One run of an authoritative source (run now, upload, folder, cron). One at a time per source, in order. */
  'sources.run': {
    schema: z.object({
      runId: z.string().uuid().optional(),
      sourceId: z.string().uuid().optional(),
      trigger: z.string().optional(),
    }),
    queue: {
      policy: 'key_strict_fifo',
      // A worker killed mid-run stops heartbeating: within about a minute pg-boss hands the job to
      // another worker, which runs the same run again from the start (rows the first attempt applied
      // are recognised by their hash and skipped). Without a heartbeat it stayed active for the hour
      // of its expiry, and its run RUNNING. One retry: a file that kills the worker would do it again;
      // after that the run is closed as interrupted (closeInterruptedSourceRuns).
      retryLimit: 1,
      heartbeatSeconds: 60,
      expireInSeconds: 3_600,
      deleteAfterSeconds: 30 * 86_400,
    },
  },
  /** Polls the drop folders of HR CSV sources for new files (every minute). */
  'sources.watch': {
    schema: z.object({}).passthrough(),
    queue: { policy: 'stately', retryLimit: 0, expireInSeconds: 300 },
  },
  /** Pre-hires whose start date came, people whose end date passed (hourly). */
  'lifecycle.sweep': {
    schema: z.object({}).passthrough(),
    queue: { policy: 'stately', retryLimit: 2, expireInSeconds: 1_800 },
  },
  /** A birthright rule changed: recompute and plan everyone it affects, in batches. */
  'birthright.apply': {
    schema: z.object({ ruleId: z.string().uuid(), actorId: z.string().uuid().nullish() }),
    queue: { policy: 'standard', retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: 3_600 },
  },
  /** Verifies the audit log's hash chain (daily) and records the result. */
  'audit.verify': {
    schema: z.object({}).passthrough(),
    queue: { policy: 'stately', retryLimit: 1, expireInSeconds: 3_600 },
  },
  /** Deletes the catalog search's words no entitlement holds any more (nightly; docs/decisions/098). */
  'catalog.prune-words': {
    schema: z.object({}).passthrough(),
    queue: { policy: 'stately', retryLimit: 1, expireInSeconds: 600 },
  },
  /** Reads one application's entitlements into the catalog (its aggregation schedule; docs/decisions/058). One at a time per application. */
  'catalog.aggregate': {
    schema: z.object({ applicationId: z.string().uuid() }),
    queue: {
      policy: 'singleton',
      retryLimit: 2,
      retryDelay: 60,
      retryBackoff: true,
      expireInSeconds: 1_800,
      deleteAfterSeconds: 7 * 86_400,
    },
  },
  /**
   * One reconciliation run (docs/decisions/055): `runId` for a run already recorded (run now,
   * resync, onboarding); `applicationId` and `mode` when an application's schedule comes due (the
   * handler records the run). One run at a time per application (singleton key: the application).
   */
  'reconciliation.run': {
    schema: z.object({
      runId: z.string().uuid().optional(),
      applicationId: z.string().uuid().optional(),
      mode: z.enum(['FULL', 'INCREMENTAL']).optional(),
    }),
    queue: { policy: 'standard', retryLimit: 0, expireInSeconds: 4 * 3_600, deleteAfterSeconds: 30 * 86_400 },
  },
  /** Housekeeping on a schedule: worker heartbeat. */
  'system.heartbeat': {
    schema: z.object({}).passthrough(),
    queue: { policy: 'stately', retryLimit: 0, expireInSeconds: 60 },
  },
} as const satisfies Record<string, { schema: z.ZodType; queue: Omit<Queue, 'name'> }>;

export type TJobName = keyof typeof JOB_SPECS;
export type TJobPayload<N extends TJobName> = z.infer<(typeof JOB_SPECS)[N]['schema']>;

/**
 * Each application is a pg-boss group whose tier names how many of its accounts (jobs) may be in
 * flight across all workers: ACCOUNTS_PER_CALL for each connector call the application allows at
 * once (its concurrency, enforced per worker by the CallLimiter). A job is one account and a batch
 * groups many accounts' operations into one call per entitlement, so limiting accounts to the call
 * limit left most of every batch empty: at concurrency 8 a worker applied 8 accounts per batch
 * (docs/decisions/046).
 */
export const MAX_TARGET_CONCURRENCY = 256;
export const ACCOUNTS_PER_CALL = 32;
export const concurrencyTier = (applicationConcurrency: number) =>
  `c${Math.max(1, Math.min(MAX_TARGET_CONCURRENCY, Math.trunc(applicationConcurrency) * ACCOUNTS_PER_CALL))}`;
export const CONCURRENCY_TIERS: Record<string, number> = Object.fromEntries(
  Array.from({ length: MAX_TARGET_CONCURRENCY }, (_, i) => [`c${i + 1}`, i + 1]),
);

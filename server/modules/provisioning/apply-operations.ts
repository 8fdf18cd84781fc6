import { systemActor } from '@/server/auth/actor.ts';
import type { TAccountRef, TConnector, TCreateAccountInput } from '@/server/connectors/sdk/connector.ts';
import { ZManualConfig } from '@/server/connectors/manual/manual-connector.ts';
import { classifyError, ConnectorError } from '@/server/connectors/sdk/connector-error.ts';
import { handToFulfilment } from './hand-to-fulfilment.ts';
import { holdAddsForSod } from '@/server/modules/sod/index.ts';
import { inTransaction, type TDb } from '@/server/db/client.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { createAccountInput, executeOperation } from './apply-operation.ts';
import type { ConnectorCache } from './connector-cache.ts';
import { loadOpenOperationsOfAccounts, type TOperationForApply } from './operation-repository.ts';
import { recordOperationFailures } from './record-operation-failures.ts';
import { recordOperationSuccesses, type TExecuteResult } from './record-operation-result.ts';

/** A provisioning job: one account's operations from one plan. */
export type TJobRef = { jobId: string; operationIds: string[]; retryCount: number; retryLimit: number };
/** completed: every operation settled (done, waiting for a person, or failed for good); failed: try again later. */
export type TJobVerdict = 'completed' | 'failed';
export type TApplyDeps = { connectors: ConnectorCache; queue: TJobQueue; now?: () => Date };

type TItem = { op: TOperationForApply; job: TJobRef };
type TSettled = { item: TItem; result: TExecuteResult } | { item: TItem; error: ConnectorError };

/**
 * Applies a batch of provisioning jobs. For each account it takes every unfinished operation up to
 * the job's last one, in `sequence` order (assigned under the identity lock, so it is the true
 * order even when the queue, which orders by transaction start, delivers a later plan first), and
 * applies them in waves: the first operation of every account, then the second, and so on. Within a
 * wave the accounts are independent, so their connector calls run side by side (one call per
 * entitlement where the connector takes many accounts, one call for all new accounts of an
 * application where it creates in bulk) and their results are recorded in one
 * transaction. A retryable failure stops that account until the job is retried; a permanent one is
 * recorded and marked FAILED (the one record of a failure), and the account's next operations still
 * run. Safe to repeat: an operation already settled is skipped, and connectors are idempotent.
 */
export async function applyJobs(
  db: TDb,
  jobs: TJobRef[],
  deps: TApplyDeps,
): Promise<Map<string, TJobVerdict>> {
  const now = deps.now ?? (() => new Date());
  const queues = await loadOpenOperationsOfAccounts(
    db,
    jobs.flatMap((j) => j.operationIds),
  );
  const jobOf = new Map<string, TJobRef>();
  for (const job of jobs) for (const id of job.operationIds) jobOf.set(id, job);
  const accountJob = new Map<string, TJobRef>();
  for (const [accountId, ops] of queues) {
    const job = [...ops]
      .reverse()
      .map((o) => jobOf.get(o.id))
      .find(Boolean);
    if (job) accountJob.set(accountId, job);
  }
  const stopped = new Set<string>();
  for (let wave = 0; ; wave++) {
    const items: TItem[] = [];
    for (const [accountId, ops] of queues) {
      const op = ops[wave];
      if (op && !stopped.has(accountId)) items.push({ op, job: accountJob.get(accountId)! });
    }
    if (items.length === 0) break;
    const settled = await applyWave(db, items, deps, now());
    const failed = settled.flatMap((s) => ('error' in s ? [{ ...s.item, error: s.error }] : []));
    for (const retry of await recordOperationFailures(db, failed, now()))
      stopped.add(failed.find((f) => f.op.id === retry)!.op.account!.id);
    for (const s of settled) {
      // The target's id for an account it just created (a Salesforce User Id, a SCIM id) is what
      // the account's next operations address it by: they were loaded before it existed.
      if ('result' in s && s.result.nativeId && s.item.op.account) {
        for (const next of queues.get(s.item.op.account.id) ?? [])
          if (next.account) next.account.nativeId = s.result.nativeId;
      }
    }
  }
  return new Map(
    jobs.map((j) => [j.jobId, j.operationIds.some((id) => stoppedFor(id)) ? 'failed' : 'completed']),
  );

  function stoppedFor(operationId: string): boolean {
    for (const [accountId, ops] of queues)
      if (ops.some((o) => o.id === operationId)) return stopped.has(accountId);
    return false;
  }
}

/** One operation per account: apply them together and record the successes in one transaction. */
async function applyWave(db: TDb, wave: TItem[], deps: TApplyDeps, at: Date): Promise<TSettled[]> {
  // Segregation of duties once more, just before entitlements reach their targets (rules change):
  // a conflicting add fails for good with SOD_CONFLICT, the rest of the wave goes on.
  const stoppedBySod = await holdAddsForSod(
    db,
    wave.map((i) => i.op),
    at,
  );
  const items = wave.filter((i) => !stoppedBySod.has(i.op.id));
  // A manual application whose stored settings do not parse is not handed over: it goes the direct
  // way, where building its connector fails its own operations for good (invalidConfig, with the
  // reason), instead of throwing inside the hand-over and failing every desk's operations in the wave.
  const manual = items.flatMap((item) => {
    if (item.op.application.connectorType !== 'MANUAL' || !item.op.application.enabled) return [];
    const settings = ZManualConfig.safeParse(item.op.application.config ?? {});
    return settings.success ? [{ item, settings: settings.data }] : [];
  });
  const handed = new Set(manual.map((m) => m.item));
  const direct = items.filter((i) => !handed.has(i));
  if (manual.length)
    await inTransaction(db, (tx) =>
      handToFulfilment(
        tx,
        manual.map(({ item, settings }) => ({ ...item.op, settings })),
        at,
      ),
    );
  if (direct.length === 0) return [];
  // Claim what is still open: an operation cancelled since the batch was loaded is not applied.
  const claimed = new Set(
    (
      await db.$queryRaw<Array<{ id: string }>>`
        UPDATE "ProvisioningOperation" SET status = 'RUNNING', attempts = attempts + 1, "startedAt" = ${at}
         WHERE id = ANY(${direct.map((d) => d.op.id)}::uuid[]) AND status IN ('PENDING', 'RUNNING', 'RETRYING')
        RETURNING id::text AS id`
    ).map((r) => r.id),
  );
  const settled = await execute(
    direct.filter((d) => claimed.has(d.op.id)),
    deps,
  );
  const done = settled.filter((s): s is Extract<TSettled, { result: TExecuteResult }> => 'result' in s);
  if (done.length) {
    const succeeded = done.map(({ item, result }) => ({ op: item.op, result }));
    await inTransaction(
      db,
      (tx) => recordOperationSuccesses(tx, succeeded, at, systemActor('WORKER'), 'RUNNING'),
      { timeout: 60_000 },
    );
  }
  return settled;
}

async function execute(items: TItem[], deps: TApplyDeps): Promise<TSettled[]> {
  const out: TSettled[] = [];
  const singles: Array<{ item: TItem; connector: TConnector }> = [];
  const grouped = new Map<string, { connector: TConnector; kind: 'grant' | 'revoke'; items: TItem[] }>();
  const creates = new Map<string, { connector: TConnector; items: TItem[]; inputs: TCreateAccountInput[] }>();
  for (const item of items) {
    const { op } = item;
    if (!op.application.enabled) {
      out.push({
        item,
        error: new ConnectorError('unavailable', `${op.application.name} is disabled in Gatehouse`),
      });
      continue;
    }
    let connector: TConnector;
    try {
      connector = deps.connectors.get(op.application);
    } catch (error) {
      out.push({ item, error: classifyError(error) });
      continue;
    }
    if (op.kind === 'CREATE_ACCOUNT' && op.account && typeof connector.createAccounts === 'function') {
      // A create the account rules refused fails here, on its own, and never joins the batch.
      let input: TCreateAccountInput;
      try {
        input = createAccountInput(op);
      } catch (error) {
        out.push({ item, error: classifyError(error) });
        continue;
      }
      const group = creates.get(op.application.id) ?? { connector, items: [], inputs: [] };
      group.items.push(item);
      group.inputs.push(input);
      creates.set(op.application.id, group);
      continue;
    }
    const kind = op.kind === 'ADD_ENTITLEMENT' ? 'grant' : op.kind === 'REMOVE_ENTITLEMENT' ? 'revoke' : null;
    if (
      !kind ||
      !op.entitlement ||
      !op.account ||
      !(kind === 'grant'
        ? typeof connector.grantMany === 'function'
        : typeof connector.revokeMany === 'function')
    ) {
      singles.push({ item, connector });
      continue;
    }
    const key = `${op.application.id}:${kind}:${op.entitlement.externalId}`;
    const group = grouped.get(key) ?? { connector, kind, items: [] };
    group.items.push(item);
    grouped.set(key, group);
  }
  // A lone create goes the ordinary way; several for one application go as one batch call.
  for (const [key, group] of creates) {
    if (group.items.length > 1) continue;
    singles.push({ item: group.items[0]!, connector: group.connector });
    creates.delete(key);
  }
  // Every call to a target waits for one of its application's slots (its concurrency setting).
  const limited = <T>(item: TItem, call: () => Promise<T>) =>
    deps.connectors.calls.run(item.op.application, call);
  await Promise.all([
    ...[...creates.values()].map(async ({ connector, items: members, inputs }) =>
      out.push(
        ...(await settleBatch(
          members,
          () => limited(members[0]!, () => connector.createAccounts!(inputs)),
          (item, i) =>
            limited(item, () =>
              connector.createAccount
                ? connector.createAccount(inputs[i]!)
                : executeOperation(connector, item.op),
            ),
        )),
      ),
    ),
    ...singles.map(async ({ item, connector }) => {
      try {
        out.push({ item, result: await limited(item, () => executeOperation(connector, item.op)) });
      } catch (error) {
        out.push({ item, error: classifyError(error) });
      }
    }),
    ...[...grouped.values()].map(async ({ connector, kind, items: members }) => {
      const first = members[0]!.op.entitlement!;
      const entitlement = { externalId: first.externalId, kind: first.kind };
      const accounts: TAccountRef[] = members.map(({ op }) => ({
        nativeId: op.account!.nativeId,
        username: op.account!.username,
      }));
      out.push(
        ...(await settleBatch(
          members,
          () =>
            limited(members[0]!, () =>
              kind === 'grant'
                ? connector.grantMany!(entitlement, accounts)
                : connector.revokeMany!(entitlement, accounts),
            ),
          (item) => limited(item, () => executeOperation(connector, item.op)),
        )),
      );
    }),
  ]);
  return out;
}

/**
 * One connector call for many operations: a result or an error for each, in order. A batch never
 * fails for one member's fault: when the call as a whole fails, each operation is applied on its own,
 * so only the one the target refuses fails, with a message that names it. Only an error that is about
 * the target rather than any member (unreachable, slow, throttling, misconfigured) fails them all.
 */
async function settleBatch(
  members: TItem[],
  call: () => Promise<Array<TExecuteResult | Error>>,
  one: (item: TItem, index: number) => Promise<TExecuteResult>,
): Promise<TSettled[]> {
  try {
    const results = await call();
    return members.map((item, i) => {
      const r = results[i];
      return !r || r instanceof Error
        ? { item, error: classifyError(r ?? new Error('the connector gave no result')) }
        : { item, result: r };
    });
  } catch (error) {
    const e = classifyError(error);
    if (members.length === 1 || TARGET_WIDE.has(e.kind)) return members.map((item) => ({ item, error: e }));
    return Promise.all(
      members.map(async (item, i): Promise<TSettled> => {
        try {
          return { item, result: await one(item, i) };
        } catch (error) {
          return { item, error: classifyError(error) };
        }
      }),
    );
  }
}

const TARGET_WIDE = new Set<ConnectorError['kind']>([
  'connectionFailed',
  'timeout',
  'rateLimited',
  'invalidConfig',
]);

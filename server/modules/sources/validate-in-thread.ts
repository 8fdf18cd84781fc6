import { Worker } from 'node:worker_threads';
import { poolOf, type TPrisma } from '@/server/db/client.ts';
import type { TSourceRecord } from '@/server/modules/lifecycle/index.ts';
import type { TSourceConfig } from './source-config.ts';
import { CHANGED_IN_MEMORY_LIMIT, type TValidation } from './validate-source.ts';
import type { TThreadMessage, TValidationRequest } from './validate-thread-protocol.ts';

type TThread = { worker: Worker; ready: Promise<void> };
/** Threads not validating now. A thread loads the server's modules once (seconds), then stays. */
const idle: TThread[] = [];

function startThread(): TThread {
  const worker = new Worker(new URL('./validate-thread.mjs', import.meta.url));
  // An idle thread does not keep the process alive.
  worker.unref();
  const ready = new Promise<void>((resolve, reject) => {
    const onMessage = (m: TThreadMessage) => {
      if (m.kind !== 'ready') return;
      worker.off('message', onMessage);
      resolve();
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the validation thread ended (exit code ${code})`)));
  });
  ready.catch(() => {});
  const thread = { worker, ready };
  // A thread that dies while idle is not handed to a run.
  worker.once('exit', () => {
    const at = idle.indexOf(thread);
    if (at >= 0) idle.splice(at, 1);
  });
  return thread;
}

/** Starts a validation thread ahead of the first run, so that no run waits for its modules to load. */
export async function warmValidationThread(): Promise<void> {
  if (idle.length) return;
  const thread = startThread();
  idle.push(thread);
  await thread.ready;
}

/**
 * validateSource on a worker thread (validate-thread.ts), so that its CPU-bound parsing, mapping and
 * hashing leave this thread free to apply the changed rows it posts (`offerChanged`, as
 * validateSource's own) on the other core. Resolves with the same TValidation.
 */
export async function validateInThread(
  db: TPrisma,
  run: { id: string; source: { id: string; kind: string; secrets: string | null } },
  config: TSourceConfig,
  deps: {
    secretKey: Buffer;
    now: Date;
    changedInMemoryLimit?: number;
    offerChanged?: (records: TSourceRecord[]) => TSourceRecord[];
  },
): Promise<TValidation> {
  const pool = poolOf(db);
  if (!pool?.options.connectionString) throw new Error('validateInThread needs a client with its own pool');
  const keepLimit = deps.changedInMemoryLimit ?? CHANGED_IN_MEMORY_LIMIT;
  const request: TValidationRequest = {
    databaseUrl: pool.options.connectionString,
    run: { id: run.id, source: run.source },
    config,
    secretKey: new Uint8Array(deps.secretKey),
    now: deps.now.getTime(),
  };
  const thread = idle.pop() ?? startThread();
  await thread.ready;
  const { worker } = thread;
  worker.ref();
  let changed: TSourceRecord[] | null = [];
  let settle!: (outcome: { validation: TValidation } | { error: Error }) => void;
  const settled = new Promise<{ validation: TValidation } | { error: Error }>(
    (resolve) => (settle = resolve),
  );
  const onMessage = (m: TThreadMessage) => {
    if (m.kind === 'changed') {
      const left = deps.offerChanged ? deps.offerChanged(m.records) : m.records;
      if (changed && changed.length + left.length <= keepLimit) changed.push(...left);
      else changed = null;
    } else if (m.kind === 'done') settle({ validation: m.validation });
    else if (m.kind === 'failed') settle({ error: new Error(`the validation thread failed: ${m.message}`) });
  };
  const onError = (error: Error) => settle({ error });
  const onExit = (code: number) =>
    settle({ error: new Error(`the validation thread ended (exit code ${code})`) });
  worker.on('message', onMessage);
  worker.on('error', onError);
  worker.on('exit', onExit);
  worker.postMessage(request);
  const outcome = await settled;
  worker.off('message', onMessage);
  worker.off('error', onError);
  worker.off('exit', onExit);
  if ('error' in outcome) {
    void worker.terminate();
    throw outcome.error;
  }
  worker.unref();
  idle.push(thread);
  return { ...outcome.validation, changed };
}

import { AsyncLocalStorage } from 'node:async_hooks';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { Prisma, PrismaClient } from '@/prisma/generated/client.ts';
import { getEnv } from '@/server/env.ts';
import { adapterValue } from './adapter-value.ts';
import { isTransactionConflict } from './errors.ts';

export { Prisma };
export type TPrisma = PrismaClient;
/** What repositories accept, so a use case can run inside its caller's transaction. */
export type TDb = PrismaClient | Prisma.TransactionClient;

/** Each client's pg pool, for the bulk reads that skip Prisma's row mapping (server/db/query-arrays.ts). */
const pools = new WeakMap<object, pg.Pool>();

export function createPrismaClient(connectionString: string, options: { max?: number } = {}): PrismaClient {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
  // An idle connection that breaks (a restarted server) is dropped by the pool; the next query reports it.
  pool.on('error', () => {});
  pool.on('connect', queueQueries);
  const client = new PrismaClient({
    adapter: recordingConnections(new PrismaPg(pool, { disposeExternalPool: true })),
  });
  pools.set(client, pool);
  return client;
}

/** Where a connection is: in a transaction (since its `generation`th BEGIN) or not. */
type TConnectionState = { generation: number; isOpen: boolean };
const connectionStates = new WeakMap<pg.PoolClient, TConnectionState>();

/** Set by inTransaction while Prisma opens its transaction: the connection Prisma opened it on. */
const opening = new AsyncLocalStorage<{ connection?: pg.PoolClient }>();

/**
 * The driver adapter, telling inTransaction which pooled connection each transaction it opens runs
 * on (the adapter's transaction holds it as `client`, a private field: package.json pins the
 * adapter's version, and openTransaction throws when none was recorded), so that statements of that
 * transaction can be sent on it past Prisma's per-query work (pgQueryOf, docs/decisions/118).
 */
function recordingConnections(factory: PrismaPg): PrismaPg {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const transaction = await start(isolationLevel);
      const slot = opening.getStore();
      if (slot) slot.connection = (transaction as unknown as { client: pg.PoolClient }).client;
      return transaction;
    };
    return adapter;
  };
  return factory;
}

/**
 * Sends a connection's promise-style queries one after the other. A transaction holds one connection,
 * and Prisma's query interpreter (loading relations side by side) or a Promise.all over a transaction
 * client query it concurrently: pg 8 queues those itself but warns that pg 9 will not ("client.query()
 * when the client is already executing a query"). Queueing here keeps the same order and results.
 * Callback and submittable (cursor) calls are the pool's own or a stream's and pass straight through.
 */
function queueQueries(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  let tail: Promise<unknown> = Promise.resolve();
  const state: TConnectionState = { generation: 0, isOpen: false };
  connectionStates.set(client, state);
  client.query = ((...args: unknown[]) => {
    const first = args[0] as { submit?: unknown; text?: unknown } | string | undefined;
    // Whether a transaction is open, as the statements are handed over (not as they are sent): a
    // statement sent past Prisma after its COMMIT or ROLLBACK was queued is refused (pgQueryOf).
    const text = typeof first === 'string' ? first : typeof first?.text === 'string' ? first.text : '';
    if (/^\s*BEGIN\b/i.test(text)) Object.assign(state, { generation: state.generation + 1, isOpen: true });
    else if (/^\s*(COMMIT|ROLLBACK)\s*$/i.test(text)) state.isOpen = false;
    if (
      typeof args.at(-1) === 'function' ||
      (typeof first === 'object' && typeof first.submit === 'function')
    )
      return query(...args);
    const run = tail.then(() => query(...args));
    tail = run.catch(() => {});
    return run;
  }) as typeof client.query;
}

/** The client's own pg pool while it is open; none for a transaction client or a disconnected one. */
export function poolOf(db: TDb): pg.Pool | null {
  const pool = pools.get(db);
  return pool && !pool.ending && !pool.ended ? pool : null;
}

/**
 * One statement sent through pg itself, past Prisma: its values as Prisma's driver adapter sends
 * them (a Date as its UTC time without a zone, which a `timestamp` column holds), its rows parsed
 * as `types` says (pg's own parsers when not given).
 */
export type TPgQuery = (
  config: Pick<pg.QueryConfig, 'name' | 'text' | 'types'> & { values: readonly unknown[]; rowMode?: 'array' },
) => Promise<pg.QueryResult>;

/** The connection each transaction inTransaction opened runs on, and which of its transactions it was. */
const transactionConnections = new WeakMap<object, { connection: pg.PoolClient; generation: number }>();

/**
 * Where a statement can go past Prisma's per-query work (about 0.1 ms of Node a statement in a
 * transaction, docs/decisions/118): the client's own pool, or the connection of a transaction
 * inTransaction or inItemTransaction opened, while that transaction is open (a statement handed over
 * after its COMMIT or ROLLBACK, or after Prisma's timeout rolled it back, is refused rather than run
 * outside it). Statements on the connection go in turn with Prisma's own (queueQueries), so they see
 * and are seen by the transaction's other statements. Null for a transaction opened any other way.
 */
export function pgQueryOf(db: TDb): TPgQuery | null {
  const pool = poolOf(db);
  const held = pool ? null : transactionConnections.get(db);
  if (!pool && !held) return null;
  return ({ values, ...config }) => {
    const query = { ...config, values: values.map(adapterValue) } as pg.QueryConfig;
    if (pool) return pool.query(query);
    const state = connectionStates.get(held!.connection);
    if (!state?.isOpen || state.generation !== held!.generation)
      return Promise.reject(new Error('Transaction already closed: a statement came after its end'));
    return held!.connection.query(query);
  };
}

const globalForPrisma = globalThis as unknown as { gatehousePrisma?: PrismaClient };

/** The process-wide client (cached across Next.js hot reloads). */
export function getPrisma(): PrismaClient {
  globalForPrisma.gatehousePrisma ??= createPrismaClient(getEnv().DATABASE_URL);
  return globalForPrisma.gatehousePrisma;
}

/**
 * The longest a transaction the portal opens may stay open (Prisma rolls it back when its timeout
 * passes, so nothing it wrote commits later). Readers that select by a time the writer chose, and so
 * can miss a row committed after they read, look back this far and more (grants.start, decision 113;
 * the audit sealer's in-flight window).
 */
export const LONGEST_TRANSACTION_MS = 300_000;

/** What a use case may ask of the transaction it opens; see inTransaction for what happens when it joins one. */
export type TTransactionOptions = {
  timeout?: number;
  maxWait?: number;
  isolationLevel?: Prisma.TransactionIsolationLevel;
  /**
   * A walk over one snapshot that writes only its own record (the audit verification): nobody selects
   * what it writes by a time its writer chose, so it may stay open past LONGEST_TRANSACTION_MS.
   */
  isLongRead?: true;
  /**
   * `fn` only reads and writes this database (no call to a target, nothing kept outside the
   * transaction that a second run would double): a transaction the database undid because it met
   * another (a deadlock, a serialization failure) wrote nothing, so it is run again, up to
   * REPEAT_ATTEMPTS runs in all, after a short random pause. Only a transaction the call opens: a
   * joined one is the caller's, aborted as a whole. The last failure goes to the caller (SCIM answers
   * it 503 with Retry-After, tRPC 409: server/db/errors.ts).
   */
  isRepeatable?: true;
};

/** How many runs a repeatable transaction gets in all before its conflict goes to the caller. */
export const REPEAT_ATTEMPTS = 3;

/**
 * The options of a use case whose transaction touches nothing but this database (jobs and
 * notifications go in through it; a connector call, if any, comes before it): a deadlock's victim
 * runs again (isRepeatable) instead of reaching the person as "try again".
 */
export const REPEATABLE = { isRepeatable: true } as const;

/**
 * Runs `fn` in a transaction on a client, or inside the caller's when `db` already is a transaction
 * client, so one use case can run inside another's transaction (docs/engineering.md, "Use cases accept
 * a client or a transaction"). Options apply only to a transaction this call opens: a joined one keeps
 * the caller's timeout and isolation. Asking for an isolation level while joining is refused, because
 * the caller's (read committed unless it chose otherwise) would silently weaken what `fn` relies on
 * (a consistent snapshot, say). Serializable isolation is not used: use cases take row locks where they
 * need them (SELECT ... FOR UPDATE).
 */
export async function inTransaction<T>(
  db: TDb,
  fn: (tx: Prisma.TransactionClient) => Promise<T>,
  options?: TTransactionOptions,
): Promise<T> {
  // A transaction client has no $connect. (Prisma 7 gives it a $transaction that opens a nested one on a
  // savepoint: two more round trips, and a failed use case could be caught and its caller go on.)
  const prismaOptions = refuseLongTransaction(options);
  if ('$connect' in db) return openTransaction(db, fn, options, prismaOptions);
  if (options?.isolationLevel) {
    throw new Error(
      `This use case needs its own ${options.isolationLevel} transaction; call it with a client, not inside another transaction.`,
    );
  }
  return fn(db);
}

/**
 * Runs one item of a loop that catches an item's refusal and goes on with the others: in a
 * transaction of its own on a client, on a savepoint inside a caller's transaction. Joining (as
 * inTransaction does) would keep a refused item's writes made before its refusal, and a database
 * error would abort the caller's whole transaction, failing every item after it.
 */
export async function inItemTransaction<T>(
  db: TDb,
  fn: (tx: Prisma.TransactionClient) => Promise<T>,
  options?: Omit<TTransactionOptions, 'isolationLevel'>,
): Promise<T> {
  const prismaOptions = refuseLongTransaction(options);
  if ('$connect' in db) return openTransaction(db, fn, options, prismaOptions);
  // Prisma 7's transaction client opens a nested transaction as a savepoint (ROLLBACK TO on failure),
  // on the caller's connection: statements past Prisma go there too (pgQueryOf).
  const nested = db as unknown as { $transaction: (f: typeof fn) => Promise<T> };
  const held = transactionConnections.get(db);
  return nested.$transaction((inner) => {
    if (held) transactionConnections.set(inner, held);
    return fn(inner);
  });
}

/**
 * Opens a transaction through Prisma (again while the database undoes it for meeting another, when
 * repeatable), recording the connection it runs on for pgQueryOf.
 */
function openTransaction<T>(
  db: PrismaClient,
  fn: (tx: Prisma.TransactionClient) => Promise<T>,
  options: TTransactionOptions | undefined,
  prismaOptions: ReturnType<typeof refuseLongTransaction>,
): Promise<T> {
  return repeatOnConflict(options, () => {
    const slot: { connection?: pg.PoolClient } = {};
    const run = (tx: Prisma.TransactionClient) => {
      // Every transaction opened here records its connection (recordingConnections). None recorded
      // means the adapter no longer keeps it where it is looked for: said here, at once, rather than
      // as a misleading refusal in queryJson or a quiet fall-back to Prisma in sendStatement and the queue.
      const state = slot.connection && connectionStates.get(slot.connection);
      if (!state)
        throw new Error(
          '@prisma/adapter-pg internals changed: no connection recorded for the transaction (recordingConnections)',
        );
      transactionConnections.set(tx, { connection: slot.connection!, generation: state.generation });
      return fn(tx);
    };
    return opening.run(slot, () =>
      prismaOptions ? db.$transaction(run, prismaOptions) : db.$transaction(run),
    );
  });
}

/** Opens the transaction again while the database undid it for meeting another (isRepeatable only). */
async function repeatOnConflict<T>(
  options: TTransactionOptions | undefined,
  open: () => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await open();
    } catch (error) {
      if (!options?.isRepeatable || attempt >= REPEAT_ATTEMPTS || !isTransactionConflict(error)) throw error;
      // Random, and longer each time, so the two that met do not meet again in step.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * 2 ** attempt));
    }
  }
}

/** The options Prisma takes, once a timeout past LONGEST_TRANSACTION_MS has been refused (but for a long read). */
function refuseLongTransaction(options: TTransactionOptions | undefined) {
  if (!options) return undefined;
  const { isLongRead, isRepeatable: _, ...prismaOptions } = options;
  // A long read is one snapshot (REPEATABLE READ): the flag is not a way round the limit for a writer.
  if (isLongRead && options.isolationLevel !== Prisma.TransactionIsolationLevel.RepeatableRead)
    throw new Error('A long read (isLongRead) runs on one snapshot: REPEATABLE READ.');
  if (!isLongRead && (options.timeout ?? 0) > LONGEST_TRANSACTION_MS)
    throw new Error(
      `A transaction may stay open at most ${LONGEST_TRANSACTION_MS} ms (LONGEST_TRANSACTION_MS): run the work in batches.`,
    );
  return prismaOptions;
}

import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { type Prisma, poolOf, type TDb } from './client.ts';

/** How long one export's COPY may run, whatever the server's statement_timeout says (a million rows take tens of seconds). */
const COPY_TIMEOUT_MS = 30 * 60_000;
/** Memory a sort or hash of the export may use before spilling to disk (the server's default, 4 MB, spills a million rows several times). */
const WORK_MEM = '64MB';

/** Connections that write one file's statements, each the next in turn: one per core the database has to spare. */
const CONNECTIONS = 2;

/** A read in the file's snapshot (the plan's own questions, such as where its batches end), rows as arrays. */
export type TSnapshotQuery = (sql: Prisma.Sql) => Promise<unknown[][]>;

/**
 * A file written by PostgreSQL: the rows of `plan`'s statements, in their order, as one CSV with the
 * first statement's header (`COPY (…) TO STDOUT WITH (FORMAT csv)`), Node only passing bytes on: the
 * reports' exports of a million rows. The statements run on two connections of the client's own pool,
 * each the next statement in turn, so two backends (the machine's two cores) write at once; both read
 * one snapshot (the first exports it, the second takes it), so the file answers for one moment of the
 * database however many statements it takes. A statement's CSV is held until its turn: memory is a
 * few statements' worth whatever the file's size, and the next statement starts on a connection only
 * when the reader takes the one it wrote. Each connection is in a read-only transaction with the
 * export's own statement_timeout and work_mem. A reader that stops (a download cancelled, a client
 * gone) or a statement that fails ends the file: both connections are closed, not returned to the
 * pool (one may be mid-COPY), which stops their backends. Needs a client with its own pool (not a
 * transaction client).
 */
export function copyCsv(
  db: TDb,
  plan: (query: TSnapshotQuery) => Promise<Prisma.Sql[]>,
): ReadableStream<Uint8Array> {
  const pool = poolOf(db);
  if (!pool) throw new Error('copyCsv needs a client with a pool of its own, not a transaction');
  const clients: pg.PoolClient[] = [];
  let statements: Prisma.Sql[] = [];
  let started = 0;
  /** Statements under way or written and not yet read, in the file's order. */
  const queue: TWritten[] = [];
  const release = (broken?: Error) => {
    for (const client of clients.splice(0)) client.release(broken ?? false);
  };
  const startNext = (client: pg.PoolClient) => {
    if (started === statements.length) return;
    const header = started === 0;
    const copy = client.query(
      copyTo(
        `COPY (${inlineSql(statements[started++]!)}) TO STDOUT WITH (FORMAT csv${header ? ', HEADER' : ''})`,
      ),
    );
    const written: TWritten = { client, chunks: [], bytes: 0, ended: false, error: null, wake: null };
    queue.push(written);
    void (async () => {
      try {
        for await (const chunk of copy as AsyncIterable<Buffer>) {
          written.chunks.push(chunk);
          written.bytes += chunk.byteLength;
          wake(written);
          // Held up to a limit, then the socket is left unread and the backend waits: memory stays flat.
          while (written.bytes > HELD_BYTES && !written.error)
            await new Promise<void>((resolve) => (written.wake = resolve));
        }
      } catch (error) {
        written.error = error as Error;
      }
      written.ended = true;
      wake(written);
    })();
  };
  return new ReadableStream<Uint8Array>(
    {
      async start() {
        try {
          const first = await pool.connect();
          clients.push(first);
          await first.query(
            `BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL statement_timeout = ${COPY_TIMEOUT_MS}; SET LOCAL work_mem = '${WORK_MEM}'`,
          );
          const snapshot = (await first.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0]!
            .id;
          statements = await plan(
            async (sql) =>
              (
                await first.query<unknown[]>({
                  text: sql.text,
                  values: sql.values as unknown[],
                  rowMode: 'array',
                })
              ).rows,
          );
          for (let i = 1; i < Math.min(CONNECTIONS, statements.length); i++) {
            const other = await pool.connect();
            clients.push(other);
            await other.query(
              `BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET TRANSACTION SNAPSHOT ${pg.escapeLiteral(snapshot)}; SET LOCAL statement_timeout = ${COPY_TIMEOUT_MS}; SET LOCAL work_mem = '${WORK_MEM}'`,
            );
          }
          for (const client of clients) startNext(client);
        } catch (error) {
          release(error as Error);
          throw error;
        }
      },
      async pull(controller) {
        try {
          for (;;) {
            const head = queue[0];
            if (!head) {
              for (const client of clients) await client.query('COMMIT');
              release();
              return controller.close();
            }
            if (head.error) throw head.error;
            if (head.chunks.length) {
              const csv = head.chunks.length === 1 ? head.chunks[0]! : Buffer.concat(head.chunks);
              [head.chunks, head.bytes] = [[], 0];
              wake(head);
              return controller.enqueue(new Uint8Array(csv.buffer, csv.byteOffset, csv.byteLength));
            }
            if (head.ended) {
              // Its connection takes the next statement as soon as this one has been read.
              queue.shift();
              startNext(head.client);
              continue;
            }
            await new Promise<void>((resolve) => (head.wake = resolve));
          }
        } catch (error) {
          release(error as Error);
          controller.error(error);
        }
      },
      cancel() {
        // Destroyed, not returned: a connection in the middle of a COPY cannot take another query, and
        // closing it makes the server stop the statement when it next writes.
        release(new Error('The export was cancelled'));
      },
    },
    { highWaterMark: 0 },
  );
}

/** One statement's CSV as it arrives, until the reader takes it. */
type TWritten = {
  client: pg.PoolClient;
  chunks: Buffer[];
  bytes: number;
  ended: boolean;
  error: Error | null;
  wake: (() => void) | null;
};

/** How much of one statement's CSV is held before its connection is left to wait for the reader. */
const HELD_BYTES = 16 * 1024 * 1024;

function wake(w: TWritten) {
  const resolve = w.wake;
  w.wake = null;
  resolve?.();
}

/**
 * The statement with its parameters written in as literals: COPY takes no parameters. Strings are
 * quoted by pg's escapeLiteral, dates written as UTC timestamps (the columns hold UTC), numbers as
 * themselves; anything else is refused rather than written differently.
 */
export function inlineSql(sql: Prisma.Sql): string {
  return sql.text.replace(/\$(\d+)/g, (_, n: string) => literal(sql.values[Number(n) - 1]));
}

function literal(value: unknown): string {
  if (typeof value === 'string') return pg.escapeLiteral(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime()))
    return `'${value.toISOString().replace('T', ' ').replace('Z', '')}'`;
  if (Array.isArray(value)) return `ARRAY[${value.map(literal).join(', ')}]`;
  throw new Error(`inlineSql writes strings, numbers, dates and arrays of them: not ${typeof value}`);
}

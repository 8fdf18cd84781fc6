import { Readable } from 'node:stream';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { type Prisma, poolOf, type TDb } from './client.ts';

/** How long one export's COPY may run, whatever the server's statement_timeout says (a million rows take tens of seconds). */
const COPY_TIMEOUT_MS = 30 * 60_000;
/** Memory a sort or hash of the export may use before spilling to disk (the server's default, 4 MB, spills a million rows several times). */
const WORK_MEM = '64MB';

/**
 * A statement's rows as CSV written by PostgreSQL (`COPY (…) TO STDOUT WITH (FORMAT csv, HEADER)`),
 * streamed as it is read: the reports' exports of a million rows, with Node only passing bytes on.
 * On a connection of the client's own pool, in a read-only transaction whose statement_timeout is the
 * export's own. Pulled: the socket is read only as the reader takes chunks, so memory stays flat
 * whatever the size. A reader that stops (a download cancelled, a client gone) ends the COPY: the
 * connection is closed, which stops the server's backend, and is not returned to the pool. Null when
 * `db` has no pool of its own (a transaction client): the caller writes the file the other way.
 */
export function copyCsv(db: TDb, sql: Prisma.Sql): ReadableStream<Uint8Array> | null {
  const pool = poolOf(db);
  if (!pool) return null;
  let client: pg.PoolClient | null = null;
  let source: AsyncIterator<Buffer> | null = null;
  const release = (broken?: Error) => {
    const c = client;
    client = null;
    c?.release(broken ?? false);
  };
  return new ReadableStream<Uint8Array>(
    {
      async start() {
        client = await pool.connect();
        try {
          await client.query(`BEGIN READ ONLY; SET LOCAL statement_timeout = ${COPY_TIMEOUT_MS}; SET LOCAL work_mem = '${WORK_MEM}'`);
          const copy = client.query(copyTo(`COPY (${inlineSql(sql)}) TO STDOUT WITH (FORMAT csv, HEADER)`));
          source = Readable.prototype[Symbol.asyncIterator].call(copy) as AsyncIterator<Buffer>;
        } catch (error) {
          release(error as Error);
          throw error;
        }
      },
      async pull(controller) {
        try {
          const next = await source!.next();
          if (!next.done) return controller.enqueue(new Uint8Array(next.value.buffer, next.value.byteOffset, next.value.byteLength));
          await client!.query('COMMIT');
          release();
          controller.close();
        } catch (error) {
          release(error as Error);
          controller.error(error);
        }
      },
      async cancel() {
        // Destroyed, not returned: a connection in the middle of a COPY cannot take another query, and
        // closing it makes the server stop the statement when it next writes.
        release(new Error('The export was cancelled'));
        await source?.return?.();
      },
    },
    { highWaterMark: 0 },
  );
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
  if (value instanceof Date && !Number.isNaN(value.getTime())) return `'${value.toISOString().replace('T', ' ').replace('Z', '')}'`;
  if (Array.isArray(value)) return `ARRAY[${value.map(literal).join(', ')}]`;
  throw new Error(`inlineSql writes strings, numbers, dates and arrays of them: not ${typeof value}`);
}

import { Readable } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import pg from 'pg';
import type { TRawRow } from './source-row.ts';

/** A row the reader could not read (CSV syntax, a failing query): the run reports it and applies nothing. */
export class SourceReadError extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(message);
    this.name = 'SourceReadError';
  }
}

export type TReadBatches = () => AsyncGenerator<TRawRow[]>;

/**
 * Streams a CSV file (its bytes, as they are read) in batches: the parser pauses while a batch is
 * processed, so memory holds one batch, whatever the size of the file. Row numbers are line numbers
 * (the header is line 1).
 */
export async function* readCsvBatches(
  content: AsyncIterable<Uint8Array>,
  options: { delimiter: string; batchSize: number },
): AsyncGenerator<TRawRow[]> {
  const source = Readable.from(content, { objectMode: false });
  const parser = source.pipe(
    parse({
      columns: (header: string[]) => header.map((h) => h.trim()),
      delimiter: options.delimiter,
      bom: true,
      skip_empty_lines: true,
      info: true,
    }),
  );
  // pipe() does not pass a source's error on: a file that cannot be read to its end must fail the run, not end it early.
  source.on('error', (error) => parser.destroy(error));
  let batch: TRawRow[] = [];
  try {
    for await (const item of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      batch.push({ row: item.info.lines, values: item.record });
      if (batch.length >= options.batchSize) {
        yield batch;
        batch = [];
      }
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? 0;
      throw new SourceReadError(line, `CSV: ${error.message}`);
    }
    throw error;
  } finally {
    parser.destroy();
    source.destroy();
  }
  if (batch.length) yield batch;
}

const DATE_OIDS = new Set([1082, 1114, 1184]);

/**
 * Runs the configured SELECT in a read-only transaction and fetches it through a server-side cursor,
 * one batch at a time. The query goes over the extended protocol, so it is exactly one statement.
 */
export async function* readDatabaseBatches(
  connectionString: string,
  query: string,
  options: { batchSize: number },
): AsyncGenerator<TRawRow[]> {
  const client = new pg.Client({
    connectionString,
    application_name: 'gatehouse-hr-source',
    statement_timeout: 300_000,
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        DATE_OIDS.has(oid)
          ? (v: string) => v.slice(0, 10)
          : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  try {
    await client.connect();
  } catch (error) {
    throw new SourceReadError(0, `HR database: cannot connect (${(error as Error).message})`);
  }
  try {
    await client.query('BEGIN READ ONLY');
    try {
      await client.query({
        text: `DECLARE gatehouse_hr NO SCROLL CURSOR FOR ${query.replace(/;\s*$/, '')}`,
        values: [],
      });
    } catch (error) {
      throw new SourceReadError(0, `HR database query: ${(error as Error).message}`);
    }
    let row = 0;
    for (;;) {
      const result = await client.query<Record<string, unknown>>(
        `FETCH ${options.batchSize} FROM gatehouse_hr`,
      );
      if (result.rows.length === 0) break;
      yield result.rows.map((r) => ({
        row: ++row,
        values: Object.fromEntries(Object.entries(r).map(([k, v]) => [k, toText(v)])),
      }));
    }
    await client.query('COMMIT');
  } finally {
    await client.end().catch(() => {});
  }
}

function toText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v as string | number | boolean);
}

import { finished } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { poolOf, type TDb } from './client.ts';

/**
 * Rows written with `COPY … FROM STDIN` (text format) on a connection of the client's own pool: the
 * cheapest way PostgreSQL takes many new rows (no statement per batch to plan, no JSON document to
 * take apart, heap pages filled several rows at a time). Indexes, constraints and triggers apply as
 * to an INSERT; a failure fails the whole batch. Answers false, writing nothing, for a client with
 * no pool of its own (a transaction): the caller inserts another way.
 */
export async function copyRows(
  db: TDb,
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | null>>,
): Promise<boolean> {
  const pool = poolOf(db);
  if (!pool) return false;
  if (rows.length === 0) return true;
  let text = '';
  for (const row of rows) text += `${row.map(copyText).join('\t')}\n`;
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    const copy = client.query(
      copyFrom(
        `COPY ${pg.escapeIdentifier(table)} (${columns.map((c) => pg.escapeIdentifier(c)).join(', ')}) FROM STDIN`,
      ),
    );
    copy.end(text);
    await finished(copy);
  } catch (error) {
    // A connection whose COPY failed is closed, not handed to the next query.
    broken = error as Error;
    throw error;
  } finally {
    client.release(broken);
  }
  return true;
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A value in COPY's text format: null as \N, backslash, tab and line breaks escaped. */
const copyText = (value: string | null) =>
  value === null ? '\\N' : value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!);

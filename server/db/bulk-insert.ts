import type { TDb } from './client.ts';
import { BULK_COLUMNS, type TBulkColumnOf, type TBulkRow, type TBulkTable } from './bulk-columns.ts';

export type TBulkColumn = {
  name: string;
  /** The column's SQL type as a cast target: uuid, text, jsonb, integer, boolean, timestamp(3), "EnumName". */
  type: string;
};

/** Rows per INSERT statement: more are split into several. */
export const BULK_INSERT_STATEMENT_ROWS = 10_000;

/**
 * Inserts many rows in one statement. Prisma's createMany costs about half a millisecond a row
 * here; this costs a few microseconds. The rows travel as ONE JSON document (an array of arrays,
 * jsonb values embedded as themselves) and PostgreSQL takes it apart: one native JSON.stringify
 * here, instead of encoding every value into per-column arrays that Prisma's raw-parameter
 * handling then walks again. Dates travel as ISO UTC; SQL NULL is JSON null. For the hot paths of
 * planning, provisioning, lifecycle and audit only.
 */
export async function bulkInsert(
  db: TDb,
  table: string,
  columns: TBulkColumn[],
  rows: unknown[][],
): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map((c) => `"${c.name}"`).join(', ');
  const selects = columns
    .map((c, i) => (c.type === 'jsonb' ? `nullif(r->${i}, 'null'::jsonb)` : `(r->>${i})::${c.type}`))
    .join(', ');
  const sql = `INSERT INTO "${table}" (${names}) SELECT ${selects} FROM jsonb_array_elements($1::jsonb) AS r`;
  for (let start = 0; start < rows.length; start += BULK_INSERT_STATEMENT_ROWS) {
    await db.$executeRawUnsafe(sql, toJson(rows.slice(start, start + BULK_INSERT_STATEMENT_ROWS)));
  }
}

/** JSON.stringify, and where a value is a bigint (which it refuses), again with bigints as text. */
function toJson(rows: unknown[][]): string {
  try {
    return JSON.stringify(rows);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return JSON.stringify(rows, (_key, value: unknown) =>
      typeof value === 'bigint' ? value.toString() : value,
    );
  }
}

/**
 * `bulkInsert` with the table, columns and SQL types from BULK_COLUMNS (server/db/bulk-columns.ts),
 * checked against the Prisma schema when the code compiles: rows are objects with the same columns
 * each (the first row's keys name them), typed from the model.
 */
export async function insertRows<M extends TBulkTable, C extends TBulkColumnOf<M>>(
  db: TDb,
  table: M,
  rows: ReadonlyArray<TBulkRow<M, C>>,
): Promise<void> {
  if (rows.length === 0) return;
  const types: Record<string, string> = BULK_COLUMNS[table];
  const names = Object.keys(rows[0]!) as C[];
  await bulkInsert(
    db,
    table,
    names.map((name) => ({ name, type: types[name]! })),
    rows.map((row) => names.map((name) => row[name])),
  );
}

import { Prisma, type TDb } from './client.ts';
import { BULK_COLUMNS, type TBulkColumnOf, type TBulkRow, type TBulkTable } from './bulk-columns.ts';

export type TBulkColumn = {
  name: string;
  /** The column's SQL type as a cast target: uuid, text, jsonb, integer, boolean, timestamp(3), "EnumName", or an array of one (uuid[]). */
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
  for (const statement of bulkInsertStatements(table, columns, rows)) await db.$executeRaw(statement);
}

/** bulkInsert's statements, one per BULK_INSERT_STATEMENT_ROWS rows; none for no rows. */
function bulkInsertStatements(table: string, columns: TBulkColumn[], rows: unknown[][]): Prisma.Sql[] {
  const statements: Prisma.Sql[] = [];
  for (let start = 0; start < rows.length; start += BULK_INSERT_STATEMENT_ROWS)
    statements.push(bulkInsertSql(table, columns, rows.slice(start, start + BULK_INSERT_STATEMENT_ROWS)));
  return statements;
}

/**
 * bulkInsert's statement, to be sent as part of a larger one: a data-modifying CTE writes it in the
 * same round trip as other rows (a request's submission writes the request, its audit event and its
 * chain at once). One statement: at most BULK_INSERT_STATEMENT_ROWS rows.
 */
export function bulkInsertSql(table: string, columns: TBulkColumn[], rows: unknown[][]): Prisma.Sql {
  if (rows.length > BULK_INSERT_STATEMENT_ROWS)
    throw new Error(`bulkInsertSql: at most ${BULK_INSERT_STATEMENT_ROWS} rows a statement`);
  const names = columns.map((c) => `"${c.name}"`).join(', ');
  const selects = columns.map((c, i) => columnSql(c.type, i)).join(', ');
  return Prisma.sql`INSERT INTO ${Prisma.raw(`"${table}" (${names}) SELECT ${selects}`)} FROM jsonb_array_elements(${toJson(rows)}::jsonb) AS r`;
}

/**
 * The value of the row's `i`-th element as the column's type. An array travels as a JSON array, whose
 * text (`["a","b"]`) is no array literal: its elements are taken apart and cast one by one; JSON null
 * (or anything not an array) is SQL NULL.
 */
function columnSql(type: string, i: number): string {
  if (type === 'jsonb') return `nullif(r->${i}, 'null'::jsonb)`;
  if (type.endsWith('[]'))
    return `CASE WHEN jsonb_typeof(r->${i}) = 'array' THEN ARRAY(SELECT jsonb_array_elements_text(r->${i}))::${type} END`;
  return `(r->>${i})::${type}`;
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
  await bulkInsert(db, table, ...columnsAndValues(table, rows));
}

/**
 * insertRows's statements, to be sent as parts of a larger one (bulkInsertSql): one per
 * BULK_INSERT_STATEMENT_ROWS rows (a team of more approvers than that is one chain's steps), none for no rows.
 */
export function insertRowsSql<M extends TBulkTable, C extends TBulkColumnOf<M>>(
  table: M,
  rows: ReadonlyArray<TBulkRow<M, C>>,
): Prisma.Sql[] {
  if (rows.length === 0) return [];
  // Each its own data-modifying CTE of the caller's statement.
  return bulkInsertStatements(table, ...columnsAndValues(table, rows));
}

function columnsAndValues<M extends TBulkTable, C extends TBulkColumnOf<M>>(
  table: M,
  rows: ReadonlyArray<TBulkRow<M, C>>,
): [TBulkColumn[], unknown[][]] {
  const types: Record<string, string> = BULK_COLUMNS[table];
  const names = Object.keys(rows[0]!) as C[];
  return [
    names.map((name) => ({ name, type: types[name]! })),
    rows.map((row) => names.map((name) => row[name])),
  ];
}

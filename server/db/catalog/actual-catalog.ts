import type pg from 'pg';
import { DB_ONLY_PREFIX, type TCatalog, type TReferentialAction } from './catalog-types.ts';

type TQueryable = Pick<pg.ClientBase, 'query'>;

const ACTION_CODES: Record<string, TReferentialAction> = {
  a: 'NO ACTION',
  r: 'RESTRICT',
  c: 'CASCADE',
  n: 'SET NULL',
  d: 'SET DEFAULT',
};

/** Tables that belong to the migration machinery, not to the data model. */
const IGNORED_TABLES = new Set(['_prisma_migrations']);

/** Reads the live schema of a database (one PostgreSQL schema, `public` by default). */
export async function readActualCatalog(db: TQueryable, schema = 'public'): Promise<TCatalog> {
  const enums = await db.query<{ name: string; values: string[] }>(
    `SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = $1 GROUP BY t.typname ORDER BY t.typname`,
    [schema],
  );
  const columns = await db.query<{
    table: string;
    name: string;
    type: string;
    nullable: boolean;
    default: string | null;
  }>(
    `SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
            NOT a.attnotnull AS nullable, pg_get_expr(d.adbin, d.adrelid) AS default
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
      WHERE n.nspname = $1 AND c.relkind = 'r'
      ORDER BY c.relname, a.attnum`,
    [schema],
  );
  const constraints = await db.query<{
    name: string;
    type: 'p' | 'f';
    table: string;
    columns: string[];
    ref_table: string | null;
    ref_columns: string[] | null;
    on_delete: string;
    on_update: string;
  }>(
    `SELECT con.conname AS name, con.contype AS type, t.relname AS table,
            array(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
                   JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord) AS columns,
            rt.relname AS ref_table,
            array(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
                   JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord) AS ref_columns,
            con.confdeltype AS on_delete, con.confupdtype AS on_update
       FROM pg_constraint con
       JOIN pg_class t ON t.oid = con.conrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       LEFT JOIN pg_class rt ON rt.oid = con.confrelid
      WHERE n.nspname = $1 AND con.contype IN ('p', 'f')`,
    [schema],
  );
  const indexes = await db.query<{ name: string; table: string; unique: boolean; columns: string[] }>(
    `SELECT i.relname AS name, t.relname AS table, ix.indisunique AS unique,
            array(SELECT a.attname::text FROM unnest(ix.indkey) WITH ORDINALITY k(num, ord)
                   JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.num ORDER BY k.ord) AS columns
       FROM pg_index ix
       JOIN pg_class i ON i.oid = ix.indexrelid
       JOIN pg_class t ON t.oid = ix.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = $1 AND NOT ix.indisprimary`,
    [schema],
  );

  const keep = (name: string) => !name.startsWith(DB_ONLY_PREFIX);
  const tableNames = [...new Set(columns.rows.map((c) => c.table))].filter((t) => !IGNORED_TABLES.has(t));

  return {
    enums: enums.rows.map((e) => ({ name: e.name, values: e.values })),
    tables: tableNames.map((name) => {
      const pk = constraints.rows.find((c) => c.type === 'p' && c.table === name);
      return {
        name,
        columns: columns.rows
          .filter((c) => c.table === name && keep(c.name))
          .map((c) => ({
            name: c.name,
            type: normaliseType(c.type),
            nullable: c.nullable,
            default: normaliseDefault(c.default),
          })),
        primaryKey: pk ? { name: pk.name, columns: pk.columns } : null,
      };
    }),
    indexes: indexes.rows
      .filter((i) => keep(i.name) && !IGNORED_TABLES.has(i.table))
      .map((i) => ({ name: i.name, table: i.table, columns: i.columns, unique: i.unique })),
    foreignKeys: constraints.rows
      .filter((c) => c.type === 'f' && keep(c.name))
      .map((c) => ({
        name: c.name,
        table: c.table,
        columns: c.columns,
        refTable: c.ref_table ?? '',
        refColumns: c.ref_columns ?? [],
        onDelete: ACTION_CODES[c.on_delete] ?? 'NO ACTION',
        onUpdate: ACTION_CODES[c.on_update] ?? 'NO ACTION',
      })),
  };
}

function normaliseType(t: string): string {
  return t
    .replace(/^timestamp\((\d)\) without time zone/, 'timestamp($1)')
    .replace(/^timestamp\((\d)\) with time zone/, 'timestamptz($1)')
    .replace(/^timestamp without time zone/, 'timestamp(6)')
    .replace(/^timestamp with time zone/, 'timestamptz(6)')
    .replace(/^character varying/, 'varchar');
}

function normaliseDefault(d: string | null): string | null {
  if (d === null) return null;
  if (/^nextval\(/.test(d)) return 'autoincrement';
  const quoted = /^('(?:[^']|'')*')::.+$/.exec(d);
  if (quoted) return quoted[1]!;
  return d;
}

import type pg from 'pg';
import { type Prisma, pgQueryOf, type TDb } from './client.ts';
import { preparedName } from './prepared-names.ts';

/**
 * `prepared`: the statement's text is one of a few fixed shapes (its values are all parameters), and
 * it is sent as a named prepared statement, parsed once per connection: PostgreSQL's parse analysis of
 * a large statement (the chain's facts: about 0.4 ms) is paid on its first use only (docs/decisions/118).
 * Not for a text that varies with its data (a bulk INSERT's rows): each shape would stay prepared on
 * every connection for as long as it lives (preparedName bounds how many there may be).
 */
export type TQueryJsonOptions = { prepared?: true };

/**
 * The rows of a statement whose every column is json or jsonb (json_agg, json_build_object, a jsonb
 * setting), each column parsed once: on the client's own pool, or on the connection of a transaction
 * inTransaction opened, past Prisma's per-query work (pgQueryOf, docs/decisions/118). A column of any
 * other type is refused on every path, not read differently on one: JSON gives what Prisma's raw rows
 * give only for json. A transaction opened any other way has no connection to send it on: refused too.
 */
export async function queryJson<T = Record<string, unknown>>(
  db: TDb,
  sql: Prisma.Sql,
  options: TQueryJsonOptions = {},
): Promise<T[]> {
  const query = pgQueryOf(db);
  if (!query)
    throw new Error('queryJson runs on a client or in a transaction inTransaction opened (pgQueryOf)');
  const result = await query({ ...named(sql, options), values: sql.values, types: JSON_ONLY });
  return result.rows as T[];
}

/**
 * A statement whose rows nobody reads (a hold's locks), sent as queryJson sends: its columns are not
 * parsed at all.
 */
export async function sendStatement(
  db: TDb,
  sql: Prisma.Sql,
  options: TQueryJsonOptions = {},
): Promise<void> {
  const query = pgQueryOf(db);
  if (!query) {
    await db.$queryRaw(sql);
    return;
  }
  await query({ ...named(sql, options), values: sql.values, rowMode: 'array', types: UNPARSED });
}

const named = (sql: Prisma.Sql, { prepared }: TQueryJsonOptions) => {
  const name = prepared ? preparedName(sql.text) : undefined;
  return { text: sql.text, ...(name ? { name } : {}) };
};

const JSON_OIDS = new Set([114, 3802]);
const JSON_ONLY = {
  getTypeParser: (oid: number) =>
    JSON_OIDS.has(oid)
      ? (v: string) => JSON.parse(v) as unknown
      : () => {
          throw new Error(`queryJson reads json columns only: type ${oid} is not json`);
        },
} as unknown as pg.CustomTypesConfig;

const UNPARSED = { getTypeParser: () => (v: string) => v } as unknown as pg.CustomTypesConfig;

import type pg from 'pg';
import { type Prisma, poolOf, type TDb } from './client.ts';

/**
 * A read of many rows as arrays of values, in the order the statement selects its columns: the
 * reports' exports read a million rows, and Prisma's raw queries build an object per row and convert
 * each value twice (about 3 µs a row of 20 columns, a sixth of an export's budget). Through the
 * client's own pg pool, values are parsed once, by the parsers below, into what Prisma would give:
 * text, uuid and enums as strings, booleans, int4 as numbers, int8 as bigint, timestamps as Dates (a
 * `timestamp` column holds UTC, as Prisma reads it), and the types the database defines (its enums)
 * as strings. Other built-in types are refused rather than read differently. Inside a transaction (no pool of its own) the same statement goes through Prisma.
 * Column names must be unique: that path reads the values of Prisma's objects.
 */
export async function queryArrays(db: TDb, sql: Prisma.Sql): Promise<unknown[][]> {
  const pool = poolOf(db);
  if (!pool)
    return (await db.$queryRaw<Array<Record<string, unknown>>>(sql)).map((row) => Object.values(row));
  return arraysOn(pool, sql);
}

async function arraysOn(on: pg.Pool | pg.PoolClient, sql: Prisma.Sql): Promise<unknown[][]> {
  const result = await on.query<unknown[]>({
    text: sql.text,
    values: sql.values as unknown[],
    rowMode: 'array',
    types: TYPES,
  });
  return result.rows;
}

/**
 * Runs `fn`'s reads (as queryArrays reads) in one snapshot: on one pooled connection, in a REPEATABLE
 * READ READ ONLY transaction, so reads that depend on each other (accounts, then the people those
 * accounts name) cannot see two states of the database. `fn` may issue its reads at once: the
 * connection sends each as the one before it ends, so the database answers the next while Node
 * parses the last (docs/decisions/090). Separate connections would have each taken its own snapshot.
 * Inside a transaction (no pool of its own) the reads are the caller's, at the caller's isolation.
 */
export async function readInOneSnapshot<T>(
  db: TDb,
  fn: (read: (sql: Prisma.Sql) => Promise<unknown[][]>) => Promise<T>,
): Promise<T> {
  const pool = poolOf(db);
  if (!pool) return fn((sql) => queryArrays(db, sql));
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const result = await fn((sql) => arraysOn(client, sql));
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // Queued after any read `fn` left running; a connection that cannot roll back is not reused.
    await client.query('ROLLBACK').catch((e: unknown) => {
      broken = e instanceof Error ? e : new Error(String(e));
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

const OID = {
  bool: 16,
  int8: 20,
  int2: 21,
  int4: 23,
  text: 25,
  varchar: 1043,
  timestamp: 1114,
  timestamptz: 1184,
  uuid: 2950,
} as const;
/** PostgreSQL numbers the types a database defines (its enums) from here. */
const FIRST_USER_OID = 16384;
const asString = (v: string) => v;
const PARSERS: Record<number, (v: string) => unknown> = {
  [OID.bool]: (v) => v === 't',
  [OID.int8]: (v) => BigInt(v),
  [OID.int2]: Number,
  [OID.int4]: Number,
  [OID.text]: asString,
  [OID.varchar]: asString,
  [OID.uuid]: asString,
  [OID.timestamp]: (v) => new Date(utcMilliseconds(v)),
  [OID.timestamptz]: (v) => new Date(v.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')),
};

/**
 * A `timestamp` as PostgreSQL writes it ("2026-12-04 11:57:06.426", UTC here), read digit by digit:
 * an export reads a million of them, and building an ISO string for Date to parse again doubled the
 * cost. Other forms (before year 100, after 9999, BC, infinity) go through Date's parser, which reads
 * the last three as invalid.
 */
export function utcMilliseconds(v: string): number {
  const n = v.length;
  if (
    n < 19 ||
    n > 26 ||
    v.charCodeAt(4) !== 45 ||
    v.charCodeAt(10) !== 32 ||
    (n > 19 && v.charCodeAt(19) !== 46) ||
    v.charCodeAt(0) === 48
  )
    return Date.parse(`${v.replace(' ', 'T')}Z`);
  // Milliseconds from up to six fraction digits: ".4" is 400, ".426789" 426.
  const ms = n > 20 ? digits(v, 20, Math.min(n, 23)) * 10 ** Math.max(0, 23 - n) : 0;
  return Date.UTC(
    digits(v, 0, 4),
    digits(v, 5, 7) - 1,
    digits(v, 8, 10),
    digits(v, 11, 13),
    digits(v, 14, 16),
    digits(v, 17, 19),
    ms,
  );
}

/**
 * The number the decimal digits v[from..to) write. Not a closure inside utcMilliseconds: tsx names
 * every function it makes (a property definition each), and a full reconciliation reads about a
 * million timestamps.
 */
function digits(v: string, from: number, to: number): number {
  let x = 0;
  for (let i = from; i < to; i++) x = x * 10 + v.charCodeAt(i) - 48;
  return x;
}

/** An unknown type fails the query (pg rejects it when the first row is parsed), never the process. */
const refuse = (oid: number) => () => {
  throw new Error(`queryArrays reads scalar columns only: type ${oid} is not one of them`);
};

const TYPES = {
  getTypeParser: (oid: number) => PARSERS[oid] ?? (oid >= FIRST_USER_OID ? asString : refuse(oid)),
} as unknown as pg.CustomTypesConfig;

import { Prisma, type TDb } from './client.ts';
import { queryJson } from './query-json.ts';

/**
 * A read described, not yet sent: its statements (each a SELECT of rows) and what it makes of their
 * rows (each statement's rows as objects keyed by column name, in its order). Described so that a
 * caller can send several modules' reads as one statement (readTogether) where their round trips one
 * after another cost more than the reads: a submission's hold reads its items, its SoD rules and its
 * approvers' facts again after its locks (docs/decisions/116).
 */
export type TRead<T> = {
  parts: readonly Prisma.Sql[];
  read: (rows: ReadonlyArray<readonly Record<string, unknown>[]>) => T;
};

/**
 * Sends each read's statements as Prisma's raw queries: side by side on a client (each its own pooled
 * connection), one after another in a transaction. What the read's own load function does.
 */
export async function readAlone<T>(db: TDb, r: TRead<T>): Promise<T> {
  const rows: Array<Record<string, unknown>[]> = [];
  if ('$connect' in db)
    rows.push(...(await Promise.all(r.parts.map((p) => db.$queryRaw<Array<Record<string, unknown>>>(p)))));
  else for (const p of r.parts) rows.push(await db.$queryRaw<Array<Record<string, unknown>>>(p));
  return r.read(rows);
}

/**
 * Sends every statement of these reads as one statement, one round trip and one snapshot: each as a
 * subquery whose rows come back as a JSON array of objects. JSON keeps what Prisma's raw rows give
 * for text, uuid and enum casts (strings), booleans, int4 (numbers), arrays and json; a part must not
 * select timestamps or int8 (JSON would give strings and numbers, not Dates and bigints). Rows keep
 * their subquery's order (json_agg over an ordered subquery; no caller here depends on it). Callers:
 * a submission's plan (its beneficiary, items and pending requests; then its chain's facts) and its
 * hold (docs/decisions/116). On a client or in a transaction inTransaction opened (queryJson), as a
 * prepared statement: a part's text must be fixed, every value a parameter (docs/decisions/118).
 */
export async function readTogether<T extends readonly unknown[]>(
  db: TDb,
  reads: { [K in keyof T]: TRead<T[K]> },
): Promise<T> {
  const parts = reads.flatMap((r) => r.parts);
  if (!parts.length) return reads.map((r) => r.read([])) as unknown as T;
  const columns = parts.map(
    (p, n) => Prisma.sql`(SELECT COALESCE(json_agg(q), '[]') FROM (${p}) q) AS ${Prisma.raw(`r${n}`)}`,
  );
  const statement = Prisma.sql`SELECT ${Prisma.join(columns)}`;
  const row = await oneRowOfJson(db, statement);
  let next = 0;
  return reads.map((r) => r.read(r.parts.map(() => row[next++]!))) as unknown as T;
}

type TJsonRows = Array<Record<string, unknown>>;

/**
 * The one row of json columns, past Prisma's raw query (which builds an object of the row and
 * converts each value again, a cost a submission pays on every statement: docs/decisions/116, 118),
 * on the client's pool or on the connection of the transaction inTransaction opened (queryJson).
 */
async function oneRowOfJson(db: TDb, statement: Prisma.Sql): Promise<TJsonRows[]> {
  const [row] = await queryJson<Record<string, TJsonRows>>(db, statement, { prepared: true });
  return Object.values(row!);
}

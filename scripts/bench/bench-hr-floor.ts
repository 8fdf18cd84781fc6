import { finished } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

/**
 * What an initial HR load writes, by table: all of them are the floor issue 14 names (a COPY of the
 * very rows the load writes; pg-boss's jobs aside). The first two, each person's identity and source
 * record, are reported beside it (FLOOR_TABLES): the rest is the birthright access that follows
 * (accounts, grants, memberships, operations, audit).
 */
export const INITIAL_LOAD_TABLES = [
  'Identity',
  'SourceRecord',
  'Account',
  'Grant',
  'AccountEntitlement',
  'ProvisioningOperation',
  'AuditEvent',
] as const;
/** The narrow floor: identities and their source records alone. */
export const FLOOR_TABLES: readonly string[] = ['Identity', 'SourceRecord'];

export type TCopied = { table: string; rows: number; mb: string; seconds: number };

/**
 * Each table's rows exported (COPY TO, off the clock) and written again by `COPY … FROM STDIN` into
 * a copy of the table with the same columns, defaults and indexes (LIKE … INCLUDING ALL: no foreign
 * keys, no triggers), each in its own committed, durable transaction: the cheapest way PostgreSQL
 * takes those rows, timed per table.
 */
export async function copyFloor(databaseUrl: string, tables: readonly string[]): Promise<TCopied[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const out: TCopied[] = [];
    for (const table of tables) {
      const copy = `floor_${table}`;
      await client.query(
        `CREATE TABLE ${pg.escapeIdentifier(copy)} (LIKE ${pg.escapeIdentifier(table)} INCLUDING ALL)`,
      );
      const chunks: Buffer[] = [];
      for await (const chunk of client.query(copyTo(`COPY ${pg.escapeIdentifier(table)} TO STDOUT`)))
        chunks.push(chunk as Buffer);
      const data = Buffer.concat(chunks);
      const started = process.hrtime.bigint();
      const write = client.query(copyFrom(`COPY ${pg.escapeIdentifier(copy)} FROM STDIN`));
      write.end(data);
      await finished(write);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${pg.escapeIdentifier(copy)}`,
      );
      await client.query(`DROP TABLE ${pg.escapeIdentifier(copy)}`);
      out.push({ table, rows: rows[0]!.n, mb: (data.length / 1024 / 1024).toFixed(1), seconds });
    }
    return out;
  } finally {
    await client.end();
  }
}

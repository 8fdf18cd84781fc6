import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { readActualCatalog } from './actual-catalog.ts';
import { diffCatalogs, type TCatalogChange } from './diff-catalogs.ts';
import { readExpectedCatalog } from './expected-catalog.ts';

export const SCHEMA_PATH = path.resolve(import.meta.dirname, '../../../prisma/schema.prisma');

/** What the database at `databaseUrl` lacks (or has extra) compared with prisma/schema.prisma. */
export async function diffDatabaseAgainstSchema(
  databaseUrl: string,
  schemaPath = SCHEMA_PATH,
): Promise<TCatalogChange[]> {
  const expected = readExpectedCatalog(fs.readFileSync(schemaPath, 'utf8'));
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return diffCatalogs(expected, await readActualCatalog(client));
  } finally {
    await client.end();
  }
}

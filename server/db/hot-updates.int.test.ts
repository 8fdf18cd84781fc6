import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication, createEntitlement, createIdentity } from '@/server/seed/factories.ts';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/test-database.ts';

/*
 * Accounts, memberships, people and source records leave room on their pages (fillfactor,
 * docs/decisions/104 and 102), so an update that changes no indexed column is HOT: no index gets an
 * entry. Without the room, rows written in a batch fill their pages and nearly every later update is not.
 */

let t: TTestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

/** Updates on one connection and reads, after flushing its statistics, how many of them were HOT. */
async function hotUpdates(
  table: string,
  update: string,
  ids: string[],
): Promise<{ updated: number; hot: number }> {
  const client = new pg.Client({ connectionString: t.url });
  await client.connect();
  try {
    const read = async () => {
      await client.query('SELECT pg_stat_force_next_flush()');
      await client.query('SELECT pg_stat_clear_snapshot()');
      const { rows } = await client.query<{ hot: string }>(
        `SELECT n_tup_hot_upd::text AS hot FROM pg_stat_user_tables WHERE relname = $1`,
        [table],
      );
      return Number(rows[0]!.hot);
    };
    const before = await read();
    const { rowCount } = await client.query(update, [ids]);
    return { updated: rowCount ?? 0, hot: (await read()) - before };
  } finally {
    await client.end();
  }
}

/**
 * One row in ten of `ids`, taken in the order the rows lie on their pages (ctid): each page gives a
 * tenth of its rows (at most 9 of a page's 82 memberships, 5 of 46 accounts, 3 of 28 people), whose
 * new versions fit in the 15 % it keeps. Taken in the order the rows were created, the choice could
 * pile up: the 300 people are created concurrently over the pool's five connections and each
 * PostgreSQL backend fills a page of its own, so every tenth create could share a few pages, more to
 * a page than the five new versions its room holds (one run in 30: 19 of 30 HOT, 11 moved to a new page).
 */
async function oneInTenByPage(table: string, key: string, ids: string[]): Promise<string[]> {
  const rows = await t.prisma.$queryRawUnsafe<{ key: string }[]>(
    `SELECT "${key}"::text AS key FROM "${table}" WHERE "${key}" = ANY($1::uuid[]) ORDER BY ctid`,
    ids,
  );
  return rows.filter((_, i) => i % 10 === 0).map((r) => r.key);
}

function expectAllHot(table: string, result: { updated: number; hot: number }) {
  expect(result.updated, table).toBe(30);
  expect(result.hot, table).toBe(30);
}

describe('room for HOT updates', () => {
  it('an account’s status and attributes, a membership’s status and a person’s title change without index entries', async () => {
    const app = await createApplication(t.prisma);
    const entitlement = await createEntitlement(t.prisma, app.id);
    const people = await Promise.all(Array.from({ length: 300 }, () => createIdentity(t.prisma)));
    await t.prisma.account.createMany({
      data: people.map((p) => ({ applicationId: app.id, identityId: p.id, username: p.username })),
    });
    const accounts = await t.prisma.account.findMany({
      where: { applicationId: app.id },
      select: { id: true },
    });
    await t.prisma.accountEntitlement.createMany({
      data: accounts.map((a) => ({ accountId: a.id, entitlementId: entitlement.id, status: 'ADDING' })),
    });

    // One in ten changes, as in a day's HR delta (5 %), a tenth of each page's rows: the room a page
    // keeps holds all their new versions. Without the room, 0, 0 and 6-11 of the 30 were HOT (people: the
    // partly filled last pages of the five connections; records 0 of 30).
    const accountIds = accounts.map((a) => a.id);
    expectAllHot(
      'Account',
      await hotUpdates(
        'Account',
        `UPDATE "Account" SET status = 'DISABLED', attributes = '{"title": "Analyst II"}', "updatedAt" = now() WHERE id = ANY($1::uuid[])`,
        await oneInTenByPage('Account', 'id', accountIds),
      ),
    );
    expectAllHot(
      'AccountEntitlement',
      await hotUpdates(
        'AccountEntitlement',
        `UPDATE "AccountEntitlement" SET status = 'ACTIVE', "updatedAt" = now() WHERE "accountId" = ANY($1::uuid[])`,
        await oneInTenByPage('AccountEntitlement', 'accountId', accountIds),
      ),
    );
    expectAllHot(
      'Identity',
      await hotUpdates(
        'Identity',
        `UPDATE "Identity" SET title = 'Analyst II', "sessionVersion" = "sessionVersion" + 1 WHERE id = ANY($1::uuid[])`,
        await oneInTenByPage(
          'Identity',
          'id',
          people.map((p) => p.id),
        ),
      ),
    );
  });
});

describe('an HR record’s new data', () => {
  it('is written without index entries: the SCIM lookups index generated columns, not data (decision 102, stop 35)', async () => {
    // Before: indexes on expressions over data made every change of data a non-HOT update (0 of 30).
    const source = await t.prisma.identitySource.create({
      data: { key: 'hot-hr', name: 'HR', kind: 'HR_CSV', precedence: 10 },
    });
    const people = await Promise.all(Array.from({ length: 300 }, () => createIdentity(t.prisma)));
    await t.prisma.sourceRecord.createMany({
      data: people.map((p, i) => ({
        sourceId: source.id,
        externalId: `E${i}`,
        identityId: p.id,
        data: { firstName: 'Ana', lastName: `Person ${i}`, title: 'Analyst', department: 'Finance' },
        hash: `h${i}`,
      })),
    });
    const records = await t.prisma.sourceRecord.findMany({
      where: { sourceId: source.id },
      select: { id: true },
    });
    // As ingest-batch.ts's saveSourceRecords writes a changed record: its identity again, data, hash.
    expectAllHot(
      'SourceRecord',
      await hotUpdates(
        'SourceRecord',
        `UPDATE "SourceRecord" SET "identityId" = "identityId", data = data || '{"title": "Analyst II"}', hash = 'changed', "updatedAt" = now() WHERE id = ANY($1::uuid[])`,
        await oneInTenByPage(
          'SourceRecord',
          'id',
          records.map((r) => r.id),
        ),
      ),
    );
  });
});

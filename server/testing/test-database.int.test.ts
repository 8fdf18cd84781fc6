import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_APP_ROLE } from './global-setup.ts';
import { createTestContext, type TTestContext } from './test-context.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

type TWho = { user: string; superuser: boolean };
const WHO = `SELECT current_user::text AS "user", usesuper AS superuser FROM pg_user WHERE usename = current_user`;

/** Who `url` connects as: what a worker or web process given it (startWorker, spawnWorkerProcess) would be. */
async function whoIs(url: string): Promise<TWho> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<TWho>(WHO)).rows[0]!;
  } finally {
    await client.end();
  }
}

// A product path the portal's role may not run must fail its test, as it would fail in production
// (docs/decisions/106): so the tests' default connections are that role, never the owner.
describe('the test database', () => {
  it('connects as the portal’s role by default: its client, its URL and its pg-boss', async () => {
    const app: TWho = { user: TEST_APP_ROLE, superuser: false };
    expect((await t.prisma.$queryRawUnsafe<TWho[]>(WHO))[0]).toEqual(app);
    expect(await whoIs(t.url)).toEqual(app);
    expect((await t.boss.getDb().executeSql(WHO)).rows[0]).toEqual(app);
  });

  it('so a DELETE of the audit trail through the default client is refused, as in production', async () => {
    await expect(t.prisma.$executeRawUnsafe(`DELETE FROM "AuditEvent"`)).rejects.toThrow(
      /permission denied for table "?AuditEvent"?/,
    );
  });

  it('keeps the owner apart, under its own name', async () => {
    expect((await t.ownerPrisma.$queryRawUnsafe<TWho[]>(WHO))[0]).toMatchObject({ superuser: true });
    expect(await whoIs(t.ownerUrl)).toMatchObject({ superuser: true });
  });
});

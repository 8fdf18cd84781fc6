import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poolOf } from '@/server/db/client.ts';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
} from '@/server/seed/factories.ts';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/test-database.ts';
import { loadPlanSide } from './reconciliation-states.ts';

/*
 * A whole application's plan side is four reads (its accounts, their memberships, the people they
 * name, those people's grants) sent at once; they read one snapshot (docs/decisions/090). Read on three connections, each
 * took its own: an account unlinked between them left its person out while the account still named
 * them, and the diff then judged the account without its owner.
 */

let t: TTestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

/** Until a backend of this database waits for a lock (the people's read, behind the locker). */
async function lockWaited(by: pg.Client) {
  for (let i = 0; i < 500; i++) {
    const { rows } = await by.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if ((rows[0] as { n: number }).n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('no read waited for the lock');
}

describe('loadPlanSide', () => {
  it('reads the accounts and the people they name in one snapshot: an account unlinked meanwhile keeps its person', async () => {
    const app = await createApplication(t.prisma);
    const entitlement = await createEntitlement(t.prisma, app.id);
    const person = await createIdentity(t.prisma);
    await createGrant(t.prisma, { identityId: person.id, entitlementId: entitlement.id });
    const account = await t.prisma.account.create({
      data: { applicationId: app.id, identityId: person.id, username: person.username },
    });
    // Three connections open before the lock (a connection opening behind it waits as well): the
    // reads then wait only where they read Identity.
    const pool = poolOf(t.prisma)!;
    await Promise.all([1, 2, 3].map((n) => pool.query(`SELECT ${n}`)));
    // The people's read waits behind a lock while the accounts are read; the unlink commits then.
    const locker = new pg.Client({ connectionString: t.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE "Identity" IN ACCESS EXCLUSIVE MODE');
      const loading = loadPlanSide(t.prisma, app.id, null);
      loading.catch(() => {});
      await lockWaited(locker);
      await locker.query(`UPDATE "Account" SET "identityId" = NULL WHERE id = $1`, [account.id]);
      await locker.query('COMMIT');
      const plan = await loading;
      expect([
        plan.committed.get(account.id)?.identityId,
        plan.identities.get(person.id)?.id,
        plan.grantsByIdentity.get(person.id)?.map((g) => g.entitlementId),
      ]).toEqual([person.id, person.id, [entitlement.id]]);
      // The next load sees the account as it is now.
      expect((await loadPlanSide(t.prisma, app.id, null)).committed.get(account.id)?.identityId).toBeNull();
    } finally {
      await locker.end();
    }
  });

  it("reads each account's memberships as rows: status and update time (a Date, compared with the run's start), none for an account without", async () => {
    const app = await createApplication(t.prisma);
    const entitlement = await createEntitlement(t.prisma, app.id);
    const person = await createIdentity(t.prisma);
    const other = await createIdentity(t.prisma);
    const [held, bare] = await Promise.all(
      [person, other].map((p) =>
        t.prisma.account.create({ data: { applicationId: app.id, identityId: p.id, username: p.username } }),
      ),
    );
    const updatedAt = new Date('2026-03-04T05:06:07.891Z');
    await t.prisma.accountEntitlement.create({
      data: { accountId: held!.id, entitlementId: entitlement.id, status: 'ADDING', updatedAt },
    });
    const plan = await loadPlanSide(t.prisma, app.id, null);
    const memberships = plan.committed.get(held!.id)?.memberships;
    expect(memberships).toEqual([{ entitlementId: entitlement.id, status: 'ADDING', updatedAt }]);
    expect(memberships?.[0]?.updatedAt).toBeInstanceOf(Date);
    expect(plan.committed.get(bare!.id)?.memberships).toEqual([]);
  });
});

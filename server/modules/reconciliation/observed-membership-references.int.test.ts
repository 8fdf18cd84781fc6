import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication, createEntitlement } from '@/server/seed/factories.ts';
import { observeAccount } from '@/server/testing/reconciliation-fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/test-database.ts';
import { withTwoConnections } from '@/server/testing/two-connections.ts';
import { insertObservedMemberships } from './observed-state-store.ts';

/*
 * ObservedMembership's references are checked once per statement by triggers instead of by two
 * foreign keys row by row (docs/decisions/087): the same refusals, and a delete that races a write
 * waits for it, as with a key; the accounts' side by their Application's lock (090, tenth pass).
 */

let t: TTestDatabase;
let applicationId: string;
let entitlementId: string;
beforeAll(async () => {
  t = await createTestDatabase();
  applicationId = (await createApplication(t.prisma)).id;
  entitlementId = (await createEntitlement(t.prisma, applicationId)).id;
});
afterAll(async () => {
  await t?.drop();
});

const account = () =>
  observeAccount(t.prisma, applicationId, {
    username: `u${crypto.randomUUID().slice(0, 8)}`,
    nativeId: `uid=${crypto.randomUUID()},ou=people,dc=test`,
  });
const open = (observedAccountId: string, entitlement = entitlementId) =>
  t.prisma
    .$executeRaw`INSERT INTO "ObservedMembership" (id, "observedAccountId", "entitlementId") VALUES (gen_random_uuid(), ${observedAccountId}::uuid, ${entitlement}::uuid)`;
const periodsOf = (observedAccountId: string) =>
  t.prisma.observedMembership.count({ where: { observedAccountId } });

describe('ObservedMembership references', () => {
  it('refuses a period naming an account or an entitlement that does not exist, and writes none of its statement', async () => {
    const a = await account();
    const nobody = crypto.randomUUID();
    await expect(
      t.prisma.$executeRaw`INSERT INTO "ObservedMembership" (id, "observedAccountId", "entitlementId")
        VALUES (gen_random_uuid(), ${a.id}::uuid, ${entitlementId}::uuid), (gen_random_uuid(), ${nobody}::uuid, ${entitlementId}::uuid)`,
    ).rejects.toThrow(`names ObservedAccount ${nobody}, which does not exist`);
    await expect(open(a.id, nobody)).rejects.toThrow(`names Entitlement ${nobody}, which does not exist`);
    expect(await periodsOf(a.id)).toBe(0);
  });

  it('checks rows written by COPY (a full run opens its periods so)', async () => {
    const a = await account();
    const now = new Date();
    const at = { runId: crypto.randomUUID(), now };
    await insertObservedMemberships(t.prisma, at, [{ observedAccountId: a.id, entitlementId }]);
    expect(await periodsOf(a.id)).toBe(1);
    await expect(
      insertObservedMemberships(t.prisma, at, [{ observedAccountId: crypto.randomUUID(), entitlementId }]),
    ).rejects.toThrow(/which does not exist/);
  });

  it('refuses deleting an account or entitlement a period names, or changing its id; the unreferenced go', async () => {
    const a = await account();
    const spare = await account();
    const unused = await createEntitlement(t.prisma, applicationId);
    await open(a.id);
    await expect(
      t.prisma.$executeRaw`DELETE FROM "ObservedAccount" WHERE id = ${a.id}::uuid`,
    ).rejects.toThrow(`ObservedAccount ${a.id} is referenced by ObservedMembership`);
    await expect(
      t.prisma.$executeRaw`DELETE FROM "Entitlement" WHERE id = ${entitlementId}::uuid`,
    ).rejects.toThrow(`Entitlement ${entitlementId} is referenced by ObservedMembership`);
    await expect(
      t.prisma.$executeRaw`UPDATE "ObservedAccount" SET id = gen_random_uuid() WHERE id = ${a.id}::uuid`,
    ).rejects.toThrow(/its id cannot change/);
    await t.prisma.observedAccount.delete({ where: { id: spare.id } });
    await t.prisma.entitlement.delete({ where: { id: unused.id } });
    expect(await periodsOf(a.id)).toBe(1);
  });

  it("refuses a period whose account is not of its entitlement's application", async () => {
    const elsewhere = await observeAccount(t.prisma, (await createApplication(t.prisma)).id, {
      username: `u${crypto.randomUUID().slice(0, 8)}`,
      nativeId: `uid=${crypto.randomUUID()},ou=people,dc=test`,
    });
    await expect(open(elsewhere.id)).rejects.toThrow(
      `names ObservedAccount ${elsewhere.id}, which does not exist in its entitlement's application`,
    );
    expect(await periodsOf(elsewhere.id)).toBe(0);
  });

  it('refuses moving a period to another account or entitlement (it ends, and another opens)', async () => {
    const a = await account();
    const b = await account();
    await open(a.id);
    await expect(
      t.prisma
        .$executeRaw`UPDATE "ObservedMembership" SET "observedAccountId" = ${b.id}::uuid WHERE "observedAccountId" = ${a.id}::uuid`,
    ).rejects.toThrow(/keeps its account and entitlement/);
    await t.prisma
      .$executeRaw`UPDATE "ObservedMembership" SET "endedAt" = now() WHERE "observedAccountId" = ${a.id}::uuid`;
  });

  it('a delete racing an uncommitted period waits for it and is refused, as with a foreign key', async () => {
    const a = await account();
    await withTwoConnections(t.url, async (writer, deleter, blocked) => {
      await writer.query('BEGIN');
      await writer.query(
        `INSERT INTO "ObservedMembership" (id, "observedAccountId", "entitlementId") VALUES (gen_random_uuid(), $1, $2)`,
        [a.id, entitlementId],
      );
      let settled = false;
      const deleting = deleter.query(`DELETE FROM "ObservedAccount" WHERE id = $1`, [a.id]).finally(() => {
        settled = true;
      });
      deleting.catch(() => {});
      await blocked(deleter);
      // The writer's KEY SHARE lock (on the Application) holds the delete back until it commits.
      expect(settled).toBe(false);
      await writer.query('COMMIT');
      await expect(deleting).rejects.toThrow(/is referenced by ObservedMembership/);
      expect(await periodsOf(a.id)).toBe(1);
    });
  });

  it('a period opened after a delete it raced is refused, as with a foreign key', async () => {
    const a = await account();
    await withTwoConnections(t.url, async (writer, deleter, blocked) => {
      await deleter.query('BEGIN');
      await deleter.query(`DELETE FROM "ObservedAccount" WHERE id = $1`, [a.id]);
      const writing = writer.query(
        `INSERT INTO "ObservedMembership" (id, "observedAccountId", "entitlementId") VALUES (gen_random_uuid(), $1, $2)`,
        [a.id, entitlementId],
      );
      writing.catch(() => {});
      await blocked(writer);
      await deleter.query('COMMIT');
      await expect(writing).rejects.toThrow(/which does not exist/);
      expect(await periodsOf(a.id)).toBe(0);
    });
  });

  it('an id change racing an uncommitted period waits for it and is refused, as with a foreign key', async () => {
    const a = await account();
    await withTwoConnections(t.url, async (writer, changer, blocked) => {
      await writer.query('BEGIN');
      await writer.query(
        `INSERT INTO "ObservedMembership" (id, "observedAccountId", "entitlementId") VALUES (gen_random_uuid(), $1, $2)`,
        [a.id, entitlementId],
      );
      let settled = false;
      const changing = changer
        .query(`UPDATE "ObservedAccount" SET id = gen_random_uuid() WHERE id = $1`, [a.id])
        .finally(() => {
          settled = true;
        });
      changing.catch(() => {});
      await blocked(changer);
      // The writer's KEY SHARE lock on the Application holds the change back until it commits.
      expect(settled).toBe(false);
      await writer.query('COMMIT');
      await expect(changing).rejects.toThrow(/its id cannot change/);
      expect(await periodsOf(a.id)).toBe(1);
    });
  });
});

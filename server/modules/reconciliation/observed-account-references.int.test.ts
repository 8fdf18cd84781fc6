import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication } from '@/server/seed/factories.ts';
import { observeAccount } from '@/server/testing/reconciliation-fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/test-database.ts';
import { withTwoConnections } from '@/server/testing/two-connections.ts';
import { insertObservedAccounts } from './observed-state-store.ts';

/*
 * ObservedAccount's references (its Application, its planned Account) are checked once per statement
 * by triggers for an insert, and row by row for a link made later, instead of by two foreign keys row
 * by row (docs/decisions/090): the same refusals, and a delete racing a write waits for it and is
 * refused, as with a key (an insert locks its Application, which a delete of a planned Account locks
 * too, rather than each Account: ninth pass).
 */

let t: TTestDatabase;
let applicationId: string;
beforeAll(async () => {
  t = await createTestDatabase();
  applicationId = (await createApplication(t.prisma)).id;
});
afterAll(async () => {
  await t?.drop();
});

const name = () => `u${crypto.randomUUID().slice(0, 8)}`;
const planned = (app = applicationId) =>
  t.prisma.account.create({ data: { applicationId: app, username: name() }, select: { id: true } });
const observe = (accountId: string | null = null) =>
  observeAccount(t.prisma, applicationId, {
    username: name(),
    nativeId: `uid=${crypto.randomUUID()},ou=people,dc=test`,
    accountId,
  });
const insert = (app: string, accountId: string | null, stableId = crypto.randomUUID()) =>
  t.prisma
    .$executeRaw`INSERT INTO "ObservedAccount" (id, "applicationId", "stableId", "nativeId", username, enabled, "accountId")
    VALUES (gen_random_uuid(), ${app}::uuid, ${stableId}, ${`uid=${stableId}`}, ${stableId}, true, ${accountId}::uuid)`;
const observedNamed = (stableIds: string[]) =>
  t.prisma.observedAccount.count({ where: { stableId: { in: stableIds } } });

describe('ObservedAccount references', () => {
  it('refuses an account naming an application or a planned account that does not exist, and writes none of its statement', async () => {
    const nobody = crypto.randomUUID();
    const [good, bad] = [crypto.randomUUID(), crypto.randomUUID()];
    await expect(
      t.prisma
        .$executeRaw`INSERT INTO "ObservedAccount" (id, "applicationId", "stableId", "nativeId", username, enabled)
        VALUES (gen_random_uuid(), ${applicationId}::uuid, ${good}, ${good}, ${good}, true),
               (gen_random_uuid(), ${nobody}::uuid, ${bad}, ${bad}, ${bad}, true)`,
    ).rejects.toThrow(`names Application ${nobody}, which does not exist`);
    await expect(insert(applicationId, nobody, bad)).rejects.toThrow(
      `names Account ${nobody}, which does not exist`,
    );
    // Another application's planned account is none of this one's: the lock that guards the reference
    // is the observed account's application (a delete of an Account locks the Account's).
    const elsewhere = await planned((await createApplication(t.prisma)).id);
    await expect(insert(applicationId, elsewhere.id, bad)).rejects.toThrow(
      `names Account ${elsewhere.id}, which does not exist in its application`,
    );
    expect(await observedNamed([good, bad])).toBe(0);
    // An orphan (no planned account) and a linked account go in.
    const linked = await planned();
    await insert(applicationId, null, good);
    await insert(applicationId, linked.id, bad);
    expect(await observedNamed([good, bad])).toBe(2);
  });

  it('checks rows written by COPY (a full run writes its new accounts so)', async () => {
    const at = { applicationId, runId: crypto.randomUUID(), now: new Date() };
    const read = (accountId: string | null) => ({
      stableId: crypto.randomUUID(),
      nativeId: `uid=${crypto.randomUUID()}`,
      username: name(),
      enabled: true,
      attributes: {},
      accountId,
      digest: 'd',
      modifiedAt: null,
    });
    const linked = await planned();
    const ok = read(linked.id);
    await insertObservedAccounts(t.prisma, at, [ok, read(null)]);
    expect(await t.prisma.observedAccount.count({ where: { accountId: linked.id } })).toBe(1);
    const dangling = read(crypto.randomUUID());
    await expect(insertObservedAccounts(t.prisma, at, [dangling])).rejects.toThrow(/which does not exist/);
    expect(await observedNamed([dangling.stableId])).toBe(0);
  });

  it('checks a link made later, and refuses moving an account to another application', async () => {
    const o = await observe();
    const nobody = crypto.randomUUID();
    await expect(
      t.prisma
        .$executeRaw`UPDATE "ObservedAccount" SET "accountId" = ${nobody}::uuid WHERE id = ${o.id}::uuid`,
    ).rejects.toThrow(`names Account ${nobody}, which does not exist`);
    const elsewhere = await planned((await createApplication(t.prisma)).id);
    await expect(
      t.prisma
        .$executeRaw`UPDATE "ObservedAccount" SET "accountId" = ${elsewhere.id}::uuid WHERE id = ${o.id}::uuid`,
    ).rejects.toThrow(/which does not exist in its application/);
    const linked = await planned();
    await t.prisma.observedAccount.update({ where: { id: o.id }, data: { accountId: linked.id } });
    const other = await createApplication(t.prisma);
    await expect(
      t.prisma
        .$executeRaw`UPDATE "ObservedAccount" SET "applicationId" = ${other.id}::uuid WHERE id = ${o.id}::uuid`,
    ).rejects.toThrow(/stays in its application/);
    expect((await t.prisma.observedAccount.findUniqueOrThrow({ where: { id: o.id } })).accountId).toBe(
      linked.id,
    );
  });

  it('refuses deleting an application or planned account an observed account names, or changing its id; the unreferenced go', async () => {
    const linked = await planned();
    await observe(linked.id);
    const spare = await planned();
    const unused = await createApplication(t.prisma);
    // An application holding nothing but an observed account (another reference would refuse first).
    const observedOnly = (await createApplication(t.prisma)).id;
    await insert(observedOnly, null);
    await expect(t.prisma.$executeRaw`DELETE FROM "Account" WHERE id = ${linked.id}::uuid`).rejects.toThrow(
      `Account ${linked.id} is referenced by ObservedAccount`,
    );
    await expect(
      t.prisma.$executeRaw`DELETE FROM "Application" WHERE id = ${observedOnly}::uuid`,
    ).rejects.toThrow(`Application ${observedOnly} is referenced by ObservedAccount`);
    await expect(
      t.prisma.$executeRaw`UPDATE "Account" SET id = gen_random_uuid() WHERE id = ${linked.id}::uuid`,
    ).rejects.toThrow(/its id cannot change/);
    await expect(
      t.prisma.$executeRaw`UPDATE "Application" SET id = gen_random_uuid() WHERE id = ${observedOnly}::uuid`,
    ).rejects.toThrow(/its id cannot change/);
    await t.prisma.account.delete({ where: { id: spare.id } });
    await t.prisma.application.delete({ where: { id: unused.id } });
    expect(await t.prisma.observedAccount.count({ where: { accountId: linked.id } })).toBe(1);
  });

  it('a delete racing an uncommitted observed account waits for it and is refused, as with a foreign key', async () => {
    const linked = await planned();
    await withTwoConnections(t.url, async (writer, deleter, blocked) => {
      await writer.query('BEGIN');
      await writer.query(
        `INSERT INTO "ObservedAccount" (id, "applicationId", "stableId", "nativeId", username, enabled, "accountId")
         VALUES (gen_random_uuid(), $1, $2, $2, $2, true, $3)`,
        [applicationId, crypto.randomUUID(), linked.id],
      );
      let settled = false;
      const deleting = deleter.query(`DELETE FROM "Account" WHERE id = $1`, [linked.id]).finally(() => {
        settled = true;
      });
      deleting.catch(() => {});
      // The writer's KEY SHARE lock holds the delete back until it commits.
      await blocked(deleter);
      expect(settled).toBe(false);
      await writer.query('COMMIT');
      await expect(deleting).rejects.toThrow(/is referenced by ObservedAccount/);
      expect(await t.prisma.observedAccount.count({ where: { accountId: linked.id } })).toBe(1);
    });
  });

  it('an observed account written, or linked, after a delete it raced is refused, as with a foreign key', async () => {
    for (const how of ['insert', 'link'] as const) {
      const linked = await planned();
      const o = await observe();
      await withTwoConnections(t.url, async (writer, deleter, blocked) => {
        await deleter.query('BEGIN');
        await deleter.query(`DELETE FROM "Account" WHERE id = $1`, [linked.id]);
        const writing =
          how === 'insert'
            ? writer.query(
                `INSERT INTO "ObservedAccount" (id, "applicationId", "stableId", "nativeId", username, enabled, "accountId")
                 VALUES (gen_random_uuid(), $1, $2, $2, $2, true, $3)`,
                [applicationId, crypto.randomUUID(), linked.id],
              )
            : writer.query(`UPDATE "ObservedAccount" SET "accountId" = $1 WHERE id = $2`, [linked.id, o.id]);
        writing.catch(() => {});
        await blocked(writer);
        await deleter.query('COMMIT');
        await expect(writing).rejects.toThrow(/which does not exist/);
        expect(await t.prisma.observedAccount.count({ where: { accountId: linked.id } })).toBe(0);
      });
    }
  });
});

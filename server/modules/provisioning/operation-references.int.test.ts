import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows } from '@/server/db/bulk-insert.ts';
import { createApplication, createEntitlement, createIdentity } from '@/server/seed/factories.ts';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/test-database.ts';
import { withTwoConnections } from '@/server/testing/two-connections.ts';

/*
 * ProvisioningOperation's four references (Application, Account, Identity, Entitlement) are checked
 * once per statement by triggers instead of by four foreign keys row by row (docs/decisions/107): the
 * keys' refusals and delete actions (an Application is kept while an operation names it; a deleted
 * Account, Identity or Entitlement leaves its operations naming nothing), and a delete racing a write
 * waits for it, as with a key. The messages are the triggers' own.
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

type TRefs = {
  applicationId?: string;
  accountId?: string | null;
  identityId?: string | null;
  entitlementId?: string | null;
};
const account = async (app = applicationId) =>
  (
    await t.prisma.account.create({
      data: { applicationId: app, username: `u${crypto.randomUUID().slice(0, 8)}` },
      select: { id: true },
    })
  ).id;
const row = (refs: TRefs = {}) => ({
  id: crypto.randomUUID(),
  applicationId: refs.applicationId ?? applicationId,
  accountId: refs.accountId ?? null,
  identityId: refs.identityId ?? null,
  entitlementId: refs.entitlementId ?? null,
  kind: 'UPDATE_ACCOUNT' as const,
  payload: {},
  reason: 'TEST',
  causeRef: null,
});
/** planAccess's path: one bulk statement for all the rows. */
const insert = (...rows: ReturnType<typeof row>[]) => insertRows(t.prisma, 'ProvisioningOperation', rows);
const stored = (ids: string[]) => t.prisma.provisioningOperation.findMany({ where: { id: { in: ids } } });

describe('ProvisioningOperation references', () => {
  it('refuses a statement with one row naming a missing application, account, person or entitlement, and writes none of it', async () => {
    const [acc, person, ent] = [
      await account(),
      (await createIdentity(t.prisma)).id,
      (await createEntitlement(t.prisma, applicationId)).id,
    ];
    const good = row({ accountId: acc, identityId: person, entitlementId: ent });
    const nobody = crypto.randomUUID();
    for (const [table, refs] of [
      ['Application', { applicationId: nobody }],
      ['Account', { accountId: nobody }],
      ['Identity', { identityId: nobody }],
      ['Entitlement', { entitlementId: nobody }],
    ] as const) {
      await expect(insert(good, row(refs))).rejects.toThrow(
        `ProvisioningOperation names ${table} ${nobody}, which does not exist`,
      );
    }
    expect(await stored([good.id])).toEqual([]);
    // Many rows naming the same few rows (each checked once) and rows naming nothing go in. The test
    // connects as the portal's role (106), as the worker plans: the triggers' KEY SHARE locks run with
    // its privileges, where a key's check ran as the table's owner.
    const many = [good, row({ accountId: acc, identityId: person }), row({ identityId: person }), row()];
    await insert(...many);
    expect(await stored(many.map((r) => r.id))).toHaveLength(4);
  });

  it('a temporary table of the portal’s role cannot stand in for the one a trigger reads (108)', async () => {
    const nobody = crypto.randomUUID();
    // A session's own "Account" holding the missing id: pg_temp comes first for an unqualified name.
    await expect(
      t.prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`CREATE TEMP TABLE "Account" (id uuid) ON COMMIT DROP`);
        await tx.$executeRawUnsafe(`INSERT INTO pg_temp."Account" VALUES ($1::uuid)`, nobody);
        await insertRows(tx, 'ProvisioningOperation', [row({ accountId: nobody })]);
      }),
    ).rejects.toThrow(`ProvisioningOperation names Account ${nobody}, which does not exist`);
    // An empty "ProvisioningOperation" of its own: deleting an application that operations name is still refused.
    const named = (await createApplication(t.prisma)).id;
    await insert(row({ applicationId: named }));
    await expect(
      t.prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`CREATE TEMP TABLE "ProvisioningOperation" (id uuid) ON COMMIT DROP`);
        await tx.$executeRaw`DELETE FROM public."Application" WHERE id = ${named}::uuid`;
      }),
    ).rejects.toThrow(`Application ${named} is referenced by ProvisioningOperation`);
  });

  it('checks a reference changed later', async () => {
    const op = row();
    await insert(op);
    const nobody = crypto.randomUUID();
    for (const column of ['accountId', 'identityId', 'entitlementId', 'applicationId'])
      await expect(
        t.prisma.$executeRawUnsafe(
          `UPDATE "ProvisioningOperation" SET "${column}" = $1::uuid WHERE id = $2::uuid`,
          nobody,
          op.id,
        ),
      ).rejects.toThrow(`which does not exist`);
    const acc = await account();
    await t.prisma.provisioningOperation.update({ where: { id: op.id }, data: { accountId: acc } });
    await t.prisma.provisioningOperation.update({ where: { id: op.id }, data: { status: 'SUCCEEDED' } });
    expect((await stored([op.id]))[0]).toMatchObject({ accountId: acc, status: 'SUCCEEDED' });
  });

  it('keeps an application its operations name; a deleted account, person or entitlement leaves the operation naming nothing', async () => {
    const app = (await createApplication(t.prisma)).id;
    const [acc, person, ent] = [
      await account(app),
      (await createIdentity(t.prisma)).id,
      (await createEntitlement(t.prisma, app)).id,
    ];
    const op = row({ applicationId: app, accountId: acc, identityId: person, entitlementId: ent });
    const other = row({ applicationId: app, accountId: acc });
    await insert(op, other);
    // An application holding nothing but an operation (its accounts' keys would refuse first).
    const operationOnly = (await createApplication(t.prisma)).id;
    await insert(row({ applicationId: operationOnly }));
    await expect(
      t.prisma.$executeRaw`DELETE FROM "Application" WHERE id = ${operationOnly}::uuid`,
    ).rejects.toThrow(`Application ${operationOnly} is referenced by ProvisioningOperation`);
    for (const [table, id] of [
      ['Account', acc],
      ['Identity', person],
      ['Entitlement', ent],
      ['Application', app],
    ] as const)
      await expect(
        t.prisma.$executeRawUnsafe(`UPDATE "${table}" SET id = gen_random_uuid() WHERE id = $1::uuid`, id),
      ).rejects.toThrow(`${table} ${id} is referenced by ProvisioningOperation: its id cannot change`);
    await t.prisma.account.delete({ where: { id: acc } });
    await t.prisma.identity.delete({ where: { id: person } });
    await t.prisma.entitlement.delete({ where: { id: ent } });
    expect(await stored([op.id, other.id])).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: op.id,
          applicationId: app,
          accountId: null,
          identityId: null,
          entitlementId: null,
        }),
        expect.objectContaining({ id: other.id, accountId: null }),
      ]),
    );
    // An application no operation names goes.
    const unused = (await createApplication(t.prisma)).id;
    await t.prisma.application.delete({ where: { id: unused } });
  });

  it('a delete racing an uncommitted operation waits for it, then is refused or clears the reference, as with a key', async () => {
    const app = (await createApplication(t.prisma)).id;
    const acc = await account(app);
    const op = row({ applicationId: app, accountId: acc });
    await withTwoConnections(t.url, async (writer, deleter, blocked) => {
      await writer.query('BEGIN');
      await writer.query(
        `INSERT INTO "ProvisioningOperation" (id, "applicationId", "accountId", kind, reason) VALUES ($1, $2, $3, 'UPDATE_ACCOUNT', 'TEST')`,
        [op.id, app, acc],
      );
      const settled = { account: false, application: false };
      const deletingAccount = deleter.query(`DELETE FROM "Account" WHERE id = $1`, [acc]).finally(() => {
        settled.account = true;
      });
      deletingAccount.catch(() => {});
      // The writer's KEY SHARE lock on the Account holds the delete back until it commits.
      await blocked(deleter);
      expect(settled.account).toBe(false);
      await writer.query('COMMIT');
      await deletingAccount;
      expect((await stored([op.id]))[0]).toMatchObject({ applicationId: app, accountId: null });
      await expect(deleter.query(`DELETE FROM "Application" WHERE id = $1`, [app])).rejects.toThrow(
        /is referenced by ProvisioningOperation/,
      );
    });
  });

  it('an operation written, or relinked, after a delete it raced is refused, as with a key', async () => {
    for (const how of ['insert', 'relink'] as const) {
      const acc = await account();
      const op = row();
      await insert(op);
      await withTwoConnections(t.url, async (writer, deleter, blocked) => {
        await deleter.query('BEGIN');
        await deleter.query(`DELETE FROM "Account" WHERE id = $1`, [acc]);
        const writing =
          how === 'insert'
            ? writer.query(
                `INSERT INTO "ProvisioningOperation" (id, "applicationId", "accountId", kind, reason) VALUES ($1, $2, $3, 'UPDATE_ACCOUNT', 'TEST')`,
                [crypto.randomUUID(), applicationId, acc],
              )
            : writer.query(`UPDATE "ProvisioningOperation" SET "accountId" = $1 WHERE id = $2`, [acc, op.id]);
        writing.catch(() => {});
        await blocked(writer);
        await deleter.query('COMMIT');
        await expect(writing).rejects.toThrow(
          `ProvisioningOperation names Account ${acc}, which does not exist`,
        );
        expect(await t.prisma.provisioningOperation.count({ where: { accountId: acc } })).toBe(0);
      });
    }
  });
});

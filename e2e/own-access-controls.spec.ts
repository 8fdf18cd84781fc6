import { expect, signInAs, test } from './fixtures.ts';
import { sql } from './governance-fixtures.ts';

// Nobody settles a fulfilment task or cancels an operation about their own access: the lists say so
// per row (canSettle, canCancel) and the pages offer the buttons only where the server would accept
// them. Ivy, an identity admin, sees every task and every failure: one of each is about her, one
// about Jonas. Seeded by SQL in Corporate Directory and closed afterwards (operations keep history).

const ids: Record<string, string> = {};
const one = async (text: string, values: unknown[] = []) => (await sql<{ id: string }>(text, values))[0]!.id;
const operation = (identityId: string, status: string) =>
  one(
    `INSERT INTO "ProvisioningOperation" (id, "applicationId", "identityId", kind, status, reason, attempts, "errorKind", "lastError")
     VALUES (gen_random_uuid(), $1, $2, 'DISABLE_ACCOUNT', $3::"OperationStatus", 'TEST', 1, $4, $5) RETURNING id`,
    [
      ids.app,
      identityId,
      status,
      status === 'FAILED' ? 'PERMANENT' : null,
      status === 'FAILED' ? 'e2e: the target said no' : null,
    ],
  );

test.beforeAll(async () => {
  ids.app = await one(`SELECT id FROM "Application" WHERE name = 'Corporate Directory'`);
  ids.ivy = await one(`SELECT id FROM "Identity" WHERE username = 'ivy'`);
  ids.jonas = await one(`SELECT id FROM "Identity" WHERE username = 'jonas'`);
  for (const who of ['ivy', 'jonas']) {
    ids[`${who}Waiting`] = await operation(ids[who]!, 'WAITING');
    ids[`${who}Task`] = await one(
      `INSERT INTO "FulfilmentTask" (id, "operationId", "applicationId", instructions, "dueAt")
       VALUES (gen_random_uuid(), $1, $2, 'Disable the account by hand', now() + interval '1 day') RETURNING id`,
      [ids[`${who}Waiting`], ids.app],
    );
    ids[`${who}Failed`] = await operation(ids[who]!, 'FAILED');
  }
});

test.afterAll(async () => {
  const tasks = [ids.ivyTask, ids.jonasTask].filter(Boolean);
  const ops = [ids.ivyWaiting, ids.jonasWaiting, ids.ivyFailed, ids.jonasFailed].filter(Boolean);
  await sql(
    `UPDATE "FulfilmentTask" SET status = 'CANCELLED', "completedAt" = now() WHERE id = ANY($1::uuid[])`,
    [tasks],
  );
  await sql(
    `UPDATE "ProvisioningOperation" SET status = 'CANCELLED', "finishedAt" = now() WHERE id = ANY($1::uuid[])`,
    [ops],
  );
});

test('no Done or Cancel on one’s own access; a colleague’s shows them', async ({ page }) => {
  await signInAs(page, 'ivy');
  await page.goto('/tasks');
  const open = page.getByRole('list', { name: 'Open tasks' });
  const own = open.getByRole('article', { name: /^Disable account for Ivy .* in Corporate Directory$/ });
  const jonas = open.getByRole('article', { name: /^Disable account for Jonas .* in Corporate Directory$/ });
  await expect(own).toContainText(
    'This task is about your own access: another member of the team settles it.',
  );
  await expect(own.getByRole('button', { name: 'Done', exact: true })).toHaveCount(0);
  await expect(own.getByRole('group', { name: 'Outcome' })).toHaveCount(0);
  await expect(jonas.getByRole('button', { name: 'Done', exact: true })).toBeVisible();

  await page.goto('/admin/provisioning');
  const failures = page.getByRole('list', { name: 'Failures' });
  const ownFailure = failures.locator(`[data-operation="${ids.ivyFailed}"]`);
  const jonasFailure = failures.locator(`[data-operation="${ids.jonasFailed}"]`);
  await expect(ownFailure).toContainText('Your own access: another identity admin may cancel it');
  await expect(ownFailure.getByRole('button', { name: /^Cancel / })).toHaveCount(0);
  await expect(ownFailure.getByRole('button', { name: /^Retry / })).toBeVisible();
  await expect(jonasFailure.getByRole('button', { name: /^Cancel / })).toBeVisible();
});

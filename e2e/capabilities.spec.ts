import crypto from 'node:crypto';
import { expect, signInAs, test } from './fixtures.ts';
import { sql } from './governance-fixtures.ts';

// What a person is offered follows what the server says they may do (me.get, and per finding the
// queue's mayDecide), never a role name. Audrey, the auditor, reads the reconciliation queue but
// decides nothing; Sam, the security officer, has the SoD pages of Administration and no others.
// A finding about Jonas's Sales Leadership (owned by Victor) is seeded by SQL and removed afterwards.

const ids: Record<string, string> = {};
const one = async (text: string, values: unknown[] = []) => (await sql<{ id: string }>(text, values))[0]!.id;

test.beforeAll(async () => {
  ids.app = await one(`SELECT id FROM "Application" WHERE name = 'Corporate Directory'`);
  ids.leadership = await one(`SELECT id FROM "Entitlement" WHERE name = 'Sales Leadership'`);
  ids.jonas = await one(`SELECT id FROM "Identity" WHERE username = 'jonas'`);
  ids.run = await one(
    `INSERT INTO "ReconciliationRun" (id, "applicationId", mode, trigger, status, "accountsRead", "membershipsRead", "findingsOpened", "startedAt", "finishedAt")
     VALUES (gen_random_uuid(), $1, 'FULL', 'MANUAL', 'SUCCEEDED', 10, 30, 1, now() - interval '1 hour', now() - interval '59 minutes') RETURNING id`,
    [ids.app],
  );
  ids.finding = await one(
    `INSERT INTO "ReconciliationFinding" (id, "runId", "applicationId", kind, "factKey", "identityId", "entitlementId", "nativeId", details, "firstSeenAt", "lastSeenAt")
     VALUES (gen_random_uuid(), $1, $2, 'UNMANAGED_ENTITLEMENT', $3, $4, $5, 'uid=jonas,ou=people,dc=acme,dc=test', '{"username":"jonas"}', now() - interval '1 hour', now()) RETURNING id`,
    [
      ids.run,
      ids.app,
      `UNMANAGED_ENTITLEMENT:${crypto.randomUUID()}:${ids.leadership}`,
      ids.jonas,
      ids.leadership,
    ],
  );
});

test.afterAll(async () => {
  if (ids.finding) await sql(`DELETE FROM "ReconciliationFinding" WHERE id = $1`, [ids.finding]);
  if (ids.run) await sql(`DELETE FROM "ReconciliationRun" WHERE id = $1`, [ids.run]);
});

test('an auditor reads the findings queue without decision controls; the owner has them', async ({
  page,
}) => {
  await signInAs(page, 'audrey');
  await page.goto('/reconciliation');
  const table = page.getByRole('table', { name: 'Reconciliation findings' });
  const jonas = table.getByRole('row', { name: /Jonas Berg/ });
  await expect(jonas).toContainText('Sales Leadership');
  await expect(
    page.getByText('You read these findings; their owners and the identity team decide them.'),
  ).toBeVisible();
  await expect(page.getByRole('checkbox')).toHaveCount(0);
  for (const name of ['Revert', 'Adopt', 'Accept as exception'])
    await expect(page.getByRole('button', { name })).toHaveCount(0);
  await expect(page.getByText('Select findings to decide them.')).toHaveCount(0);

  // Victor owns Sales Leadership: the same finding, with its checkbox and the decision bar.
  await page.context().clearCookies();
  await signInAs(page, 'victor');
  await page.goto('/reconciliation');
  await expect(table.getByRole('row', { name: /Jonas Berg/ }).getByRole('checkbox')).toBeVisible();
  await expect(page.getByText('Select findings to decide them.')).toBeVisible();
});

test('a security officer is told which admin pages are not his, and the navigation lists only his', async ({
  page,
}) => {
  await signInAs(page, 'sam');
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/admin\/sod-rules$/);
  const nav = page.getByRole('navigation', { name: 'Administration' }).first();
  await expect(nav.getByRole('link', { name: 'SoD rules' })).toBeVisible();
  for (const name of ['Sources', 'Birthright rules', 'Applications', 'People'])
    await expect(page.getByRole('link', { name, exact: true })).toHaveCount(0);

  for (const path of ['/admin/sources', '/admin/birthright', '/admin/applications', '/admin/identities']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: 'Not available to you', level: 1 })).toBeVisible();
    await expect(page.getByText('This page is not available to you')).toBeVisible();
    await expect(page.getByRole('link', { name: /New (source|rule|application)/ })).toHaveCount(0);
    await expect(page.getByText('You do not have permission to do this')).toHaveCount(0);
  }
  await page.getByRole('link', { name: 'Go to SoD rules' }).click();
  await expect(page.getByRole('heading', { name: 'Not available to you' })).toHaveCount(0);
  await expect(page).toHaveURL(/\/admin\/sod-rules$/);
});

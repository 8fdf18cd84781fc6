import crypto from 'node:crypto';
import { expect, screenshot, signInAs, test } from './fixtures.ts';
import { sql } from './governance-fixtures.ts';

// Diego owns the On-call Rota in the Corporate Directory; Claire (Sales) holds it there without a
// grant, and her manager is Rachel. The run is an incremental one, so it moves no full run's estimate. Diego asks Rachel; Rachel answers from the link she was sent and
// sees nothing else of the queue. The finding (and its run) is seeded by SQL and removed afterwards.

const ids: Record<string, string> = {};
const one = async (text: string, values: unknown[] = []) => (await sql<{ id: string }>(text, values))[0]!.id;

test.beforeAll(async () => {
  ids.app = await one(`SELECT id FROM "Application" WHERE name = 'Corporate Directory'`);
  ids.onCall = await one(`SELECT id FROM "Entitlement" WHERE name = 'On-call Rota'`);
  ids.claire = await one(`SELECT id FROM "Identity" WHERE username = 'claire'`);
  ids.diego = await one(`SELECT id FROM "Identity" WHERE username = 'diego'`);
  ids.run = await one(
    `INSERT INTO "ReconciliationRun" (id, "applicationId", mode, trigger, "requestedById", status, "startedAt", "finishedAt")
     VALUES (gen_random_uuid(), $1, 'INCREMENTAL', 'MANUAL', $2, 'SUCCEEDED', now() - interval '1 hour', now() - interval '59 minutes') RETURNING id`,
    [ids.app, ids.diego],
  );
  ids.finding = await one(
    `INSERT INTO "ReconciliationFinding" (id, "runId", "applicationId", kind, "factKey", "identityId", "entitlementId", "nativeId", details)
     VALUES (gen_random_uuid(), $1, $2, 'UNMANAGED_ENTITLEMENT', $3, $4, $5, 'uid=claire,ou=people,dc=acme,dc=test', '{"username":"claire"}') RETURNING id`,
    [ids.run, ids.app, `UNMANAGED_ENTITLEMENT:${crypto.randomUUID()}:${ids.onCall}`, ids.claire, ids.onCall],
  );
});

test.afterAll(async () => {
  await sql(`DELETE FROM "FindingManagerAsk" WHERE "findingId" = $1`, [ids.finding]);
  await sql(`DELETE FROM "Notification" WHERE link = $1`, [`/reconciliation/findings/${ids.finding}`]);
  await sql(`DELETE FROM "ReconciliationFinding" WHERE id = $1`, [ids.finding]);
  await sql(`DELETE FROM "ReconciliationRun" WHERE id = $1`, [ids.run]);
});

test('an owner asks the person’s manager, who answers on the finding; the owner sees the answer in the queue', async ({
  browser,
}) => {
  const owner = await (await browser.newContext()).newPage();
  await signInAs(owner, 'diego');
  await owner.goto(`/reconciliation/findings/${ids.finding}`);
  await owner.getByRole('button', { name: 'Ask Rachel Kim' }).click();
  await expect(owner.getByText('Rachel Kim has been asked')).toBeVisible();
  await expect(owner.getByRole('button', { name: 'Ask Rachel Kim' })).toHaveCount(0);

  const manager = await (await browser.newContext()).newPage();
  await signInAs(manager, 'rachel');
  await manager.goto('/');
  await manager.getByRole('button', { name: /Notifications/ }).click();
  await manager
    .getByRole('link', {
      name: /Is Claire Dubois’s access to On-call Rota in Corporate Directory expected\?/,
    })
    .click();
  await expect(
    manager.getByRole('heading', { name: 'Your answer as Claire Dubois’s manager' }),
  ).toBeVisible();
  await expect(manager.getByRole('link', { name: 'Review queue' })).toHaveCount(0);
  await expect(manager.getByRole('heading', { name: 'Decide' })).toHaveCount(0);
  await manager.getByLabel('Not expected — remove it').check();
  await manager.getByRole('textbox', { name: /Comment/ }).fill('Claire left the on-call rota in the spring');
  await screenshot(manager, 'reconciliation-manager-answer');
  await manager.getByRole('button', { name: 'Send answer' }).click();
  await expect(manager.getByText('Thank you: your answer is with the owner.')).toBeVisible();
  await expect(manager.getByText('Manager: not expected')).toBeVisible();
  // The queue is not hers.
  await manager.goto('/reconciliation');
  await expect(manager.getByRole('table', { name: 'Reconciliation findings' })).toHaveCount(0);

  await owner.goto('/reconciliation');
  const row = owner
    .getByRole('table', { name: 'Reconciliation findings' })
    .getByRole('row', { name: /Claire Dubois/ });
  await expect(row).toContainText('Manager: not expected');
  await expect(row).toContainText('Claire left the on-call rota in the spring');
});

import crypto from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, fillDate, screenshot, signInAs, test } from './fixtures.ts';
import { sql } from './governance-fixtures.ts';

// Victor Dumont owns Sales Leadership and Sales CRM Users in the Corporate Directory. Findings about
// those groups and runs of the directory are seeded by SQL (the engine that writes them is another
// branch's), and removed afterwards. Ivy (identity team) follows the runs; Mateo, an employee who
// owns nothing, has no queue. The decisions go through `reconciliation.decide`; this branch's
// placeholder records exceptions only, so that is what the owner decides here.

const DAY = 86_400_000;
const ids: Record<string, string> = {};
let storedSettings: unknown;

const shot = (page: Page, name: string) => screenshot(page, `reconciliation/${name}`, { phone: true });

const one = async (text: string, values: unknown[] = []) => (await sql<{ id: string }>(text, values))[0]!.id;

test.beforeAll(async () => {
  ids.app = await one(`SELECT id FROM "Application" WHERE name = 'Corporate Directory'`);
  ids.leadership = await one(`SELECT id FROM "Entitlement" WHERE name = 'Sales Leadership'`);
  ids.crm = await one(`SELECT id FROM "Entitlement" WHERE name = 'Sales CRM Users'`);
  for (const u of ['jonas', 'mateo', 'ines', 'ivy'])
    ids[u] = await one(`SELECT id FROM "Identity" WHERE username = $1`, [u]);
  storedSettings = (
    await sql<{ reconciliation: unknown }>(`SELECT reconciliation FROM "Application" WHERE id = $1`, [
      ids.app,
    ])
  )[0]!.reconciliation;

  const run = (
    status: string,
    o: { startedAgo: number; finishedAgo?: number; accounts: number; held?: string },
  ) =>
    one(
      `INSERT INTO "ReconciliationRun" (id, "applicationId", mode, trigger, "requestedById", status, "accountsRead", "membershipsRead", "findingsOpened", "heldReason", "startedAt", "finishedAt")
       VALUES (gen_random_uuid(), $1, 'FULL', 'MANUAL', $2, $3::"ReconciliationRunStatus", $4, $5, 3, $6, $7, $8) RETURNING id`,
      [
        ids.app,
        ids.ivy,
        status,
        o.accounts,
        o.accounts * 3,
        o.held ?? null,
        new Date(Date.now() - o.startedAgo),
        o.finishedAgo === undefined ? null : new Date(Date.now() - o.finishedAgo),
      ],
    );
  ids.done = await run('SUCCEEDED', { startedAgo: 2 * DAY, finishedAgo: 2 * DAY - 95_000, accounts: 120 });
  ids.held = await run('HELD', {
    startedAgo: DAY,
    finishedAgo: DAY - 5000,
    accounts: 118,
    held: 'It would disable 30 of 120 accounts (25%), more than the guard’s 10%.',
  });
  ids.running = await run('RUNNING', { startedAgo: 30_000, accounts: 40 });

  const finding = (person: string, entitlement: string, daysAgo: number) => {
    const stableId = crypto.randomUUID();
    return one(
      `INSERT INTO "ReconciliationFinding" (id, "runId", "applicationId", kind, "factKey", "identityId", "entitlementId", "nativeId", details, "firstSeenAt", "lastSeenAt")
       VALUES (gen_random_uuid(), $1, $2, 'UNMANAGED_ENTITLEMENT', $3, $4, $5, $6, $7, $8, now()) RETURNING id`,
      [
        ids.done,
        ids.app,
        `UNMANAGED_ENTITLEMENT:${stableId}:${entitlement}`,
        ids[person],
        entitlement,
        `uid=${person},ou=people,dc=acme,dc=test`,
        { username: person },
        new Date(Date.now() - daysAgo * DAY),
      ],
    );
  };
  ids.fJonas = await finding('jonas', ids.leadership, 3);
  ids.fMateo = await finding('mateo', ids.leadership, 2);
  ids.fInes = await finding('ines', ids.crm, 1);
});

test.afterAll(async () => {
  await sql(`DELETE FROM "ReconciliationFinding" WHERE id = ANY($1::uuid[])`, [
    [ids.fJonas, ids.fMateo, ids.fInes].filter(Boolean),
  ]);
  await sql(`DELETE FROM "ReconciliationRun" WHERE id = ANY($1::uuid[])`, [
    [ids.done, ids.held, ids.running].filter(Boolean),
  ]);
  if (ids.app)
    await sql(`UPDATE "Application" SET reconciliation = $2 WHERE id = $1`, [
      ids.app,
      JSON.stringify(storedSettings ?? {}),
    ]);
});

const until = new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10);

test('an owner works through the review queue: one decision, then a bulk decision', async ({ page }) => {
  await signInAs(page, 'victor');
  await page.goto('/catalog');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: /Findings/ })
    .click();
  await expect(page.getByRole('heading', { name: 'Reconciliation review', level: 1 })).toBeVisible();

  const table = page.getByRole('table', { name: 'Reconciliation findings' });
  const jonas = table.getByRole('row', { name: /Jonas Berg/ });
  await expect(table.getByRole('row')).toHaveCount(4);
  // The context a decision needs: who, their manager, the access and the account, since when, SoD.
  await expect(jonas).toContainText('Access not granted in Gatehouse');
  await expect(jonas).toContainText('Corporate Directory');
  await expect(jonas).toContainText('Sales');
  await expect(jonas).toContainText('Manager: Victor Dumont');
  await expect(jonas).toContainText('Sales Leadership');
  await expect(jonas).toContainText('uid=jonas,ou=people,dc=acme,dc=test');
  await expect(jonas).toContainText(/First seen \d+ \w+ \d{4}/);
  await expect(jonas).toContainText(/Rachel Kim/); // holds Sales Leadership (approved by Victor in the demo)
  await expect(jonas).toContainText('No conflict');
  await expect(table.getByRole('row', { name: /Inês Costa/ })).toContainText('Sales CRM Users');
  await shot(page, 'queue');

  // One finding: accepted as an exception with a reason and an expiry.
  await jonas.getByRole('checkbox').check();
  await expect(page.getByText('1 finding selected.')).toBeVisible();
  await page.getByRole('button', { name: 'Accept as exception' }).click();
  await page.getByRole('textbox', { name: /^Reason/ }).fill('Covers pipeline reviews this quarter');
  await fillDate(page, /^Until/, until);
  await page.getByRole('button', { name: 'Accept this finding as an exception' }).click();
  await expect(page.getByRole('status').filter({ hasText: '1 finding decided' })).toContainText('Jonas Berg');
  await expect(table.getByRole('row', { name: /Jonas Berg/ })).toHaveCount(0);
  await expect(table.getByRole('row')).toHaveCount(3);

  // Two at once.
  await page.getByRole('checkbox', { name: 'Select every finding shown' }).check();
  await expect(page.getByText('2 findings selected.')).toBeVisible();
  await page.getByRole('button', { name: 'Accept as exception' }).click();
  await page.getByRole('textbox', { name: /^Reason/ }).fill('Sales restructure: reviewed with HR');
  await fillDate(page, /^Until/, until);
  await page.getByRole('button', { name: 'Accept 2 findings as an exception' }).click();
  await expect(page.getByRole('status').filter({ hasText: '2 findings decided' })).toBeVisible();
  await expect(page.getByText('Nothing waiting')).toBeVisible();

  // The exceptions, with who decided, why and until when; the filter is in the URL.
  await page.getByLabel('Status').selectOption('EXCEPTION');
  await expect(page).toHaveURL(/status=EXCEPTION/);
  const decided = table.getByRole('row', { name: /Jonas Berg/ });
  await expect(decided).toContainText('Accepted as exception');
  await expect(decided).toContainText('Exception by Victor Dumont');
  await expect(decided).toContainText('Covers pipeline reviews this quarter');
  await expect(table.getByRole('row', { name: /Mateo García/ })).toContainText(
    'Sales restructure: reviewed with HR',
  );

  // A finding's own page: its context and history.
  await decided.getByRole('link', { name: 'Details' }).click();
  await expect(
    page.getByRole('heading', { name: 'Access not granted in Gatehouse', level: 1 }),
  ).toBeVisible();
  await expect(page.getByText('Found by')).toBeVisible();
  await expect(page.getByText(/Full run \(manual\)/).first()).toBeVisible();
  await shot(page, 'finding');
});

test('the identity team follows the directory’s runs: progress of a running one, a held one, the history', async ({
  page,
}) => {
  await signInAs(page, 'ivy');
  await page.goto(`/admin/applications/${ids.app}?tab=reconciliation`);
  await expect(page.getByRole('tab', { name: 'Reconciliation' })).toHaveAttribute('aria-selected', 'true');
  const progress = page.getByRole('progressbar', { name: 'Reconciliation progress' });
  await expect(progress).toHaveAttribute('aria-valuetext', '40 accounts read of about 120');
  await expect(page.getByText('40 accounts of about 120 read')).toBeVisible();
  await expect(page.getByText('A run is waiting for confirmation')).toBeVisible();
  await expect(
    page.getByText('It would disable 30 of 120 accounts (25%), more than the guard’s 10%.').first(),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Confirm and carry on' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Dismiss' })).toBeVisible();
  const runs = page.getByRole('table', { name: 'Reconciliation runs' });
  await expect(runs.getByRole('row')).toHaveCount(4);
  const done = runs.getByRole('row', { name: /Succeeded/ });
  await expect(done).toContainText('1 min 35 s');
  await expect(done).toContainText('120 accounts');
  await expect(done).toContainText('360 memberships');
  await expect(done).toContainText('3 access not granted in gatehouse');
  await shot(page, 'application-runs');

  // Settings: saved through reconciliation.saveSettings.
  await page.getByLabel(/Mass-change guard/).fill('15');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  const stored = (
    await sql<{ reconciliation: { massChangeGuardPercent: number } }>(
      `SELECT reconciliation FROM "Application" WHERE id = $1`,
      [ids.app],
    )
  )[0]!;
  expect(stored.reconciliation.massChangeGuardPercent).toBe(15);

  // A person's page offers the resync to the identity team.
  await page.goto(`/admin/identities/${ids.jonas}`);
  await expect(page.getByRole('button', { name: 'Resync this person' })).toBeVisible();
});

test('an employee who owns nothing has no review queue', async ({ page }) => {
  await signInAs(page, 'mateo');
  await page.goto('/catalog');
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My access' }),
  ).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Findings/ }),
  ).toHaveCount(0);
  await page.goto('/reconciliation');
  await expect(page.getByText('This queue is for the owners of applications and entitlements')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Reconciliation findings' })).toHaveCount(0);
});

import type { Browser, Page } from '@playwright/test';
import { createPrismaClient } from '../server/db/client.ts';
import { replanAccess } from '../server/modules/provisioning/index.ts';
import { createBoss } from '../server/queue/boss.ts';
import { createJobQueue } from '../server/queue/enqueue.ts';
import { expect, groupMembers, runtime, screenshot, signInAs, test } from './fixtures.ts';
import { sql } from './governance-fixtures.ts';

// Paula Novak (Head of People) reviews her reports' access to Recruiting and People Records in the
// Corporate Directory (slapd). Nadia (Recruiting) and Mia (People Records, high risk) hold theirs
// from the demo; Hugo and Oliver are given Recruiting here, through the real engine, so the revoke
// takes away access this spec added. Paula keeps three in one bulk decision and revokes Hugo's; slapd
// loses Hugo. Afterwards Oliver's grant ends the same way and the campaign is closed.

const DAY = 86_400_000;
const ids: Record<string, string> = {};
const dn = (uid: string) => `uid=${uid},ou=people,${runtime().directory.baseDn}`;
const campaignName = `People team access review ${Date.now().toString(36)}`;

async function as(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, username);
  return page;
}

/** A tRPC call over HTTP as whoever the page is signed in as; returns the procedure's data. */
async function call<T>(page: Page, procedure: string, input: unknown): Promise<T> {
  const res = await page.request.post(`/api/trpc/${procedure}`, { data: { json: input } });
  expect(res.ok(), `${procedure}: ${await res.text()}`).toBe(true);
  return ((await res.json()) as { result: { data: { json: T } } }).result.data.json;
}

/** Changes grants through the engine, as an admin would: the grant row, then planAccess for the person. */
async function replan(identityIds: string[]) {
  const db = createPrismaClient(runtime().databaseUrl);
  const boss = createBoss(runtime().databaseUrl, 'web');
  await boss.start();
  try {
    await replanAccess(db, { identityIds, reason: 'E2E' }, { queue: createJobQueue(async () => boss) });
  } finally {
    await boss.stop({ graceful: false });
    await db.$disconnect();
  }
}

const shot = (page: Page, name: string) => screenshot(page, `reviews/${name}`, { phone: true });

test.beforeAll(async () => {
  const one = async (text: string, values: unknown[]) => (await sql<{ id: string }>(text, values))[0]!.id;
  for (const u of ['hugo', 'oliver', 'nadia', 'mia', 'ivy'])
    ids[u] = await one(`SELECT id FROM "Identity" WHERE username = $1`, [u]);
  ids.recruiting = await one(`SELECT id FROM "Entitlement" WHERE name = 'Recruiting'`, []);
  ids.records = await one(`SELECT id FROM "Entitlement" WHERE name = 'People Records'`, []);
  for (const u of ['hugo', 'oliver'])
    ids[`grant-${u}`] = await one(
      `INSERT INTO "Grant" (id, "identityId", "entitlementId", source, "grantedById", "updatedAt") VALUES (gen_random_uuid(), $1, $2, 'ADMIN', $3, now()) RETURNING id`,
      [ids[u], ids.recruiting, ids.ivy],
    );
  await replan([ids.hugo!, ids.oliver!]);
  await expect
    .poll(() => groupMembers('recruiting'), { timeout: 60_000 })
    .toEqual(expect.arrayContaining([dn('hugo'), dn('oliver'), dn('nadia')]));
});

test.afterAll(async ({ browser }) => {
  if (ids.campaign) {
    const ivy = await as(browser, 'ivy');
    await call(ivy, 'reviews.closeCampaign', { id: ids.campaign });
    await ivy.context().close();
  }
  // Oliver's Recruiting was this spec's: it ends as it came, through the engine.
  if (ids['grant-oliver']) {
    await sql(
      `UPDATE "Grant" SET status = 'REVOKED', "revokedAt" = now(), "revokeReason" = 'e2e clean-up' WHERE id = $1 AND status = 'ACTIVE'`,
      [ids['grant-oliver']],
    );
    await replan([ids.oliver!]);
    await expect.poll(() => groupMembers('recruiting'), { timeout: 60_000 }).not.toContain(dn('oliver'));
  }
});

test('a manager completes a campaign with one bulk keep and one revoke, and slapd loses the revoked access', async ({
  browser,
}) => {
  // The identity team creates and starts the campaign through the API.
  const ivy = await as(browser, 'ivy');
  const now = Date.now();
  const created = await call<{ id: string }>(ivy, 'reviews.createCampaign', {
    name: campaignName,
    scope: { entitlementIds: [ids.recruiting, ids.records] },
    stages: [{ reviewerKind: 'MANAGER' }],
    startsAt: new Date(now - 60_000).toISOString(),
    dueAt: new Date(now + 7 * DAY).toISOString(),
    undecidedAction: 'KEEP',
    revokeTiming: 'IMMEDIATE',
  });
  ids.campaign = created.id;
  const started = await call<{ status: string; items: number }>(ivy, 'reviews.startCampaign', {
    id: created.id,
  });
  expect(started.status).toBe('ACTIVE');
  await ivy.context().close();

  // Paula finds her reviews from the navigation, the count of what waits beside it.
  const paula = await as(browser, 'paula');
  await paula.goto('/catalog');
  const link = paula.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Reviews/ });
  // Her four at least (another spec's campaign may wait on her too; this campaign's own count is below).
  await expect(link).toContainText(/\d/);
  expect(Number((await link.textContent())?.replace(/\D/g, ''))).toBeGreaterThanOrEqual(4);
  // Notification links open the campaign itself.
  await paula.goto(`/reviews?campaign=${created.id}`);
  await expect(paula.getByRole('heading', { name: 'Access reviews', level: 1 })).toBeVisible();
  await expect(paula.getByRole('button', { name: new RegExp(campaignName) })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(paula.getByTestId('review-progress')).toHaveText('0 of 4 done');

  const item = (person: string, what: string) =>
    paula.getByRole('listitem', { name: `${person} · ${what} (Corporate Directory)` });
  const mia = item('Mia Johansson', 'People Records');
  // The context a decision needs: why, last use, peers, SoD, and the risk.
  await expect(mia).toContainText('High risk');
  await expect(mia).toContainText(/Why/);
  await expect(mia).toContainText(/Compensation reviews need contract data|Paula/);
  await expect(mia).toContainText(/Last used/);
  await expect(mia).toContainText(/under the same manager/);
  await expect(mia).toContainText(/SoD/);
  await expect(item('Hugo Lefèvre', 'Recruiting')).toContainText(/Granted by Ivy Chen|Ivy Chen/);
  await shot(paula, 'queue');

  // One bulk keep: Nadia's and Oliver's Recruiting and Mia's People Records (high risk: a comment).
  await item('Nadia Hassan', 'Recruiting').getByRole('checkbox').check();
  await item('Oliver Grant', 'Recruiting').getByRole('checkbox').check();
  await mia.getByRole('checkbox').check();
  const bar = paula.getByRole('region', { name: 'Decide the selected items' });
  await expect(bar).toContainText('3 items selected.');
  await bar.getByRole('button', { name: 'Keep 3' }).click();
  await expect(bar.getByText('Required: 1 of the 3 are high-risk access.')).toBeVisible();
  await bar.getByRole('button', { name: 'Keep 3 items' }).click();
  await expect(bar.getByText('Say why the high-risk access stays.')).toBeVisible();
  await bar
    .getByRole('textbox', { name: /Comment/ })
    .fill('Still needed for the hiring plan and the compensation round.');
  await shot(paula, 'bulk-keep');
  await bar.getByRole('button', { name: 'Keep 3 items' }).click();
  await expect(paula.getByRole('status').filter({ hasText: '3 items decided' })).toBeVisible();
  await expect(paula.getByTestId('review-progress')).toHaveText('3 of 4 done');

  // One revoke: Hugo's Recruiting.
  const hugo = item('Hugo Lefèvre', 'Recruiting');
  await hugo.getByRole('button', { name: 'Revoke' }).click();
  await hugo
    .getByRole('textbox', { name: /Comment/ })
    .fill('Moved to HR business partnering; no hiring work.');
  await hugo.getByRole('button', { name: 'Revoke this access' }).click();
  await expect(paula.getByRole('status').filter({ hasText: '1 item decided' })).toContainText('Hugo Lefèvre');
  await expect(paula.getByTestId('review-progress')).toHaveText('4 of 4 done');
  await expect(paula.getByText('Nothing left to review')).toBeVisible();
  await shot(paula, 'done');

  // The revoked access leaves the real directory; the kept ones stay.
  await expect.poll(() => groupMembers('recruiting'), { timeout: 60_000 }).not.toContain(dn('hugo'));
  expect(await groupMembers('recruiting')).toEqual(expect.arrayContaining([dn('nadia'), dn('oliver')]));
  expect(await groupMembers('people-records')).toContain(dn('mia'));

  // What Paula decided is listed under Done, with her comment.
  await paula.getByLabel('Show', { exact: true }).selectOption('DONE');
  await expect(item('Hugo Lefèvre', 'Recruiting')).toContainText(/Revoked by Paula Novak/);
  await expect(mia).toContainText('Still needed for the hiring plan');
  await paula.context().close();
});

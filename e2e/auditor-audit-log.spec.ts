import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { ensureGroup } from '../server/seed/directory-setup.ts';
import { expect, fillPicker, runtime, screenshot, signInAs, test } from './fixtures.ts';
import { sql } from './governance-fixtures.ts';

// Audrey (the auditor) only reads. Ivy makes and changes an entitlement of her own that nobody holds
// or requests (requestable: false), so no other spec sees it. Its group is made in the directory
// first: the catalog takes only a target ID the directory has.

const shot = (page: Page, name: string) => screenshot(page, `audit-log/${name}`);

/** Saves an entitlement the way the admin page does, over the portal's own tRPC endpoint. */
async function saveEntitlement(page: Page, input: Record<string, unknown>): Promise<string> {
  const res = await page.request.post('/api/trpc/catalogAdmin.saveEntitlement', { data: { json: input } });
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { result: { data: { json: { id: string } } } }).result.data.json.id;
}

test('an auditor reads the audit log: filters by a person and an action group, opens a change in words, downloads it as CSV', async ({
  page,
  browser,
  baseURL,
}) => {
  const suffix = Date.now().toString(36);
  const name = `Audit sample ${suffix}`;
  const [app] = await sql<{ id: string }>(
    `SELECT id::text FROM "Application" WHERE key = 'corporate-directory'`,
  );
  const ivyContext = await browser.newContext({ baseURL });
  const ivy = await ivyContext.newPage();
  await signInAs(ivy, 'ivy');
  const { directory } = runtime();
  const groupDn = await ensureGroup(
    { url: directory.url, bindDn: directory.bindDn, bindPassword: directory.bindPassword },
    directory.baseDn,
    `audit-sample-${suffix}`,
    'Made by the audit log test',
  );
  const base = {
    applicationId: app!.id,
    externalId: groupDn,
    name,
    description: 'Made by the audit log test',
    kind: 'GROUP',
    ownerId: null,
    risk: 'LOW',
    requestable: false,
    singleValued: false,
    maxDurationDays: null,
  };
  const id = await saveEntitlement(ivy, base);
  await saveEntitlement(ivy, { ...base, id, risk: 'HIGH' });
  await ivyContext.close();

  await signInAs(page, 'audrey');
  await page.goto('/catalog');
  await page.getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('navigation', { name: 'Reports' }).getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
  // The chain's integrity card: verified on request, the result is recorded and shown.
  const integrity = page.getByRole('status', { name: 'Audit chain verification' });
  await page.getByRole('button', { name: 'Verify now' }).click();
  await expect(integrity).toContainText('The audit trail is intact');
  await expect(integrity).toContainText(/Checked .* by a person: [\d,]+ sealed events/);
  // Her own sign-in is the newest thing she did.
  await expect(
    page
      .getByRole('table', { name: 'Audit events' })
      .getByRole('row')
      .filter({ hasText: 'Audrey Laurent signed in as a demo persona' })
      .first(),
  ).toBeVisible();

  await fillPicker(page.getByRole('combobox', { name: 'Done by' }), 'Ivy');
  await page.getByRole('option', { name: /Ivy Chen/ }).click();
  await page.getByRole('combobox', { name: 'Action' }).selectOption({ label: 'All: administration' });
  await expect(page).toHaveURL(/\?actor=[0-9a-f-]{36}&action=administration$/);

  const changed = page
    .getByRole('table', { name: 'Audit events' })
    .getByRole('row')
    .filter({ hasText: `Ivy Chen changed the entitlement “${name}” in Corporate Directory` });
  await expect(changed).toHaveCount(1);
  await expect(
    page
      .getByRole('table', { name: 'Audit events' })
      .getByRole('row')
      .filter({ hasText: `Ivy Chen added the entitlement “${name}”` }),
  ).toHaveCount(1);
  // Nothing but Ivy's administration.
  await expect(
    page.getByRole('table', { name: 'Audit events' }).getByRole('row').filter({ hasText: 'signed in' }),
  ).toHaveCount(0);

  await changed.getByText('Show the change').click();
  await expect(changed.getByRole('list', { name: 'Changes' })).toHaveText('Risk: Low → High');
  await shot(page, 'audit-log-filtered');

  // The URL is the report: opened again, it shows the same.
  await page.reload();
  await expect(
    page
      .getByRole('table', { name: 'Audit events' })
      .getByRole('row')
      .filter({ hasText: `changed the entitlement “${name}”` }),
  ).toHaveCount(1);

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download CSV' }).click();
  const file = await (await download).path();
  const [header, ...lines] = fs.readFileSync(file, 'utf8').trim().split('\n');
  expect(header).toBe('Occurred at (UTC),Action,Done by,About,What happened,Changes,Object,Event ID');
  const line = lines.find((l) => l.includes(`changed the entitlement “${name}”`));
  expect(line).toMatch(
    new RegExp(
      `^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z,Entitlement changed,Ivy Chen,,Ivy Chen changed the entitlement “${name}” in Corporate Directory,Risk: Low → High,Entitlement ${id},\\d+$`,
    ),
  );
  expect(lines.every((l) => /,Ivy Chen,/.test(l))).toBe(true);

  // At a phone's width the table scrolls in its frame; the page does not widen.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await shot(page, 'audit-log-390');
});

test('an employee has no audit log: the page sends them away and the procedure refuses (and is recorded)', async ({
  page,
}) => {
  await signInAs(page, 'oliver');
  await page.goto('/reports/audit-log');
  await expect(page).toHaveURL(/\/catalog/);
  const res = await page.request.get(
    '/api/trpc/auditLog.list?input=' + encodeURIComponent(JSON.stringify({ json: { limit: 5 } })),
  );
  expect(res.status()).toBe(403);
  const [refused] = await sql<{ n: string }>(
    `SELECT count(*)::text AS n FROM "AuditEvent" a JOIN "Identity" i ON i.id = a."actorId" WHERE i.username = 'oliver' AND a.action = 'access.refused' AND a."entityId" = 'auditLog.list'`,
  );
  expect(Number(refused!.n)).toBeGreaterThanOrEqual(1);
});

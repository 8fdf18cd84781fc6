import type { Browser, Page } from '@playwright/test';
import { expect, groupMembers, runtime, screenshot, signInAs, test } from './fixtures.ts';
import { sql } from './governance-fixtures.ts';

// People only this spec changes: greta and kofi (Tom's reports), and Tom's inbox for their requests.

async function as(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, username);
  return page;
}

async function ask(page: Page, item: string, justification: string) {
  await page.goto('/catalog');
  await page.getByRole('searchbox', { name: 'Search the catalog' }).fill(item);
  await page.getByRole('button', { name: new RegExp(item.replace(/[()]/g, '\\$&')) }).click();
  await page.getByLabel(/Why do you need it/).fill(justification);
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(page.getByText(/Request sent for/)).toBeVisible();
}

async function giveUp(page: Page, item: string) {
  await page.goto('/access');
  const row = page.locator(`li[data-entitlement="${item}"]`);
  await expect(row.getByText('Active')).toBeVisible({ timeout: 30_000 });
  await row.getByRole('button', { name: 'Give up…' }).click();
  await page
    .getByRole('alertdialog', { name: `Give up ${item}?` })
    .getByRole('button', { name: 'Give up', exact: true })
    .click();
  await expect(page.locator(`li[data-entitlement="${item}"]`)).toHaveCount(0);
}

const dn = (uid: string) => `uid=${uid},ou=people,${runtime().directory.baseDn}`;
const LONG_WORD = `https://wiki.acme.test/${'x'.repeat(1977)}`;

test('a manager filters the inbox, bulk-approves two with one comment, denies one with a reason (after an undo), and opens a decided request', async ({
  browser,
}) => {
  // Three requests, two people, one approver and the give-backs: longer than most specs.
  test.slow();
  const greta = await as(browser, 'greta');
  const kofi = await as(browser, 'kofi');
  await ask(greta, 'Sales CRM Users', 'I reconcile the sales commissions against the CRM this quarter.');
  await ask(kofi, 'Engineering Team', 'I join the engineering finance sync every week.');
  await ask(greta, 'Source Code (read)', LONG_WORD);

  const tom = await as(browser, 'tom');
  await tom.goto('/approvals');
  const crm = tom.getByRole('article', { name: 'Sales CRM Users for Greta Lindqvist' });
  const eng = tom.getByRole('article', { name: 'Engineering Team for Kofi Mensah' });
  const code = tom.getByRole('article', { name: 'Source Code (read) for Greta Lindqvist' });
  // The justification under the question it answers; the past year's requests say whose they are.
  await expect(crm.getByRole('blockquote', { name: 'Why does Greta Lindqvist need it?' })).toContainText(
    'I reconcile the sales commissions',
  );
  await expect(crm.getByText('Their team')).toBeVisible();
  await expect(crm.getByText('Greta Lindqvist’s requests for it')).toBeVisible();
  await expect(crm.getByText('Everyone’s requests for it')).toBeVisible();

  // The notification (and its email) opens the very request.
  const [note] = await sql<{ link: string }>(
    `SELECT n.link FROM "Notification" n JOIN "Identity" i ON i.id = n."recipientId" WHERE i.username = 'tom' AND n.title = 'Approve Sales CRM Users for Greta Lindqvist?'`,
  );
  expect(note?.link).toMatch(/^\/approvals\?request=[0-9a-f-]{36}$/);
  await tom.goto(note!.link);
  await expect(tom.getByText('Showing one request.')).toBeVisible();
  await expect(crm).toBeVisible();
  await expect(eng).toHaveCount(0);

  // Search and filter live in the query string: a link reproduces the view.
  await tom.getByRole('button', { name: /Show all/ }).click();
  await tom.getByRole('searchbox', { name: 'Search' }).fill('commissions');
  await expect(tom).toHaveURL(/q=commissions/);
  await expect(crm).toBeVisible();
  await expect(eng).toHaveCount(0);
  await tom.goto('/approvals?q=Kofi&sort=NEWEST');
  await expect(eng).toBeVisible();
  await expect(crm).toHaveCount(0);
  await expect(tom.getByLabel('Order')).toHaveValue('NEWEST');

  // At 390 px the filters fold behind one button, so the first request is on the first screen; the
  // button says how many are set, and whether it is open lives in the link as the filters do.
  await tom.setViewportSize({ width: 390, height: 844 });
  await tom.goto('/approvals?q=Greta');
  // The first request, down to the reason it is asked for, is on the first screen (with the five fields
  // open it started at the screen's foot).
  await expect(crm.getByRole('blockquote', { name: 'Why does Greta Lindqvist need it?' })).toBeInViewport({
    ratio: 1,
  });
  const filters = tom.getByRole('button', { name: 'Filters (1 active)' });
  await expect(filters).toHaveAttribute('aria-expanded', 'false');
  await expect(tom.getByRole('searchbox', { name: 'Search' })).toBeHidden();
  await filters.click();
  await expect(tom).toHaveURL(/filters=shown/);
  await expect(filters).toHaveAttribute('aria-expanded', 'true');
  await tom.reload();
  await expect(tom.getByRole('searchbox', { name: 'Search' })).toHaveValue('Greta');
  await tom.getByRole('searchbox', { name: 'Search' }).clear();
  await expect(tom.getByRole('button', { name: 'Filters', exact: true })).toBeVisible();
  await screenshot(tom, 'inbox-00-phone-filters');

  // At 390 px, a 2,000-character word in a justification does not widen the page.
  await tom.goto('/approvals');
  await expect(code.getByText(LONG_WORD.slice(0, 40))).toBeVisible();
  expect(await tom.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await crm.getByRole('checkbox', { name: /^Select / }).check();
  await expect(tom.getByRole('region', { name: 'Decide the selected requests' })).toBeVisible();
  expect(await tom.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(tom, 'inbox-01-phone');
  await tom.setViewportSize({ width: 1440, height: 900 });

  // Bulk: two requests, one comment.
  await eng.getByRole('checkbox', { name: /^Select / }).check();
  const bar = tom.getByRole('region', { name: 'Decide the selected requests' });
  await expect(bar.getByText('2 requests selected.')).toBeVisible();
  await bar.getByLabel(/Comment for all/).fill('Fine for the quarter-end work.');
  await screenshot(tom, 'inbox-02-bulk');
  await bar.getByRole('button', { name: 'Approve 2' }).click();
  const toast = tom.getByRole('status', { name: 'Decision' });
  await expect(toast).toContainText('Approved 2 requests');
  await expect(crm).toHaveCount(0);
  await expect(eng).toHaveCount(0);
  const stepsOf = (username: string, item: string) =>
    sql<{ status: string; comment: string | null }>(
      `SELECT s.status::text, s.comment FROM "ApprovalStep" s JOIN "AccessRequest" r ON r.id = s."requestId" JOIN "Identity" i ON i.id = r."beneficiaryId"
        JOIN "Entitlement" e ON e.id = r."entitlementId" WHERE i.username = $1 AND e.name = $2 AND s."decidedAt" IS NOT NULL`,
      [username, item],
    );
  expect(await stepsOf('greta', 'Sales CRM Users')).toEqual([
    { status: 'APPROVED', comment: 'Fine for the quarter-end work.' },
  ]);
  expect(await stepsOf('kofi', 'Engineering Team')).toEqual([
    { status: 'APPROVED', comment: 'Fine for the quarter-end work.' },
  ]);

  // Deny asks for the reason at the field; a denial can be undone before it is sent.
  await code.getByRole('button', { name: 'Deny' }).click();
  await expect(code.getByText('Say why you deny: the requester sees the reason.')).toBeVisible();
  await code.getByLabel(/Comment/).fill('Not needed for treasury work.');
  await code.getByRole('button', { name: 'Deny' }).click();
  await expect(toast).toContainText('Denied Source Code (read) for Greta Lindqvist');
  await screenshot(tom, 'inbox-03-undo');
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(code.getByRole('button', { name: 'Deny' })).toBeVisible();
  await code.getByLabel(/Comment/).fill('Source code is not needed for treasury analysis.');
  await code.getByRole('button', { name: 'Deny' }).click();
  await expect(code).toHaveCount(0);
  expect(await stepsOf('greta', 'Source Code (read)')).toEqual([
    { status: 'DENIED', comment: 'Source code is not needed for treasury analysis.' },
  ]);

  // The Decided list opens each request.
  await tom.getByRole('tab', { name: 'Decided' }).click();
  await tom
    .getByRole('list', { name: 'Decided requests' })
    .getByRole('link', { name: /Sales CRM Users for Greta Lindqvist/ })
    .click();
  await expect(tom).toHaveURL(/status=DECIDED&request=/);
  await expect(crm.getByText('You decided on')).toBeVisible();
  await expect(crm.getByText('“Fine for the quarter-end work.”', { exact: false })).toBeVisible();
  await expect(crm.getByText('I reconcile the sales commissions')).toBeVisible();
  await screenshot(tom, 'inbox-04-decided-request');

  // Leave the demo as it was: the two give the access up again.
  await expect.poll(() => groupMembers('sales-crm'), { timeout: 30_000 }).toContain(dn('greta'));
  await giveUp(greta, 'Sales CRM Users');
  await giveUp(kofi, 'Engineering Team');
  await expect.poll(() => groupMembers('sales-crm'), { timeout: 30_000 }).not.toContain(dn('greta'));
});

test('a manager asking for a report is asked why the report needs it, at a phone’s width', async ({
  browser,
}) => {
  const tom = await as(browser, 'tom');
  await tom.setViewportSize({ width: 390, height: 844 });
  await tom.goto('/catalog');
  await tom.getByRole('searchbox', { name: 'Search the catalog' }).fill('Sales CRM Users');
  await tom.getByRole('button', { name: /Sales CRM Users/ }).click();
  await expect(tom.getByLabel('Why do you need it?')).toBeVisible();
  const forWhom = tom.getByLabel('For', { exact: true });
  await forWhom.selectOption(
    (await forWhom.locator('option', { hasText: 'Greta Lindqvist' }).getAttribute('value'))!,
  );
  await expect(tom.getByLabel('Why does Greta Lindqvist need it?')).toBeVisible();
  await expect(tom.getByLabel('Why do you need it?')).toHaveCount(0);
  await screenshot(tom, 'inbox-06-ask-for-a-report-phone');
  // Nothing is sent: the demo stays as it was.
});

test('an empty inbox says so first, on a phone and a desktop: no filters over a queue with nothing to filter', async ({
  browser,
}) => {
  // Liam approves nothing in the demo: no one reports to him and he owns nothing.
  const liam = await as(browser, 'liam');
  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1440, height: 900 },
  ]) {
    await liam.setViewportSize(viewport);
    await liam.goto('/approvals');
    await expect(liam.getByText('Nothing waiting for you')).toBeInViewport({ ratio: 1 });
    await expect(liam.getByRole('search', { name: 'Filter approvals' })).toHaveCount(0);
    await screenshot(liam, `inbox-05-empty-${viewport.width}`);
  }
  // A filter set in the link still shows, so that it can be cleared.
  await liam.goto('/approvals?q=commissions');
  await expect(liam.getByText('Nothing matches these filters')).toBeVisible();
  await liam.getByRole('searchbox', { name: 'Search' }).clear();
  await expect(liam.getByText('Nothing waiting for you')).toBeVisible();
  await expect(liam.getByRole('search', { name: 'Filter approvals' })).toHaveCount(0);
});

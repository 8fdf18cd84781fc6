import fs from 'node:fs';
import { expect, signInAs, test } from './fixtures.ts';

/*
 * The identity team creates and starts a campaign in the admin pages; the auditor opens the seeded
 * closed campaign's report and downloads it. The campaign reviews Recruiting, which Nadia holds by
 * her seeded request (other specs may add holders: only hers is asserted). Lena, whose decisions the
 * seeded report holds, is in no other spec.
 */
test('the identity admin creates and starts a campaign', async ({ page }) => {
  await signInAs(page, 'ivy');
  await page.goto('/admin/reviews');
  await expect(page.getByRole('heading', { name: 'Access reviews', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'New campaign' }).click();
  // What to review may be left empty (a review of all access), and the form says so: it is not marked required.
  const picker = page.getByRole('group', { name: 'Entitlements and roles' });
  await expect(picker).not.toContainText('*');
  await expect(picker).toContainText('leave empty to review all access');
  await page.getByRole('textbox', { name: 'Name' }).fill('E2E Recruiting review');
  await page.getByRole('searchbox', { name: 'Filter Entitlements and roles' }).fill('Recruiting');
  await page.getByRole('checkbox', { name: /^Recruiting · Corporate Directory/ }).check();
  await expect(
    page.getByRole('list', { name: 'Entitlements and roles' }).getByText('Recruiting'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Add a stage' }).click();
  await page.getByRole('button', { name: 'Create campaign' }).click();

  await expect(page.getByRole('heading', { name: 'E2E Recruiting review', level: 1 })).toBeVisible();
  await expect(page.getByText('Recruiting (Corporate Directory)')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Review stages' })).toContainText("The person's manager");
  await expect(page.getByRole('list', { name: 'Review stages' })).toContainText(
    "The entitlement's or role's owner",
  );
  // It starts today (the form's default): it started as it was created, its items there at once.
  await expect(page.getByText('Active', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start now' })).toHaveCount(0);
  const items = page.getByRole('table', { name: 'Items of the campaign' });
  await expect(
    items.getByRole('row', { name: /Nadia Hassan.*Recruiting in Corporate Directory.*Undecided.*Paula/ }),
  ).toBeVisible();
  await expect(page.getByText(/^Progress: 0 of \d+ done$/)).toBeVisible();

  // Cancelled, its items wait for nobody: the reviewers' queues other specs read are as they were.
  await page.getByRole('button', { name: 'Cancel campaign' }).click();
  const cancel = page.getByRole('alertdialog', { name: 'Cancel the campaign?' });
  await cancel.getByRole('button', { name: 'Cancel campaign' }).click();
  await expect(page.getByText('Cancelled', { exact: true })).toBeVisible();
});

test('the auditor reads a closed campaign and downloads its decisions', async ({ page }) => {
  await signInAs(page, 'audrey');
  await page.goto('/reports/reviews');
  await page.getByRole('link', { name: 'Q3 Finance access review' }).click();
  await expect(page.getByRole('heading', { name: 'Q3 Finance access review', level: 1 })).toBeVisible();
  const decisions = page.getByRole('list', { name: 'Items and decisions' });
  await expect(decisions.getByRole('listitem').filter({ hasText: 'General Ledger Admin' })).toContainText(
    'Stage 1: Revoked by Mark Oduya',
  );
  await expect(decisions.getByRole('listitem').filter({ hasText: 'Payroll in' })).toContainText(
    'automatically at the due date',
  );
  await expect(page.getByRole('region', { name: 'Undecided items' })).toContainText('Kept automatically1');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download CSV' }).click(),
  ]);
  const csv = fs
    .readFileSync((await download.path())!, 'utf8')
    .trim()
    .split('\n');
  expect(csv[0]).toMatch(
    /^Campaign,Item id,Person,Username,Department,Access,Application,Risk,Stage,Decision,Decided at,Decided by,/,
  );
  expect(csv).toHaveLength(4);
  expect(csv.find((l) => l.includes('General Ledger Admin'))).toMatch(
    /,Lena Hoffmann,lena,Finance,General Ledger Admin,Corporate Directory,HIGH,1,REVOKE,[^,]+,Mark Oduya,,Lena no longer closes the ledger since payroll moved to her\.,Revoked,/,
  );
  expect(csv.find((l) => l.includes(',Payroll,'))).toContain(',KEEP,');
  expect(csv.find((l) => l.includes(',Payroll,'))).toContain(
    ',Automatically at the due date,,,Kept automatically at the due date,',
  );
  expect(csv.find((l) => l.includes('Accounts Payable'))).toContain(
    'Raj enters supplier invoices every day.',
  );
});

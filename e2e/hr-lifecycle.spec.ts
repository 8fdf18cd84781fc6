import fs from 'node:fs';
import { Client } from 'ldapts';
import type { Page } from '@playwright/test';
import { expect, groupMembers, openPerson, runtime, screenshot, signInAs, test } from './fixtures.ts';
import { wrappedMoments } from './wrapped-moments.ts';

// Quinn is nobody else's: a new Finance joiner who only this spec brings in, moves and lets go.
const HEADER =
  'emp_no,first_name,last_name,email,department,title,location,cost_center,employment_type,status,start_date,end_date,manager_emp_no';
const quinn = (department: string, title: string, status: string) =>
  `${HEADER}\nE9901,Quinn,Harper,quinn.harper@acme.test,${department},${title},London,CC-100,Employee,${status},2024-03-01,,E1003\n`;

/** Reads the real slapd directly, never through Gatehouse. */
async function entry(dn: string, attributes: string[]): Promise<Record<string, unknown> | null> {
  const { directory } = runtime();
  const client = new Client({ url: directory.url });
  try {
    await client.bind(directory.bindDn, directory.bindPassword);
    const { searchEntries } = await client.search(dn, { scope: 'base', attributes });
    return searchEntries[0] ?? null;
  } catch {
    return null;
  } finally {
    await client.unbind();
  }
}

/** Whether the directory has locked the entry (the LDAP connector's disable: pwdAccountLockedTime). */
async function isLocked(dn: string): Promise<boolean> {
  const value = (await entry(dn, ['pwdAccountLockedTime']))?.pwdAccountLockedTime;
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}

/**
 * Opens the run just started and waits for its own page: the source's page lists its earlier runs with
 * the same status badges ("Rejected", "Applied"), so a badge read before the run's page has replaced it
 * can be an earlier run's (a run at load 11 matched two "Rejected" badges at once).
 */
async function followRun(page: Page, fileName: string) {
  await page.getByRole('link', { name: 'Follow the run' }).click();
  await expect(page.getByRole('heading', { name: 'Run of HR file drop', level: 1 })).toBeVisible();
  await expect(page.getByRole('main').getByText(`Upload · ${fileName} ·`, { exact: false })).toBeVisible();
}

async function uploadAndWait(page: Page, csv: string, fileName: string, shot: string) {
  await page.goto('/admin/sources');
  await page.getByRole('link', { name: /HR file drop/ }).click();
  await expect(page.getByRole('heading', { name: 'HR file drop' })).toBeVisible();
  await page
    .getByLabel('HR file (CSV)')
    .setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Upload and run' }).click();
  await followRun(page, fileName);
  await expect(page.getByText('Applied', { exact: true })).toBeVisible({ timeout: 60_000 });
  await screenshot(page, shot);
}

test('an HR file brings a Finance joiner in, moves them to Sales, and lets them go', async ({ page }) => {
  test.setTimeout(240_000);
  const { directory } = runtime();
  const dn = `uid=quinn.harper,ou=people,${directory.baseDn}`;
  await signInAs(page, 'ivy');

  // A file with a fatal error applies nothing and says why, row by row.
  await page.goto('/admin/sources');
  await expect(page.getByRole('link', { name: /HR database/ })).toBeVisible();
  await screenshot(page, 'hr-01-sources');
  await page.getByRole('link', { name: /HR file drop/ }).click();
  // The page says which columns a file needs, and offers a template made from the mapping.
  await expect(
    page.getByRole('list', { name: 'Required columns' }).getByText('last_name', { exact: true }),
  ).toBeVisible();
  const [template] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download template' }).click(),
  ]);
  expect(template.suggestedFilename()).toMatch(/template\.csv$/);
  const templateText = fs.readFileSync((await template.path())!, 'utf8');
  expect(templateText.split('\n')[0]).toContain('last_name');

  // A file without a required column is rejected for exactly that column; one it does not read is noted.
  await page.getByLabel('HR file (CSV)').setInputFiles({
    name: 'no-last-name.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`emp_no,first_name,shoe_size\nE9901,Quinn,41\n`),
  });
  await page.getByRole('button', { name: 'Upload and run' }).click();
  await followRun(page, 'no-last-name.csv');
  await expect(page.getByText('Rejected', { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(
    page.getByText(/Rejected: the file has no columns? .*“last_name”.*which this source requires/),
  ).toBeVisible();
  await expect(page.getByText(/“shoe_size” is not read by this source/)).toBeVisible();
  await screenshot(page, 'hr-02a-rejected-columns');
  await page.goto('/admin/sources');
  await page.getByRole('link', { name: /HR file drop/ }).click();
  await page.getByLabel('HR file (CSV)').setInputFiles({
    name: 'broken.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      `${HEADER}\nE9901,Quinn,,quinn.harper@acme.test,Finance,Analyst,London,CC-100,Employee,Active,31/02/2024,,E1003\n`,
    ),
  });
  await page.getByRole('button', { name: 'Upload and run' }).click();
  await followRun(page, 'broken.csv');
  await expect(page.getByText('Rejected', { exact: true })).toBeVisible({ timeout: 60_000 });
  const report = page.getByRole('table', { name: 'Validation report' });
  await expect(report.getByText('lastName is required')).toBeVisible();
  await expect(report.getByText(/“31\/02\/2024” is not a date/)).toBeVisible();
  await screenshot(page, 'hr-02-rejected-run');

  // Joiner: the birthright groups of a Finance person appear in the real directory.
  await uploadAndWait(page, quinn('Finance', 'Finance Analyst', 'Active'), 'joiner.csv', 'hr-03-joiner-run');
  await expect(page.getByText(/1 joiners/)).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Joined' }).getByRole('link', { name: 'Quinn Harper' }),
  ).toBeVisible();
  await expect.poll(() => groupMembers('finance-reporting'), { timeout: 60_000 }).toContain(dn);
  await expect.poll(() => groupMembers('all-staff'), { timeout: 30_000 }).toContain(dn);
  expect(await groupMembers('sales-crm')).not.toContain(dn);

  await openPerson(page, 'Quinn', 'Quinn Harper');
  await expect(page.getByText('Manager: Mark Oduya')).toBeVisible();
  await expect(page.getByRole('region', { name: 'HR file drop' })).toBeVisible();
  await screenshot(page, 'hr-04-person-joined');

  // Mover: Sales now, so the Finance group goes and the Sales one comes.
  await uploadAndWait(page, quinn('Sales', 'Account Executive', 'Active'), 'mover.csv', 'hr-05-mover-run');
  await expect(page.getByText(/1 movers/)).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Moved' }).getByRole('link', { name: 'Quinn Harper' }),
  ).toBeVisible();
  await expect.poll(() => groupMembers('finance-reporting'), { timeout: 60_000 }).not.toContain(dn);
  await expect.poll(() => groupMembers('sales-crm'), { timeout: 30_000 }).toContain(dn);
  expect(await groupMembers('all-staff')).toContain(dn);

  // Leaver: the kill switch disables the account (pwdAccountLockedTime) and revokes every grant.
  expect(await isLocked(dn)).toBe(false);
  await uploadAndWait(
    page,
    quinn('Sales', 'Account Executive', 'Terminated'),
    'leaver.csv',
    'hr-06-leaver-run',
  );
  await expect(page.getByText(/1 leavers/)).toBeVisible();
  await page.getByRole('region', { name: 'Left' }).getByRole('link', { name: 'Quinn Harper' }).click();
  await expect(page.getByRole('heading', { name: 'Quinn Harper' })).toBeVisible();
  await expect.poll(() => isLocked(dn), { timeout: 60_000 }).toBe(true);
  await expect.poll(() => groupMembers('sales-crm'), { timeout: 30_000 }).not.toContain(dn);
  await expect.poll(() => groupMembers('all-staff'), { timeout: 30_000 }).not.toContain(dn);

  await openPerson(page, 'Quinn', 'Quinn Harper');
  await expect(page.getByText('Left', { exact: true })).toBeVisible();
  const access = page.locator('section', { hasText: 'Accounts and access' });
  // The heading sits in a row with "Grant access…"; the line after that row says there are none.
  await expect(
    page.getByRole('heading', { name: 'Grants in force' }).locator('xpath=../following-sibling::p[1]'),
  ).toHaveText('None.');
  await expect(access.getByText('disabled')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Lifecycle history' }).getByText(/kill switch/)).toBeVisible();
  await screenshot(page, 'hr-07-person-left');
});

test('a held HR file names whom it would deprovision, and a discarded one who discarded it', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInAs(page, 'ivy');
  // Eight of Acme's ~40 people terminated at once: above the source's 10% safeguard, so the run is held.
  // Discarded below, so nothing is applied and no other spec sees them leave.
  const leavers = [
    ['E1004', 'Alice', 'Nguyen', 'Finance'],
    ['E1005', 'Raj', 'Patel', 'Finance'],
    ['E1006', 'Lena', 'Hoffmann', 'Finance'],
    ['E1007', 'Tom', 'Walsh', 'Finance'],
    ['E1008', 'Greta', 'Lindqvist', 'Finance'],
    ['E1009', 'Audrey', 'Laurent', 'Finance'],
    ['E1010', 'Kofi', 'Mensah', 'Finance'],
    ['E1011', 'Beatriz', 'Silva', 'Finance'],
  ];
  const csv = `${HEADER}\n${leavers.map(([n, first, last, dept]) => `${n},${first},${last},,${dept},Analyst,London,CC-100,Employee,Terminated,2020-01-01,,`).join('\n')}\n`;
  await page.goto('/admin/sources');
  await page.getByRole('link', { name: /HR file drop/ }).click();
  await page
    .getByLabel('HR file (CSV)')
    .setInputFiles({ name: 'mass-leavers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Upload and run' }).click();
  await followRun(page, 'mass-leavers.csv');
  await expect(page.getByText('Held for review', { exact: true })).toBeVisible({ timeout: 60_000 });
  const held = page.getByRole('list', { name: 'Who it would deprovision' });
  await expect(held.getByRole('link', { name: 'Alice Nguyen' })).toBeVisible();
  await expect(held.getByRole('listitem')).toHaveCount(leavers.length);
  await expect(held.getByText(/terminated in the file/).first()).toBeVisible();
  await screenshot(page, 'hr-08-held-names', { phone: true });

  await page.getByRole('button', { name: 'Discard' }).click();
  await expect(page.getByText('Discarded', { exact: true })).toBeVisible();
  await expect(page.getByText(/Discarded by Ivy Chen, /)).toBeVisible();
  // The moment of the discard stays on one line inside its sentence, at 1440 and 390 px.
  expect((await wrappedMoments(page)).wrapped).toEqual([]);
});

test('the identity team’s other pages: birthright what-if, queues, account rules', async ({ page }) => {
  await signInAs(page, 'ivy');
  await page.goto('/admin/birthright');
  await expect(page.getByRole('heading', { name: 'Birthright rules' })).toBeVisible();
  await screenshot(page, 'hr-08-birthright-rules');
  await page.getByRole('link', { name: /Payroll team/ }).click();
  const whatIf = page.getByRole('complementary', { name: 'What if' });
  await expect(whatIf.getByText(/Matches/)).toBeVisible();
  // Dropping the contractor exclusion would give Payroll to more people: the preview names them before saving.
  await page.getByRole('button', { name: 'Remove condition 3' }).click();
  await page.getByRole('button', { name: 'Remove condition 2' }).click();
  await expect(whatIf.getByRole('region', { name: 'Would gain' }).getByText('Payroll')).toBeVisible();
  await expect(whatIf.getByRole('region', { name: 'Would gain' }).getByText(/Kofi Mensah/)).toBeVisible();
  await screenshot(page, 'hr-09-what-if');

  await page.goto('/admin/correlation');
  await expect(page.getByRole('heading', { name: 'Correlation queue' })).toBeVisible();
  await page.goto('/admin/conflicts');
  await expect(page.getByRole('heading', { name: 'Attribute conflicts' })).toBeVisible();
  await page.goto('/admin/account-rules');
  const directory = page.getByRole('region', { name: 'Corporate Directory' });
  await expect(directory.getByText('Save rules')).toBeVisible();
  await expect(directory.getByText('mia', { exact: true })).toBeVisible();
  await directory.getByRole('button', { name: /firstName\|ascii/ }).click();
  await expect(directory.getByText('mia.johansson')).toBeVisible();
  await screenshot(page, 'hr-10-account-rules');
  await page.goto('/admin/sources');
  await page.getByRole('link', { name: /HR database/ }).click();
  await page.getByRole('tab', { name: 'Settings' }).click();
  await expect(page.getByLabel('Query')).toHaveValue(/hr\.employees_v/);
  await screenshot(page, 'hr-11-source-settings');
  await page.goto('/admin/identities');
  await expect(page.getByRole('link', { name: 'Alice Nguyen' })).toBeVisible();
  await screenshot(page, 'hr-12-people');
});

import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, fillDate, fillPicker, screenshot, signInAs, test } from './fixtures.ts';

// Audrey, the demo's auditor, only reads. The access she asks about is what the demo seeds and no
// other spec changes: Rachel Kim's Sales Leadership (asked for 21 days ago, approved by Victor
// Dumont 20 days ago, provisioned when the demo started) and Yuki Tanaka's Database Admin (ends in 20 days).

const DAY = 86_400_000;
const day = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString().slice(0, 10);

const shot = (page: Page, name: string) => screenshot(page, `access/${name}`, { phone: true });

test('an auditor finds who has an entitlement and why, now and on a past day, and downloads it', async ({
  page,
}) => {
  await signInAs(page, 'audrey');
  await page.goto('/catalog');
  await page.getByRole('link', { name: 'Reports' }).click();
  await expect(page.getByRole('heading', { name: 'Who has access', level: 1 })).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Reports' }).getByRole('link', { name: 'Who has access' }),
  ).toHaveAttribute('aria-current', 'page');

  await fillPicker(page.getByRole('combobox', { name: 'Entitlement' }), 'sales lead');
  await page.getByRole('option', { name: /Sales Leadership/ }).click();
  await expect(page).toHaveURL(/\/reports\/who-has\?entitlement=[0-9a-f-]{36}$/);
  const table = page.getByRole('table', { name: 'Who has Sales Leadership (Corporate Directory)' });
  const rachel = table.getByRole('row', { name: /Rachel Kim/ });
  await expect(rachel).toContainText('Request approved by Victor Dumont');
  await expect(rachel).toContainText('Pipeline reviews with my team.');
  await expect(rachel).toContainText('Yes');
  await shot(page, 'who-has');

  // The evidence behind her grant: the request, its justification, the approval and what reached the directory.
  await rachel.getByRole('link', { name: /^Evidence for Rachel Kim, Sales Leadership/ }).click();
  await expect(
    page.getByRole('heading', { name: 'Why Rachel Kim holds Sales Leadership', level: 1 }),
  ).toBeVisible();
  const source = page.getByRole('region', { name: 'Where it came from' });
  await expect(source).toContainText('Pipeline reviews with my team.');
  // The request is named by its number, as every other page names it, and opens its own evidence.
  await expect(source.getByRole('article', { name: /^Request REQ-[0-9A-F]{8}$/ })).toBeVisible();
  await expect(source.getByRole('link', { name: /^REQ-[0-9A-F]{8}$/ })).toHaveAttribute(
    'href',
    /^\/reports\/requests\/[0-9a-f-]{36}$/,
  );
  await expect(source).not.toContainText(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  const chain = source.getByRole('list', { name: 'Approval chain' });
  await expect(chain).toContainText('Manager approval');
  await expect(chain).toContainText('Approved Victor Dumont (manager)');
  const target = page.getByRole('region', { name: 'In the target' });
  await expect(target).toContainText(/target id uid=rachel,/);
  await expect(target).toContainText('Sales Leadership: committed');
  await expect(page.getByRole('list', { name: 'Provisioning operations' })).toContainText(
    /Add Sales Leadership in Corporate Directory\s*Succeeded/,
  );
  await shot(page, 'grant-evidence');

  // As of a past day: before her grant nobody held it; ten days ago she did, not yet confirmed by the directory.
  await page.goBack();
  await fillDate(page, 'As of (leave empty for today)', day(30));
  await expect(page.getByText('Nobody held it on that day.')).toBeVisible();
  await fillDate(page, 'As of (leave empty for today)', day(10));
  await expect(table.getByRole('row', { name: /Rachel Kim/ })).toContainText('Not confirmed');
  await expect(page).toHaveURL(new RegExp(`asOf=${day(10)}`));
  await shot(page, 'who-has-as-of');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`who-has-access-${day(10)}.csv`);
  const lines = fs
    .readFileSync((await download.path())!, 'utf8')
    .trim()
    .split('\n');
  expect(lines[0]).toBe(
    'Person,Username,Department,Person status,Application,Entitlement,Risk,Sources,Roles,Why,Justification,Approvers,Since,Until,In target,Grant IDs,As of',
  );
  expect(lines).toHaveLength(2);
  expect(lines[1]).toMatch(
    /^Rachel Kim,rachel,Sales,ACTIVE,Corporate Directory,Sales Leadership,MEDIUM,Request,,"request REQ-[0-9A-F]{8}, approved by Victor Dumont",Pipeline reviews with my team\.,Victor Dumont \(approved\),[^,]+,,no,[0-9a-f-]{36},/,
  );
});

test('an auditor reads what a person has, privileged access, leavers and expiring access', async ({
  page,
}) => {
  await signInAs(page, 'audrey');
  await page.goto('/reports/person');
  await fillPicker(page.getByRole('combobox', { name: 'Person' }), 'rachel');
  await page.getByRole('option', { name: /Rachel Kim/ }).click();
  const rachel = page.getByRole('table', { name: 'What Rachel Kim has' });
  await expect(rachel.getByRole('row', { name: /Sales Leadership/ })).toContainText(
    'Request approved by Victor Dumont',
  );
  await expect(rachel.getByRole('row', { name: /Sales CRM Users/ })).toContainText(
    'Birthright rule “Sales department”',
  );
  await expect(page.getByText('Accounts now')).toBeVisible();
  await shot(page, 'person');

  await page
    .getByRole('navigation', { name: 'Reports' })
    .getByRole('link', { name: 'Privileged access' })
    .click();
  const privileged = page.getByRole('table', { name: 'Privileged access' });
  await expect(privileged.getByRole('row', { name: /Yuki Tanaka/ })).toContainText('Database Admin');
  await shot(page, 'privileged');

  await page
    .getByRole('navigation', { name: 'Reports' })
    .getByRole('link', { name: 'Leavers with access' })
    .click();
  await expect(page.getByRole('heading', { name: 'Leavers with remaining access', level: 1 })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Leavers with remaining access' })).toBeVisible();
  await shot(page, 'leavers');

  await page
    .getByRole('navigation', { name: 'Reports' })
    .getByRole('link', { name: 'Expiring access' })
    .click();
  const expiring = page.getByRole('table', { name: 'Access ending within 30 days' });
  await expect(expiring.getByRole('row', { name: /Yuki Tanaka/ })).toContainText('Database Admin');
  await shot(page, 'expiring');

  await page
    .getByRole('navigation', { name: 'Reports' })
    .getByRole('link', { name: 'Dormant access' })
    .click();
  await expect(page.getByRole('heading', { name: 'Dormant access', level: 1 })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Access not used for 90 days' })).toBeVisible();
  await shot(page, 'dormant');
});

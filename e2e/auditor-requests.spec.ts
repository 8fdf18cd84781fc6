import fs from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { expect, groupMembers, runtime, screenshot, signInAs, test } from './fixtures.ts';

// People only this spec changes: oliver (who asks) and paula (his manager, who approves). Audrey only reads.

async function as(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, username);
  return page;
}

const dn = (uid: string) => `uid=${uid},ou=people,${runtime().directory.baseDn}`;

test('an auditor finds a request by its number, sees who approved it and the target id it produced, charts it and exports it', async ({
  browser,
}) => {
  // Oliver asks for read access to the code; Paula, his manager, approves it; the worker provisions it.
  const oliver = await as(browser, 'oliver');
  await oliver.goto('/catalog');
  await oliver.getByRole('searchbox', { name: 'Search the catalog' }).fill('source code');
  await oliver.getByRole('button', { name: /Source Code \(read\)/ }).click();
  await oliver.getByLabel(/Why do you need it/).fill('Reviewing the HR integration code with engineering.');
  await oliver.getByRole('button', { name: 'Send request' }).click();
  await expect(oliver.getByText(/Request sent for/)).toBeVisible();

  const paula = await as(browser, 'paula');
  await paula.goto('/approvals');
  const card = paula.getByRole('article', { name: 'Source Code (read) for Oliver Grant' });
  await card.getByLabel(/Comment/).fill('Fine for the integration review.');
  await card.getByRole('button', { name: 'Approve' }).click();
  await expect(paula.getByRole('article', { name: 'Source Code (read) for Oliver Grant' })).toHaveCount(0);
  await expect.poll(() => groupMembers('source-code-read'), { timeout: 30_000 }).toContain(dn('oliver'));

  // The number Oliver sees on his request is the one the auditor looks up.
  await oliver.goto('/requests');
  const mine = oliver.getByRole('article', { name: 'Request for Source Code (read)' });
  await expect(mine.getByText('Provisioned')).toBeVisible();
  const number = (await mine.getByText(/^REQ-[0-9A-F]{8}$/).textContent())!;

  const audrey = await as(browser, 'audrey');
  await audrey.goto('/reports/requests');
  await expect(
    audrey.getByRole('navigation', { name: 'Reports' }).getByRole('link', { name: 'All requests' }),
  ).toHaveAttribute('aria-current', 'page');
  const filters = audrey.getByRole('form', { name: 'Filter requests' });
  await filters.getByLabel('Request number').fill(number.toLowerCase());
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  await expect(audrey).toHaveURL(new RegExp(`number=${number.toLowerCase()}`));
  const table = audrey.getByRole('table', { name: 'Requests' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByText('Oliver Grant')).toBeVisible();
  await expect(table.getByText('Paula Novak')).toBeVisible();
  await expect(audrey.getByText('1 shown of 1')).toBeVisible();
  await screenshot(audrey, 'auditor-01-requests-by-number');

  // The CSV holds what the page shows, with the same filters.
  const [download] = await Promise.all([
    audrey.waitForEvent('download'),
    audrey.getByRole('link', { name: 'Download CSV' }).click(),
  ]);
  const csv = fs
    .readFileSync((await download.path())!, 'utf8')
    .trim()
    .split('\n');
  expect(csv[0]).toMatch(/^Number,Request id,Submitted,Status,/);
  expect(csv).toHaveLength(2);
  expect(csv[1]).toContain(`${number},`);
  expect(csv[1]).toContain(
    ',APPROVED,GRANT,Oliver Grant,oliver,Oliver Grant,oliver,Source Code (read),Entitlement,',
  );
  expect(csv[1]).toContain('Manager approval: approved by Paula Novak at ');
  expect(csv[1]).toContain('“Fine for the integration review.”');

  // The evidence: who approved, with the comment, and the directory entry the membership went to.
  await table.getByRole('link', { name: number }).click();
  await expect(audrey.getByRole('heading', { level: 1 })).toContainText(`${number}: Source Code (read)`);
  const approval = audrey.getByRole('list', { name: 'Approvers of Manager approval' });
  await expect(approval.getByText('Paula Novak')).toBeVisible();
  await expect(approval.getByText('(manager)')).toBeVisible();
  await expect(approval.getByText('“Fine for the integration review.”')).toBeVisible();
  const provisioning = audrey.getByRole('list', { name: 'Provisioning operations' });
  await expect(provisioning.getByText('Grant Source Code (read) in Corporate Directory')).toBeVisible();
  await expect(provisioning.getByText('Done', { exact: true })).toBeVisible();
  await expect(provisioning.getByText(dn('oliver'), { exact: true })).toBeVisible();
  await expect(audrey.getByText('Reviewing the HR integration code with engineering.').first()).toBeVisible();
  // The justification under the question it answers, naming whom the access is for.
  await expect(audrey.getByText('Why does Oliver Grant need it?')).toBeVisible();
  await screenshot(audrey, 'auditor-02-request-evidence');

  // A chart renders: bars of requests per week.
  await audrey.goto('/reports/charts');
  const weekly = audrey.getByRole('figure', { name: 'Requests per week' });
  await expect(weekly.locator('svg.recharts-surface').first()).toBeVisible();
  await expect.poll(() => weekly.locator('svg .recharts-bar-rectangle path').count()).toBeGreaterThan(0);
  await expect(weekly.getByText(/\d+ requests? in \d+ weeks?/)).toBeVisible();
  await weekly.getByText('The numbers behind the chart').click();
  await expect(weekly.getByRole('table', { name: 'Requests per week by outcome' })).toBeVisible();
  await screenshot(audrey, 'auditor-03-charts');
});

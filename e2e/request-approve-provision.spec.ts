import { expect, groupMembers, runtime, screenshot, signInAs, test } from './fixtures.ts';

test('Alice requests a group, Mark approves it, and slapd has her as a member', async ({ browser }) => {
  const { directory } = runtime();
  const aliceDn = `uid=alice,ou=people,${directory.baseDn}`;
  expect(await groupMembers('accounts-payable')).not.toContain(aliceDn);

  const alice = await (await browser.newContext()).newPage();
  await signInAs(alice, 'alice');
  await alice.goto('/catalog');
  await expect(alice.getByRole('heading', { name: 'Access catalog' })).toBeVisible();
  await expect(alice.getByRole('list', { name: 'Entitlements' }).getByRole('button')).not.toHaveCount(0);
  await screenshot(alice, '01-catalog');

  await alice.getByRole('searchbox', { name: 'Search the catalog' }).fill('payable');
  await alice.getByRole('button', { name: /Accounts Payable/ }).click();
  await alice.getByLabel(/Why do you need it/).fill('I cover supplier invoices while Raj is on leave.');
  await screenshot(alice, '02-request-form');
  await alice.getByRole('button', { name: 'Send request' }).click();
  await expect(alice.getByText(/Request sent for/)).toBeVisible();
  // The catalog shows what was just asked for without a reload: no second request of it is offered.
  await expect(alice.getByRole('button', { name: /Accounts Payable/ }).getByText('Requested')).toBeVisible();

  await alice.goto('/requests');
  const request = alice.getByRole('article', { name: 'Request for Accounts Payable' });
  await expect(request.getByText('Waiting for approval')).toBeVisible();
  await expect(request.getByText(/Waiting for Mark Oduya/)).toBeVisible();
  await screenshot(alice, '03-my-requests-pending');

  const mark = await (await browser.newContext()).newPage();
  await signInAs(mark, 'mark');
  await mark.goto('/approvals');
  const card = mark.getByRole('article', { name: 'Accounts Payable for Alice Nguyen' });
  await expect(card.getByText('I cover supplier invoices while Raj is on leave.')).toBeVisible();
  await screenshot(mark, '04-approvals-inbox');
  await card.getByLabel(/Comment/).fill('Approved for the leave cover.');
  await card.getByRole('button', { name: 'Approve' }).click();
  await expect(mark.getByText('Nothing waiting for you')).toBeVisible();

  // The worker provisions it into the real directory.
  await expect.poll(() => groupMembers('accounts-payable'), { timeout: 30_000 }).toContain(aliceDn);

  await alice.goto('/access');
  const item = alice.locator('li[data-entitlement="Accounts Payable"]');
  await expect(item.getByText('Active')).toBeVisible();
  await expect(item.getByText(/approved by Mark Oduya/)).toBeVisible();
  await expect(alice.getByText(aliceDn).first()).toBeVisible();
  await screenshot(alice, '05-my-access');

  await alice.goto('/requests');
  const done = alice.getByRole('article', { name: 'Request for Accounts Payable' });
  await expect(done.getByText('Provisioned')).toBeVisible();
  await done.getByText('Timeline').click();
  await expect(done.getByText('Approved by Mark Oduya')).toBeVisible();
  await expect(done.getByText('Grant Accounts Payable in Corporate Directory: done')).toBeVisible();
  await screenshot(alice, '06-my-requests-provisioned');

  // Giving it up removes the membership the same way.
  await alice.goto('/access');
  await item.getByRole('button', { name: 'Give up…' }).click();
  await alice
    .getByRole('alertdialog', { name: 'Give up Accounts Payable?' })
    .getByRole('button', { name: 'Give up' })
    .click();
  await expect.poll(() => groupMembers('accounts-payable'), { timeout: 30_000 }).not.toContain(aliceDn);
  await expect(alice.locator('li[data-entitlement="Accounts Payable"]')).toHaveCount(0);

  // Her request says the access it granted has ended, and who ended it.
  await alice.goto('/requests');
  const ended = alice.getByRole('article', { name: 'Request for Accounts Payable' });
  // The badge (the timeline's closed list names it too).
  await expect(ended.getByText('Access revoked').first()).toBeVisible();
  await expect(ended.getByText('Provisioned')).toHaveCount(0);
  await expect(ended.getByText(/The access was revoked by Alice Nguyen on/)).toBeVisible();
});

test('the demo sign-in page lists the personas by role and signs one in with a click', async ({ page }) => {
  await page.goto('/signin');
  const demo = page.getByRole('region', { name: 'Demo personas' });
  for (const group of ['Employees', 'Managers', 'Identity team', 'Security', 'Auditors']) {
    await expect(demo.getByRole('heading', { name: group, exact: true })).toBeVisible();
  }
  await expect(demo.getByRole('button', { name: /Sam Okafor \(sam\)/ })).toBeVisible();
  await screenshot(page, '00-sign-in');
  await demo.getByRole('button', { name: /Audrey .* \(audrey\)/ }).click();
  await expect(page).toHaveURL(/\/catalog/);
  await expect(page.getByRole('link', { name: 'Administration' })).toBeVisible();
});

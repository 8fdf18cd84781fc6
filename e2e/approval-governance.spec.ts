import type { Browser, Page } from '@playwright/test';
import { expect, fillPicker, groupMembers, runtime, screenshot, signInAs, test } from './fixtures.ts';
import { receivedMail, runScheduledJob, sql } from './governance-fixtures.ts';

// People only this spec changes: beatriz, raj, hana, amara (and the approvers who decide for them).

async function as(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, username);
  return page;
}

/**
 * `approver` approves the card on `approvers`, a page the test keeps for its approvers one after another:
 * each signs in over the last one's session. A new browser context per approver cost about two seconds
 * of the browser's CPU each (a fresh context loads and compiles every script again, docs/decisions/096).
 */
async function approve(
  approvers: Page,
  approver: string,
  card: string,
  expectText?: string | RegExp,
  shot?: string,
) {
  await signInAs(approvers, approver);
  await approvers.goto('/approvals');
  const article = approvers.getByRole('article', { name: card });
  if (expectText) await expect(article.getByText(expectText).first()).toBeVisible();
  if (shot) await screenshot(approvers, shot);
  await article.getByRole('button', { name: 'Approve' }).click();
  await expect(approvers.getByRole('article', { name: card })).toHaveCount(0);
}

const dn = (uid: string) => `uid=${uid},ou=people,${runtime().directory.baseDn}`;

test('a two-stage chain: the manager, then 2 of 3 finance controllers, and slapd has the access', async ({
  browser,
  page,
}) => {
  const beatriz = await as(browser, 'beatriz');
  await beatriz.goto('/catalog');
  await beatriz.getByRole('searchbox', { name: 'Search the catalog' }).fill('treasury');
  await beatriz.getByRole('button', { name: /Treasury Payments/ }).click();
  const preview = beatriz.getByRole('region', { name: 'What will happen' });
  await expect(preview.getByText(/Manager approval/)).toBeVisible();
  await expect(preview.getByText(/2 of 3 Finance controllers approve/)).toBeVisible();
  await beatriz
    .getByLabel(/Why do you need it/)
    .fill('I run the weekly supplier payment batch from next month.');
  await screenshot(beatriz, 'gov-01-two-stage-preview');
  await beatriz.getByRole('button', { name: 'Send request' }).click();
  await expect(beatriz.getByText(/Request sent for/)).toBeVisible();

  const card = 'Treasury Payments for Beatriz Silva';
  await approve(page, 'mark', card, 'I run the weekly supplier payment batch from next month.');
  await approve(page, 'tom', card, '0 of 2 approvals', 'gov-02-quorum-first');
  expect(await groupMembers('treasury-payments')).not.toContain(dn('beatriz'));
  await approve(page, 'fiona', card, '1 of 2 approvals', 'gov-03-quorum-second');

  await expect.poll(() => groupMembers('treasury-payments'), { timeout: 30_000 }).toContain(dn('beatriz'));
  await beatriz.goto('/requests');
  const request = beatriz.getByRole('article', { name: 'Request for Treasury Payments' });
  await expect(request.getByText('Provisioned')).toBeVisible();
  await expect(request.getByText(/Finance controllers: approved/)).toBeVisible();
  await screenshot(beatriz, 'gov-04-two-stage-done');
});

test('a request blocked by segregation of duties shows why before it is sent', async ({ browser }) => {
  const raj = await as(browser, 'raj');
  await raj.goto('/catalog');
  await raj.getByRole('searchbox', { name: 'Search the catalog' }).fill('treasury');
  await raj.getByRole('button', { name: /Treasury Payments/ }).click();
  const blocked = raj.getByRole('alert').filter({ hasText: 'Blocked by segregation of duties' });
  await expect(blocked).toBeVisible();
  await expect(blocked).toContainText(
    'Accounts Payable (granted on request) conflicts with Treasury Payments (requested now) under the rule “Payment segregation”. Nobody may hold both',
  );
  await raj.getByLabel(/Why do you need it/).fill('Covering the treasury desk for two weeks.');
  await expect(raj.getByRole('button', { name: 'Send request' })).toBeDisabled();
  await screenshot(raj, 'gov-05-sod-blocked');
  expect(
    (
      await sql(
        `SELECT count(*)::int AS n FROM "AccessRequest" r JOIN "Identity" i ON i.id = r."beneficiaryId" JOIN "Entitlement" e ON e.id = r."entitlementId" WHERE i.username = 'raj' AND e.name = 'Treasury Payments'`,
      )
    )[0],
  ).toEqual({ n: 0 });
});

test('a mitigated request: the security review records the control, and the access is granted', async ({
  browser,
  page,
}) => {
  const raj = await as(browser, 'raj');
  await raj.goto('/catalog');
  await raj.getByRole('searchbox', { name: 'Search the catalog' }).fill('ledger');
  await raj.getByRole('button', { name: /General Ledger Admin/ }).click();
  const preview = raj.getByRole('region', { name: 'What will happen' });
  await expect(preview.getByText('Needs a mitigating control')).toBeVisible();
  await expect(preview.getByText(/Segregation of duties: mitigating control/)).toBeVisible();
  await raj.getByLabel(/Why do you need it/).fill('I post the accruals journal at month end.');
  await screenshot(raj, 'gov-06-mitigation-preview');
  await raj.getByRole('button', { name: 'Send request' }).click();
  await expect(raj.getByText(/Request sent for/)).toBeVisible();

  const card = 'General Ledger Admin for Raj Patel';
  await approve(page, 'mark', card);
  await approve(page, 'tom', card);
  const sam = await as(browser, 'sam');
  await sam.goto('/approvals');
  const article = sam.getByRole('article', { name: card });
  await expect(article.getByText('Needs a mitigating control')).toBeVisible();
  await article
    .getByLabel('What compensates for the conflict')
    .fill('Every journal Raj posts is reviewed by the Financial Controller within two days.');
  await screenshot(sam, 'gov-07-mitigation-form');
  await article.getByRole('button', { name: 'Approve with this control' }).click();
  await expect(sam.getByRole('article', { name: card })).toHaveCount(0);
  await approve(page, 'ivy', card, /Mitigated/);

  await expect.poll(() => groupMembers('general-ledger-admin'), { timeout: 30_000 }).toContain(dn('raj'));
  // The detective scan lists the mitigated conflict with its control.
  await sam.goto('/admin/sod-violations');
  await sam.getByRole('button', { name: 'Scan now' }).click();
  const violation = sam.getByRole('article', { name: 'Raj Patel: Ledger administration and payables' });
  await expect(violation.getByText(/Control: “Every journal Raj posts/)).toBeVisible();
  await screenshot(sam, 'gov-08-violations');
});

test('an expiring grant is revoked in the real directory by the scheduled job', async ({ browser }) => {
  const hana = await as(browser, 'hana');
  await hana.goto('/access');
  const item = hana.locator('li[data-entitlement="Production Deploy"]');
  await expect(item.getByText(/^Until /)).toBeVisible();
  await expect(item.getByRole('button', { name: 'Extend…' })).toBeVisible();
  await screenshot(hana, 'gov-09-time-bound');
  expect(await groupMembers('production-deploy')).toContain(dn('hana'));

  // Its end date passes.
  await sql(
    `UPDATE "Grant" g SET "endsAt" = now() - interval '1 minute' FROM "Identity" i, "Entitlement" e
      WHERE g."identityId" = i.id AND g."entitlementId" = e.id AND i.username = 'hana' AND e.name = 'Production Deploy' AND g.status = 'ACTIVE'`,
  );
  await runScheduledJob('grants.expire');
  await expect.poll(() => groupMembers('production-deploy'), { timeout: 30_000 }).not.toContain(dn('hana'));
  await hana.goto('/access');
  await expect(hana.locator('li[data-entitlement="Production Deploy"]')).toHaveCount(0);
  await hana.getByRole('button', { name: /Notifications/ }).click();
  await expect(hana.getByText('Your Production Deploy access has ended')).toBeVisible();
  await screenshot(hana, 'gov-10-expired');
});

test('past the SLA the approval escalates, and the manager’s manager gets the email', async ({ browser }) => {
  const amara = await as(browser, 'amara');
  await amara.goto('/catalog');
  await amara.getByRole('searchbox', { name: 'Search the catalog' }).fill('recruiting');
  await amara.getByRole('button', { name: /Recruiting/ }).click();
  await amara.getByLabel(/Why do you need it/).fill('I help screen candidates for the new sales roles.');
  await amara.getByRole('button', { name: 'Send request' }).click();
  await expect(amara.getByText(/Request sent for/)).toBeVisible();

  // Rachel has not decided within the stage's SLA.
  await sql(
    `UPDATE "ApprovalStage" s SET "dueAt" = now() - interval '1 hour' FROM "AccessRequest" r, "Identity" i
      WHERE s."requestId" = r.id AND r."beneficiaryId" = i.id AND i.username = 'amara' AND r.status = 'PENDING' AND s.status = 'PENDING'`,
  );
  await runScheduledJob('approvals.escalate');
  const isEscalation = (m: { to: string[]; subject: string }) =>
    m.to.includes('victor@acme.test') && m.subject.startsWith('Escalated: Approve Recruiting for Amara Eze');
  await expect.poll(() => receivedMail().some(isEscalation), { timeout: 30_000 }).toBe(true);
  const mail = receivedMail().find(isEscalation)!;
  expect(mail.text).toContain(`${runtime().url}/approvals`);
  expect(mail.text).toContain('Rachel Kim has not decided “Manager approval” in time');

  const victor = await as(browser, 'victor');
  await victor.goto('/approvals');
  const card = victor.getByRole('article', { name: 'Recruiting for Amara Eze' });
  await expect(card.getByText(/Escalated to you/)).toBeVisible();
  await screenshot(victor, 'gov-11-escalated');
});

test('the identity team reads the policies and previews a rule before saving it', async ({ browser }) => {
  const ivy = await as(browser, 'ivy');
  await ivy.goto('/admin/approval-policies');
  const high = ivy.getByRole('article', { name: 'High risk: manager, owner, security' });
  await expect(high.getByText(/2 of the Security reviewers team/)).toBeVisible();
  await expect(high.getByText('Default for high risk')).toBeVisible();
  await screenshot(ivy, 'gov-12-policies');
  await high.getByRole('button', { name: 'Edit' }).click();
  const dialog = ivy.getByRole('dialog', { name: /Edit High risk/ });
  await expect(
    dialog
      .getByRole('group', { name: 'Stage 3' })
      .getByRole('button', { name: 'Remove team security-reviewers' }),
  ).toBeVisible();
  await screenshot(ivy, 'gov-13-policy-editor');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await ivy.getByRole('tab', { name: 'Attached to' }).click();
  await expect(ivy.getByRole('combobox', { name: 'Policy for Treasury Payments' })).toHaveValue(/.+/);

  await ivy.goto('/admin/sod-rules');
  await expect(ivy.getByRole('article', { name: 'Payment segregation' }).getByText('Blocks')).toBeVisible();
  await ivy.getByRole('button', { name: 'New rule' }).click();
  const editor = ivy.getByRole('dialog', { name: 'New rule' });
  await editor.getByLabel('Name').fill('Payroll and finance reports');
  const sideA = editor.getByRole('group', { name: /Side A/ });
  await sideA.getByRole('searchbox').fill('payroll');
  await sideA.getByRole('checkbox', { name: /^Payroll ·/ }).check();
  const sideB = editor.getByRole('group', { name: /Side B/ });
  await sideB.getByRole('searchbox').fill('finance reporting');
  await sideB.getByRole('checkbox', { name: /^Finance Reporting ·/ }).check();
  const preview = editor.getByRole('region', { name: 'Who violates this today' });
  await expect(preview.getByText('Lena Hoffmann')).toBeVisible();
  await screenshot(ivy, 'gov-14-sod-rule-preview');
  // Nothing is saved by looking.
  await editor.getByRole('button', { name: 'Cancel' }).click();
  await expect(ivy.getByRole('article', { name: 'Payroll and finance reports' })).toHaveCount(0);

  await ivy.goto('/admin/auto-approval');
  await expect(
    ivy.getByText(/Approves: low risk, entitlements only, same department as the owner, employee/),
  ).toBeVisible();
  await screenshot(ivy, 'gov-15-auto-approval');
});

test('roles in the catalog, the role suggestion, and an out-of-office stand-in', async ({ browser }) => {
  const bob = await as(browser, 'bob');
  await bob.goto('/catalog');
  await bob.getByRole('searchbox', { name: 'Search the catalog' }).fill('on-call');
  await bob.getByRole('button', { name: /On-call Rota/ }).click();
  // The role that already bundles it is suggested, and swapping asks for the role instead.
  await expect(bob.getByText(/Release Engineering already bundles On-call Rota/)).toBeVisible();
  await screenshot(bob, 'gov-16-role-suggestion');
  await bob.getByRole('button', { name: 'Request this role instead' }).click();
  await expect(
    bob.getByRole('list', { name: 'Items in this request' }).getByText('Release Engineering'),
  ).toBeVisible();
  // The swap empties the search box too, whether or not the typed 'on-call' had settled into a search.
  await expect(bob.getByRole('searchbox', { name: 'Search the catalog' })).toHaveValue('');
  await expect(
    bob.getByRole('list', { name: 'Roles' }).getByRole('button', { name: /Release Engineering/ }),
  ).toBeVisible();
  await expect(
    bob
      .getByRole('region', { name: 'What will happen' })
      .getByText(/Security review: 2 of 3 Security reviewers approve/),
  ).toBeVisible();
  await screenshot(bob, 'gov-17-role-request');

  await bob.goto('/settings');
  await fillPicker(bob.getByRole('combobox', { name: /Stand-in/ }), 'Hana');
  await bob.getByRole('option', { name: /Hana Sato/ }).click();
  await bob.getByRole('button', { name: 'Set stand-in' }).click();
  await expect(bob.getByRole('list', { name: 'Your stand-ins' }).getByText('Hana Sato')).toBeVisible();
  await screenshot(bob, 'gov-18-out-of-office');
});

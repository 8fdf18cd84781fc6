import { expect, screenshot, signInAs, test } from './fixtures.ts';
import { requestNumber } from '../server/shared/request-number.ts';
import { sql } from './governance-fixtures.ts';

// The demo opens with work for the IT service desk: Seán's approved corporate card waits in Expense
// Cards, an application without an API (server/seed/acme.ts). Ivy, on the desk, reports both tasks done
// in the browser; the page says what she reported, and the operations, the account's ID and the
// card's membership are recorded. People only this spec changes: sean.

const SEAN = "Seán O'Brien, Jr. (Ops)";

test('the desk completes the seeded manual tasks, is told so, and the access is recorded', async ({
  page,
}) => {
  await signInAs(page, 'ivy');
  await page.goto('/tasks');
  const open = page.getByRole('list', { name: 'Open tasks' });
  const account = open.getByRole('article', { name: `Create account for ${SEAN} in Expense Cards` });
  const card = open.getByRole('article', {
    name: `Add entitlement: Corporate card for ${SEAN} in Expense Cards`,
  });
  // Whom and what each is for, and how to do it, on the card itself.
  await expect(account).toContainText(`${SEAN} · sean@acme.test · Sales`);
  await expect(account).toContainText('Create an account with the username “sean”.');
  await expect(card).toContainText('Sign in to the bank’s card portal');
  // Why each exists: Seán's request, approved this morning (the seed plans it as its approval would,
  // server/seed/seed-demo.ts), named and linked to its evidence page.
  const [request] = await sql<{ id: string }>(
    `SELECT r.id FROM "AccessRequest" r JOIN "Identity" i ON i.id = r."beneficiaryId"
       JOIN "Entitlement" e ON e.id = r."entitlementId"
      WHERE i.username = 'sean' AND e.name = 'Corporate card'`,
  );
  const number = requestNumber(request!.id);
  for (const task of [account, card]) {
    await expect(task).toContainText(`WhyAfter a request was approved · request ${number}`);
    await expect(task.getByRole('link', { name: number })).toHaveAttribute(
      'href',
      `/reports/requests/${request!.id}`,
    );
  }
  await screenshot(page, 'manual-task-open', { phone: true });

  await account.getByRole('textbox', { name: 'Account ID in Expense Cards' }).fill('CARD-7731');
  await account.getByRole('button', { name: 'Done', exact: true }).click();
  // The card leaves the list: the page says what was reported, and where it went.
  await expect(page.getByRole('status').filter({ hasText: 'Reported done' })).toHaveText(
    `Reported done: Create account for ${SEAN} in Expense Cards (account ID CARD-7731). It is under Closed.`,
  );
  await expect(account).toBeHidden();
  await card.getByRole('button', { name: 'Done', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Reported done' })).toHaveText(
    `Reported done: Add entitlement: Corporate card for ${SEAN} in Expense Cards. It is under Closed.`,
  );
  await expect(card).toBeHidden();
  await screenshot(page, 'manual-task-reported', { phone: true });

  const [recorded] = await sql<{ kinds: string[]; statuses: string[]; nativeId: string; membership: string }>(
    `SELECT array_agg(o.kind::text ORDER BY o.kind::text) AS kinds, array_agg(DISTINCT o.status::text) AS statuses,
            a."nativeId", (SELECT m.status::text FROM "AccountEntitlement" m JOIN "Entitlement" e ON e.id = m."entitlementId"
                            WHERE m."accountId" = a.id AND e.name = 'Corporate card') AS membership
       FROM "ProvisioningOperation" o JOIN "Account" a ON a.id = o."accountId"
       JOIN "Identity" i ON i.id = o."identityId" JOIN "Application" p ON p.id = o."applicationId"
      WHERE i.username = 'sean' AND p.key = 'expense-cards'
      GROUP BY a.id`,
  );
  expect(recorded).toEqual({
    kinds: ['ADD_ENTITLEMENT', 'CREATE_ACCOUNT'],
    statuses: ['SUCCEEDED'],
    nativeId: 'CARD-7731',
    membership: 'ACTIVE',
  });

  await page.getByRole('tab', { name: 'Closed' }).click();
  await expect(
    page
      .getByRole('list', { name: 'Closed tasks' })
      .getByRole('article', { name: `Create account for ${SEAN} in Expense Cards` }),
  ).toContainText('CARD-7731');
});

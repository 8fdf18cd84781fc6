import { createPrismaClient } from '../server/db/client.ts';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
  createRole,
  createSodRule,
} from '../server/seed/factories.ts';
import { expect, runtime, screenshot, signInAs, test } from './fixtures.ts';

// Records only this spec creates and changes: its own application (manual, so nothing aggregates or
// provisions it), entitlements, role, SoD rule and two holders. ivy runs the identity team's pages.
// The saves are refused, so nothing is planned; the rules are deleted at the end (the rest stays, unused).

const suffix = Date.now().toString(36);
const names = {
  app: `Ledger Desk ${suffix}`,
  role: `Journal clerk ${suffix}`,
  rule: `Post or approve journals ${suffix}`,
  paymentRule: `Payment segregation ${suffix}`,
  // Named for this spec only: other specs pick the demo's Accounts Payable by its name.
  payable: `Payables ${suffix}`,
  treasury: `Treasury ${suffix}`,
};
let ids: { roleId: string; viewId: string; ruleId: string; paymentRuleId: string };

test.beforeAll(async () => {
  const db = createPrismaClient(runtime().databaseUrl, { max: 1 });
  try {
    const app = await createApplication(db, {
      name: names.app,
      key: `ledger-desk-${suffix}`,
      connectorType: 'MANUAL',
    });
    const view = await createEntitlement(db, app.id, { name: 'View ledger', requestable: false });
    const post = await createEntitlement(db, app.id, { name: 'Post journals', requestable: false });
    const approve = await createEntitlement(db, app.id, { name: 'Approve journals', requestable: false });
    const role = await createRole(db, {
      name: names.role,
      key: `journal-clerk-${suffix}`,
      entitlementIds: [view.id],
      requestable: false,
    });
    const rule = await createSodRule(db, {
      name: names.rule,
      severity: 'BLOCK',
      sideA: [{ entitlementId: post.id }],
      sideB: [{ entitlementId: approve.id }],
    });
    const payable = await createEntitlement(db, app.id, { name: names.payable, requestable: false });
    const treasury = await createEntitlement(db, app.id, { name: names.treasury, requestable: false });
    const paymentRule = await createSodRule(db, {
      name: names.paymentRule,
      severity: 'BLOCK',
      sideA: [{ entitlementId: payable.id }],
      sideB: [{ entitlementId: treasury.id }],
    });
    const rhea = await createIdentity(db, {
      firstName: 'Rhea',
      lastName: `Clerk ${suffix}`,
      username: `rhea.${suffix}`,
    });
    const otto = await createIdentity(db, {
      firstName: 'Otto',
      lastName: `Approver ${suffix}`,
      username: `otto.${suffix}`,
    });
    await createGrant(db, { identityId: rhea.id, roleId: role.id, source: 'REQUEST' });
    await createGrant(db, { identityId: otto.id, roleId: role.id, source: 'ADMIN' });
    await createGrant(db, { identityId: otto.id, entitlementId: approve.id, source: 'REQUEST' });
    ids = { roleId: role.id, viewId: view.id, ruleId: rule.id, paymentRuleId: paymentRule.id };
  } finally {
    await db.$disconnect();
  }
});

test.afterAll(async () => {
  const db = createPrismaClient(runtime().databaseUrl, { max: 1 });
  try {
    if (ids) await db.sodRule.deleteMany({ where: { id: { in: [ids.ruleId, ids.paymentRuleId] } } });
  } finally {
    await db.$disconnect();
  }
});

test('a role edit shows who it affects and the SoD conflict it would create, and the save is refused', async ({
  page,
}) => {
  await signInAs(page, 'ivy');
  await page.goto('/admin/roles');
  await page
    .getByRole('article', { name: names.role })
    .getByRole('button', { name: `Edit ${names.role}` })
    .click();
  const dialog = page.getByRole('dialog', { name: `Edit ${names.role}` });
  const preview = dialog.getByRole('region', { name: 'What if you save' });
  await expect(preview).toContainText('2 people hold this role. What it bundles is unchanged.');

  await dialog.getByLabel('From application').selectOption({ label: names.app });
  await dialog.getByRole('checkbox', { name: 'Post journals' }).check();
  const conflicts = preview.getByRole('region', { name: 'Segregation-of-duties conflicts' });
  await expect(conflicts).toContainText('1 person would hold both sides of 1 rule');
  await expect(conflicts).toContainText(`${names.rule} (blocks): Post journals against Approve journals`);
  await expect(conflicts).toContainText(`Otto Approver ${suffix}`);
  await expect(conflicts).not.toContainText('Rhea');
  const gains = preview.getByRole('region', { name: 'Would gain' });
  await expect(gains).toContainText('Would gain (2)');
  await expect(gains).toContainText('Post journals');
  await screenshot(page, 'role-sod/role-edit-preview', { phone: true });

  await dialog.getByRole('button', { name: 'Save role' }).click();
  await expect(dialog.getByRole('alert')).toContainText(
    `Otto Approver ${suffix} under the rule “${names.rule}”`,
  );
  await expect(dialog.getByRole('alert')).toContainText('nothing was saved');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  // The role still bundles only what it did.
  await expect(
    page.getByRole('list', { name: `Entitlements in ${names.role}` }).getByRole('listitem'),
  ).toHaveText(['View ledger · ' + names.app]);
});

test('a new role bundling both sides of a blocking rule is named in the what-if and refused', async ({
  page,
}) => {
  await signInAs(page, 'ivy');
  await page.goto('/admin/roles');
  await page.getByRole('button', { name: 'New role' }).click();
  const dialog = page.getByRole('dialog', { name: 'New business role' });
  await dialog.getByLabel('Name').fill(`Finance Operations ${suffix}`);
  await dialog.getByLabel('Key').fill(`finance-operations-${suffix}`);
  await dialog.getByLabel('From application').selectOption({ label: names.app });
  await dialog.getByRole('checkbox', { name: names.payable }).check();
  await dialog.getByRole('checkbox', { name: names.treasury }).check();
  const preview = dialog.getByRole('region', { name: 'What if you save' });
  await expect(preview).toContainText('A new role: nobody holds it yet.');
  const breaks = preview.getByRole('region', { name: 'Rules this role breaks' });
  await expect(breaks).toContainText('This role would bundle both sides of 1 blocking rule');
  await expect(breaks).toContainText(`${names.paymentRule}: ${names.payable} against ${names.treasury}`);

  await dialog.getByRole('button', { name: 'Create role' }).click();
  await expect(dialog.getByRole('alert')).toContainText(`“${names.paymentRule}”`);
  await expect(dialog.getByRole('alert')).toContainText('nothing was saved');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('article', { name: `Finance Operations ${suffix}` })).toHaveCount(0);
});

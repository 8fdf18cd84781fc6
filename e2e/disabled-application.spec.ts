import { createPrismaClient } from '../server/db/client.ts';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
  createTeam,
} from '../server/seed/factories.ts';
import { expect, runtime, signInAs, test } from './fixtures.ts';

// Disabling an application asks first, and what it then holds back shows (docs/decisions/111). Its
// own records only: a manual application (tasks, never a real target) with one person who holds an
// entitlement there, account and membership included.

const suffix = Date.now().toString(36);
const appName = `Loan Desk ${suffix}`;
const entitlementName = `Loan officers ${suffix}`;
let appId = '';
let personId = '';

test.beforeAll(async () => {
  const db = createPrismaClient(runtime().databaseUrl, { max: 1 });
  try {
    const desk = await createTeam(db, {
      key: `loan-desk-${suffix}`,
      name: `Loan desk ${suffix}`,
      purpose: 'FULFILMENT',
      memberIds: [],
    });
    const app = await createApplication(db, {
      name: appName,
      key: `loan-desk-${suffix}`,
      connectorType: 'MANUAL',
    });
    await db.application.update({ where: { id: app.id }, data: { fulfilmentTeamId: desk.id } });
    const ent = await createEntitlement(db, app.id, { name: entitlementName });
    const person = await createIdentity(db, { firstName: 'Lena', lastName: `Paused ${suffix}` });
    await createGrant(db, { identityId: person.id, entitlementId: ent.id, source: 'ADMIN' });
    await db.account.create({
      data: {
        applicationId: app.id,
        identityId: person.id,
        username: person.username,
        nativeId: `loan-${suffix}`,
        memberships: { create: { entitlementId: ent.id, status: 'ACTIVE' } },
      },
    });
    appId = app.id;
    personId = person.id;
  } finally {
    await db.$disconnect();
  }
});

test('disabling asks first, a revocation there says it waits, and the held change shows', async ({
  page,
}) => {
  await signInAs(page, 'ivy');
  await page.goto(`/admin/applications/${appId}`);
  await expect(page.getByRole('heading', { name: appName, level: 1 })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Enabled' }).uncheck();
  await page.getByRole('button', { name: 'Save changes' }).click();
  const disable = page.getByRole('alertdialog', { name: `Disable ${appName}?` });
  await expect(disable).toContainText('Provisioning to');
  await expect(disable).toContainText('those changes wait here, held');
  await disable.getByRole('button', { name: 'Disable and save' }).click();
  await expect(disable).toBeHidden();
  const paused = page.getByRole('region', { name: 'Provisioning paused' });
  await expect(paused).toContainText(
    /Disabled since .* by Ivy Chen: provisioning is paused\. No changes are held\./,
  );

  // The revocation cannot reach the application now: the dialog says so.
  await page.goto(`/admin/identities/${personId}`);
  await page.getByRole('button', { name: `Revoke ${entitlementName}` }).click();
  const revoke = page.getByRole('dialog', { name: `Revoke ${entitlementName}` });
  await expect(revoke).toContainText(
    `Provisioning to ${appName} is paused: the access is removed there when it is enabled again.`,
  );
  await revoke.getByRole('textbox', { name: /Reason/ }).fill('Moved to another team');
  await revoke.getByRole('button', { name: 'Revoke' }).click();
  await expect(revoke).toBeHidden();

  // The overview counts and names the person whose change is held.
  await page.goto('/admin/provisioning');
  const held = page
    .getByRole('list', { name: 'Paused applications' })
    .getByRole('listitem')
    .filter({ hasText: appName });
  await expect(held).toContainText('1 person has changes held until it is enabled');
  // It counts people, and says what it leaves out (docs/decisions/111).
  await expect(held).toContainText('Reconciliation findings are not counted here.');
  await expect(held.getByRole('link', { name: `Lena Paused ${suffix}` })).toBeVisible();

  // Enabling says how many held changes it applies; kept disabled here (nothing else needs it).
  await page.goto(`/admin/applications/${appId}`);
  await expect(page.getByRole('region', { name: 'Provisioning paused' })).toContainText(
    '1 person has changes held',
  );
  await page.getByRole('checkbox', { name: 'Enabled' }).check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  const enable = page.getByRole('alertdialog', { name: `Enable ${appName}?` });
  await expect(enable).toContainText(
    'the changes held for 1 person will be applied as the re-plan reaches them',
  );
  await enable.getByRole('button', { name: 'Keep it' }).click();
  await expect(enable).toBeHidden();
});

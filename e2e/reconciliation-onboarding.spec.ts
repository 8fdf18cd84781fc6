import type { Page } from '@playwright/test';
import { Client } from 'ldapts';
import { expect, fillDate, runtime, screenshot, signInAs, test } from './fixtures.ts';
import { sql } from './governance-fixtures.ts';

// An existing LDAP application with people already in its group, under an OU of this spec's own
// (ou=e2e-onb-*) that no other spec reads: Sofia Marino (uid = her username) and Hugo Lefèvre
// (another uid, matched by his mail) are in the group, and so is an account nobody matches. Ivy
// (identity team) creates the application, reads its groups into the catalog, sets rogue access to
// Adopt without the owner's approval, and onboards it. Sofia and Hugo are changed by no other spec;
// the grants made here are in this application only, which is disabled afterwards.

const stamp = Date.now().toString(36);
const ou = `e2e-onb-${stamp}`;
const group = `onb-editors-${stamp}`;
const later = `onb-admins-${stamp}`;
const ghost = `e2e-ghost-${stamp}`;
const DAY = 86_400_000;
let appId = '';

async function directory<T>(work: (c: Client, baseDn: string) => Promise<T>): Promise<T> {
  const { directory } = runtime();
  const client = new Client({ url: directory.url });
  try {
    await client.bind(directory.bindDn, directory.bindPassword);
    return await work(client, directory.baseDn);
  } finally {
    await client.unbind();
  }
}

const shot = (page: Page, name: string) => screenshot(page, `onboarding/${name}`, { phone: true });

const person = (uid: string, cn: string, sn: string, mail: string) => ({
  objectClass: ['top', 'person', 'organizationalPerson', 'inetOrgPerson'],
  uid,
  cn,
  sn,
  mail,
});

test.beforeAll(async () => {
  await directory(async (c, baseDn) => {
    const base = `ou=${ou},${baseDn}`;
    await c.add(base, { objectClass: ['top', 'organizationalUnit'], ou });
    await c.add(`ou=people,${base}`, { objectClass: ['top', 'organizationalUnit'], ou: 'people' });
    await c.add(`ou=groups,${base}`, { objectClass: ['top', 'organizationalUnit'], ou: 'groups' });
    await c.add(
      `uid=sofia,ou=people,${base}`,
      person('sofia', 'Sofia Marino', 'Marino', 'sofia.m@old-domain.test'),
    );
    await c.add(
      `uid=hlefevre,ou=people,${base}`,
      person('hlefevre', 'Hugo Lefèvre', 'Lefèvre', 'hugo@acme.test'),
    );
    await c.add(
      `uid=${ghost},ou=people,${base}`,
      person(ghost, 'Temp Contractor', 'Contractor', `${ghost}@elsewhere.test`),
    );
    await c.add(`cn=${group},ou=groups,${base}`, {
      objectClass: ['top', 'groupOfNames'],
      cn: group,
      description: 'Editors of the onboarding wiki',
      member: ['sofia', 'hlefevre', ghost].map((u) => `uid=${u},ou=people,${base}`),
    });
  });
});

test.afterAll(async () => {
  if (appId) await sql(`UPDATE "Application" SET enabled = false WHERE id = $1`, [appId]);
  await directory(async (c, baseDn) => {
    const base = `ou=${ou},${baseDn}`;
    for (const dn of [
      `cn=${group},ou=groups,${base}`,
      `cn=${later},ou=groups,${base}`,
      ...['sofia', 'hlefevre', ghost].map((u) => `uid=${u},ou=people,${base}`),
      `ou=groups,${base}`,
      `ou=people,${base}`,
      base,
    ])
      await c.del(dn).catch(() => undefined);
  });
});

test('the identity team onboards an existing LDAP application: matched people keep their access as grants, the stranger is an orphan', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInAs(page, 'ivy');
  const { directory: d } = runtime();
  const saved = await page.request.post('/api/trpc/applications.save', {
    data: {
      json: {
        key: `onboarding-wiki-${stamp}`,
        name: `Onboarding wiki ${stamp}`,
        description: 'An existing directory brought under management by the onboarding e2e.',
        connectorType: 'LDAP',
        config: { url: d.url, bindDn: d.bindDn, baseDn: `ou=${ou},${d.baseDn}`, disable: { method: 'none' } },
        secrets: { bindPassword: d.bindPassword },
        onDelete: 'DISABLE',
        attributeMapping: { cn: '{displayName}' },
        concurrency: 2,
        enabled: true,
        ownerId: null,
        fulfilmentTeamId: null,
      },
    },
  });
  expect(saved.ok(), await saved.text()).toBe(true);
  appId = ((await saved.json()) as { result: { data: { json: { id: string } } } }).result.data.json.id;

  // Its groups into the catalog.
  await page.goto(`/admin/applications/${appId}`);
  await page.getByRole('tab', { name: 'Entitlements' }).click();
  await page.getByRole('button', { name: 'Read from the application' }).click();
  await expect(page.getByText(/Found 1 in the application; 1 new/)).toBeVisible();
  const entitlementId = (
    await sql<{ id: string }>(`SELECT id FROM "Entitlement" WHERE "applicationId" = $1`, [appId])
  )[0]!.id;

  // Rogue access is adopted, with no owner to wait for.
  await page.getByRole('tab', { name: 'Reconciliation' }).click();
  const onboarding = page.getByRole('region', { name: 'Runs' });
  await expect(page.getByText('Their memberships wait in the review queue')).toBeVisible();
  await page.getByLabel(/^Access not granted in Gatehouse/).selectOption('ADOPT');
  await page.getByLabel('Adopting access needs the entitlement owner’s approval').uncheck();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await expect(page.getByText('Their memberships are adopted as grants at once')).toBeVisible();

  await onboarding.getByRole('button', { name: 'Onboard existing accounts' }).click();
  await expect(page.getByText('Onboarding started: the first full run reads every account.')).toBeVisible();
  const runs = page.getByRole('table', { name: 'Reconciliation runs' });
  const run = runs.getByRole('row', { name: /onboarding/ });
  await expect(run).toContainText('Succeeded', { timeout: 90_000 });
  await expect(run).toContainText('Full (onboarding)');
  await expect(run).toContainText('3 accounts');
  await expect(run).toContainText('1 account without a person');
  await expect(onboarding.getByText(/^Onboarded \d/)).toBeVisible();
  await shot(page, 'application-onboarded');

  // Sofia (by username) and Hugo (by mail) hold the group as grants adopted from the target.
  await page.goto(`/reports/who-has?entitlement=${entitlementId}`);
  const holders = page.getByRole('table', { name: /^Who has / });
  for (const name of ['Sofia Marino', 'Hugo Lefèvre']) {
    const row = holders.getByRole('row', { name: new RegExp(name) });
    await expect(row).toContainText('Reconciliation');
    await expect(row).toContainText('adopted from what the target held');
  }
  await expect(holders.getByRole('row', { name: /Temp Contractor|e2e-ghost/ })).toHaveCount(0);

  // The stranger's account waits in the queue as an orphan; accepted as an exception, it leaves the waiting list.
  await page.goto(`/reconciliation?application=${appId}`);
  const queue = page.getByRole('table', { name: 'Reconciliation findings' });
  const orphan = queue.getByRole('row', { name: new RegExp(ghost) });
  await expect(orphan).toContainText('Account without a person');
  await expect(queue.getByRole('row', { name: /Sofia Marino|Hugo Lefèvre/ })).toHaveCount(0);
  await shot(page, 'queue-orphan');
  await orphan.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Accept as exception' }).click();
  await page
    .getByRole('textbox', { name: /^Reason/ })
    .fill('Contractor account kept until the wiki migration ends');
  await fillDate(page, /^Until/, new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10));
  await page.getByRole('button', { name: 'Accept this finding as an exception' }).click();
  await expect(page.getByRole('status').filter({ hasText: '1 finding decided' })).toBeVisible();
  await expect(queue.getByRole('row', { name: new RegExp(ghost) })).toHaveCount(0);
  await page.getByLabel('Status').selectOption('EXCEPTION');
  await expect(queue.getByRole('row', { name: new RegExp(ghost) })).toContainText(
    'Contractor account kept until the wiki migration ends',
  );

  // Later, someone gives Sofia a second group by hand; now adoption waits for approval. The
  // entitlement has no owner, so another member of the identity team than the decider (here the
  // run itself) approves it on the finding's page.
  await directory((c, baseDn) =>
    c.add(`cn=${later},ou=groups,ou=${ou},${baseDn}`, {
      objectClass: ['top', 'groupOfNames'],
      cn: later,
      member: [`uid=sofia,ou=people,ou=${ou},${baseDn}`],
    }),
  );
  await page.goto(`/admin/applications/${appId}?tab=reconciliation`);
  await page.getByLabel('Adopting access needs the entitlement owner’s approval').check();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await onboarding.getByRole('button', { name: 'Reconcile now (full)' }).click();
  await expect(runs.getByRole('row', { name: /on demand/ })).toContainText('Succeeded', { timeout: 90_000 });

  await page.goto(`/reconciliation?application=${appId}`);
  const waiting = queue.getByRole('row', { name: /Sofia Marino/ });
  await expect(waiting).toContainText(later);
  await waiting.getByRole('link', { name: 'Details' }).click();
  await expect(page.getByRole('heading', { name: 'Adoption waiting for approval' })).toBeVisible();
  await shot(page, 'finding-adoption-waiting');
  await page.getByRole('button', { name: 'Approve adoption' }).click();
  await expect(page.getByText('Adopted: the access is now a grant.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Adoption waiting for approval' })).toHaveCount(0);
  await expect(page.getByText('Resolved', { exact: true }).first()).toBeVisible();
});

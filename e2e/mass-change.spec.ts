import type { APIRequestContext, Page } from '@playwright/test';
import { createPrismaClient } from '../server/db/client.ts';
import { PATCH_OP_SCHEMA, USER_SCHEMA } from '../server/modules/scim-server/index.ts';
import { createApplication, createIdentity, createTeam } from '../server/seed/factories.ts';
import { sql } from './governance-fixtures.ts';
import { expect, runtime, screenshot, signInAs, test } from './fixtures.ts';

// The mass-change guard in the browser (docs/decisions/065). The guard's setting is the one global
// this spec changes: it lowers it (hold from 3 people, beyond 1%) so a handful of records make a
// burst, and puts the demo's 10% / 10 people back at the end. Everything else is its own: SCIM Users
// it creates through its own token, and a disabled manual application with four account holders.

const suffix = Date.now().toString(36);
const appName = `Visitor Badges ${suffix}`;
let appId = '';

test.describe.configure({ mode: 'serial' });

const shot = (page: Page, name: string) => screenshot(page, `mass-change/${name}`, { phone: true });

async function saveGuard(page: Page, share: string, from: string) {
  await page.goto('/admin/mass-change');
  const main = page.getByRole('main');
  await main.getByRole('textbox', { name: /^Share of people/ }).fill(share);
  await main.getByRole('textbox', { name: /^From how many people/ }).fill(from);
  await main.getByRole('button', { name: 'Save settings' }).click();
  await expect(main.getByText('Saved. The next guarded change is judged by these numbers.')).toBeVisible();
}

/** A SCIM client holding the bearer token an admin created in the browser, talking to the portal itself. */
function scimClient(request: APIRequestContext, token: string) {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' };
  return {
    create: async (familyName: string) => {
      const userName = `${familyName.toLowerCase()}@burst.acme.test`;
      const r = await request.post('/scim/v2/Users', {
        headers,
        data: {
          schemas: [USER_SCHEMA],
          userName,
          name: { givenName: 'Pat', familyName },
          emails: [{ type: 'work', value: userName, primary: true }],
          active: true,
        },
      });
      expect(r.status()).toBe(201);
      return String(((await r.json()) as { id: string }).id);
    },
    deactivate: async (id: string) => {
      const r = await request.patch(`/scim/v2/Users/${id}`, {
        headers,
        data: { schemas: [PATCH_OP_SCHEMA], Operations: [{ op: 'replace', path: 'active', value: false }] },
      });
      // Held or applied, the IdP hears that it worked, with the User as it asked.
      expect(r.status()).toBe(200);
      expect(((await r.json()) as { active: boolean }).active).toBe(false);
    },
    remove: async (id: string) =>
      expect((await request.delete(`/scim/v2/Users/${id}`, { headers })).status()).toBe(204),
    get: (id: string) => request.get(`/scim/v2/Users/${id}`, { headers }),
  };
}

const statusOf = async (id: string) =>
  (await sql<{ status: string }>('SELECT status FROM "Identity" WHERE id = $1', [id]))[0]?.status;

test.beforeAll(async () => {
  const db = createPrismaClient(runtime().databaseUrl, { max: 1 });
  try {
    const desk = await createTeam(db, {
      key: `badge-desk-${suffix}`,
      name: `Badge desk ${suffix}`,
      purpose: 'FULFILMENT',
      memberIds: [],
    });
    const app = await createApplication(db, {
      name: appName,
      key: `visitor-badges-${suffix}`,
      connectorType: 'MANUAL',
      attributeMapping: { attributes: { displayName: '{displayName}', email: '{email}' } },
    });
    // Disabled: nothing is provisioned through it, whatever the save re-plans.
    await db.application.update({
      where: { id: app.id },
      data: { enabled: false, fulfilmentTeamId: desk.id },
    });
    for (const name of ['Ana', 'Ben', 'Cleo', 'Dev']) {
      const person = await createIdentity(db, {
        firstName: name,
        lastName: `Visitor ${suffix}`,
        username: `${name.toLowerCase()}.visitor.${suffix}`,
      });
      await db.account.create({
        data: {
          applicationId: app.id,
          identityId: person.id,
          username: person.username,
          nativeId: `badge-${name}-${suffix}`,
        },
      });
    }
    appId = app.id;
  } finally {
    await db.$disconnect();
  }
});

test.afterAll(async ({ browser }) => {
  const page = await browser.newPage();
  await signInAs(page, 'ivy');
  await saveGuard(page, '10', '10');
  await page.close();
});

test('a burst of SCIM deactivations is held on the mass-change page, then released and discarded there', async ({
  page,
  request,
}) => {
  await signInAs(page, 'ivy');
  await saveGuard(page, '1', '3');

  // The identity provider's token, created in the browser and shown once.
  await page.goto('/admin/scim-tokens');
  await page
    .getByRole('main')
    .getByRole('textbox', { name: /^Token name/ })
    .fill(`Burst IdP ${suffix}`);
  await page.getByRole('main').getByRole('button', { name: 'Create token' }).click();
  const token = (await page.getByTestId('new-scim-token').textContent())?.trim() ?? '';
  expect(token).toMatch(/^gh_scim_/);
  const scim = scimClient(request, token);

  const names = ['Alder', 'Birch', 'Cedar', 'Damson', 'Elm', 'Fir'].map((n) => `${n}${suffix}`);
  const ids: string[] = [];
  for (const n of names) ids.push(await scim.create(n));
  const [alder, birch, cedar, damson, elm, fir] = ids as [string, string, string, string, string, string];

  // Two within the guard apply at once; the third on is held, a DELETE too.
  await scim.deactivate(alder);
  await scim.deactivate(birch);
  await scim.deactivate(cedar);
  await scim.remove(damson);
  await scim.deactivate(elm);
  expect([await statusOf(alder), await statusOf(birch)]).toEqual(['TERMINATED', 'TERMINATED']);
  expect([await statusOf(cedar), await statusOf(damson), await statusOf(elm)]).toEqual([
    'ACTIVE',
    'ACTIVE',
    'ACTIVE',
  ]);

  await page.goto('/admin/mass-change');
  const held = page.getByRole('main').getByRole('region', { name: 'Held from SCIM (IdP)' });
  await expect(held.getByRole('heading', { name: 'SCIM (IdP): 3 deactivations held' })).toBeVisible();
  const table = held.getByRole('table', { name: 'Deactivations held from SCIM (IdP)' });
  await expect(table.getByRole('row', { name: new RegExp(`Pat ${names[2]}`) })).toContainText(
    'active = false (PATCH)',
  );
  await expect(table.getByRole('row', { name: new RegExp(`Pat ${names[3]}`) })).toContainText('User deleted');
  await expect(table.getByRole('row', { name: new RegExp(`Pat ${names[4]}`) })).toBeVisible();
  await expect(table.getByRole('row', { name: new RegExp(`Pat ${names[0]}`) })).toHaveCount(0);
  await shot(page, 'mass-change-held');

  // Release: the question names the count and the source, and a reason is required.
  await held.getByRole('button', { name: 'Apply all' }).click();
  const apply = page.getByRole('alertdialog', { name: 'Apply 3 deactivations from SCIM (IdP)?' });
  await apply.getByRole('button', { name: 'Apply deactivations' }).click();
  await expect(apply).toBeVisible();
  expect(await statusOf(cedar)).toBe('ACTIVE');
  await apply.getByRole('textbox', { name: /^Reason/ }).fill('The contractors of the closed Leeds office');
  await apply.getByRole('button', { name: 'Apply deactivations' }).click();
  await expect(apply).toBeHidden();
  await expect(page.getByRole('main').getByText('Applied 3 deactivations.')).toBeVisible();
  await expect(page.getByRole('main').getByText('Nothing is held', { exact: true })).toBeVisible();
  expect([await statusOf(cedar), await statusOf(damson), await statusOf(elm)]).toEqual([
    'TERMINATED',
    'TERMINATED',
    'TERMINATED',
  ]);
  expect((await scim.get(damson)).status()).toBe(404);
  const confirmed = await sql<{ subjectId: string }>(
    `SELECT "subjectId" FROM "AuditEvent" WHERE action = 'scim.deactivation_confirmed' AND "subjectId" = ANY($1::uuid[])`,
    [[cedar, damson, elm]],
  );
  expect(confirmed).toHaveLength(3);

  // The window still counts the burst: the next deactivation is held at once, and discarded.
  await scim.deactivate(fir);
  await page.reload();
  await expect(held.getByRole('heading', { name: 'SCIM (IdP): 1 deactivation held' })).toBeVisible();
  await held.getByRole('button', { name: 'Discard all' }).click();
  const discard = page.getByRole('alertdialog', { name: 'Discard 1 deactivation from SCIM (IdP)?' });
  await discard.getByRole('textbox', { name: /^Reason/ }).fill('Okta unassigned the wrong group');
  await discard.getByRole('button', { name: 'Discard deactivations' }).click();
  await expect(
    page.getByRole('main').getByText(/^Discarded 1 deactivation: correct them in the identity provider/),
  ).toBeVisible();
  await expect(page.getByRole('main').getByText('Nothing is held', { exact: true })).toBeVisible();
  expect(await statusOf(fir)).toBe('ACTIVE');
  expect(((await (await scim.get(fir)).json()) as { active: boolean }).active).toBe(true);
});

test('a mapping edit that would rewrite too many accounts is confirmed with a reason in the browser', async ({
  page,
}) => {
  // The guard is still the first test's (from 3 people, beyond 1%): the tests run in order.
  await signInAs(page, 'ivy');
  await page.goto(`/admin/applications/${appId}`);
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { name: appName, level: 1 })).toBeVisible();
  await main.getByRole('tab', { name: 'Attribute mapping' }).click();
  await main.getByRole('textbox', { name: 'Template for email' }).fill('{username}@visitors.acme.test');

  // Before saving, the editor says whose accounts change and that the guard will ask.
  await expect(
    main.getByText(/^Saving rewrites the accounts of 4 people of 4 \(e\.g\. Ana Visitor/),
  ).toContainText('That is more than the mass-change guard allows');
  const reason = main.getByRole('textbox', { name: /^Reason for this change/ });
  await expect(reason).toBeVisible();
  await expect(
    main.getByText(
      /^This would change the accounts of 4 of \d+ people \(\d+(\.\d)?%\)\. Confirm to apply\.$/,
    ),
  ).toBeVisible();

  // Without a reason the server holds the save: nothing is stored.
  await main.getByRole('button', { name: 'Save changes' }).click();
  await expect(main.getByText(/^This would change the accounts of 4 of \d+ people/)).toBeVisible();
  const stored = async () =>
    (
      await sql<{ mapping: { attributes: Record<string, string> } }>(
        'SELECT "attributeMapping" AS mapping FROM "Application" WHERE id = $1',
        [appId],
      )
    )[0]?.mapping.attributes.email;
  expect(await stored()).toBe('{email}');
  await shot(page, 'mapping-edit-held');

  await reason.fill('Visitors get badge logins under their username');
  await main.getByRole('button', { name: 'Save changes' }).click();
  await expect(main.getByText(/^Saved\./)).toBeVisible();
  expect(await stored()).toBe('{username}@visitors.acme.test');
  const audit = await sql<{ reason: string }>(
    `SELECT after->>'reason' AS reason FROM "AuditEvent" WHERE action = 'application.mass_change_confirmed' AND "entityId" = $1`,
    [appId],
  );
  expect(audit).toEqual([{ reason: 'Visitors get badge logins under their username' }]);
});

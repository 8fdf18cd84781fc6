import crypto from 'node:crypto';
import { expect, signInAs, test } from './fixtures.ts';
import { sql } from './governance-fixtures.ts';

// A manager and a report of this spec's own (a suffix per run, so neither the demo's people nor
// another spec's are touched), the report holding one entitlement of the spec's own by an ADMIN grant.
// Nothing is deleted afterwards: grants and audit events keep their history.

const suffix = crypto.randomUUID().slice(0, 8);
const manager = { username: `mona-${suffix}`, name: `Mona Revoke${suffix}` };
const report = { username: `rex-${suffix}`, name: `Rex Revoke${suffix}` };
const item = `Spec Ledger ${suffix}`;
const ids: Record<string, string> = {};
const one = async (text: string, values: unknown[] = []) => (await sql<{ id: string }>(text, values))[0]!.id;
const person = (p: { username: string; name: string }, managerId: string | null) =>
  one(
    `INSERT INTO "Identity" (id, username, email, "firstName", "lastName", "displayName", department, title, "managerId", "updatedAt")
     VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, 'Finance', 'Analyst', $6, now()) RETURNING id`,
    [p.username, `${p.username}@acme.test`, ...p.name.split(' '), p.name, managerId],
  );

test.beforeAll(async () => {
  ids.manager = await person(manager, null);
  ids.report = await person(report, ids.manager);
  const app = await one(`SELECT id FROM "Application" WHERE name = 'Corporate Directory'`);
  ids.entitlement = await one(
    `INSERT INTO "Entitlement" (id, "applicationId", "externalId", name, risk, "updatedAt")
     VALUES (gen_random_uuid(), $1, $2, $3, 'MEDIUM', now()) RETURNING id`,
    [app, `cn=spec-ledger-${suffix},ou=groups,dc=acme,dc=test`, item],
  );
  ids.grant = await one(
    `INSERT INTO "Grant" (id, "identityId", "entitlementId", source, status, "updatedAt")
     VALUES (gen_random_uuid(), $1, $2, 'ADMIN', 'ACTIVE', now()) RETURNING id`,
    [ids.report, ids.entitlement],
  );
});

test('a manager revokes a report’s access from My team with a reason; the report no longer holds it', async ({
  browser,
}) => {
  const rex = await (await browser.newContext()).newPage();
  await signInAs(rex, report.username);
  await rex.goto('/access');
  await expect(rex.locator(`li[data-entitlement="${item}"]`)).toHaveCount(1);

  const mona = await (await browser.newContext()).newPage();
  await signInAs(mona, manager.username);
  await mona.goto('/team');
  const section = mona.getByRole('region', { name: report.name });
  const row = section.locator(`li[data-entitlement="${item}"]`);
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: 'Revoke…' }).click();
  const dialog = mona.getByRole('alertdialog', { name: `Revoke ${item} from ${report.name}?` });
  await dialog.getByLabel(/Why/).fill('Moved to the treasury team; the ledger is no longer theirs.');
  await dialog.getByRole('button', { name: 'Revoke', exact: true }).click();

  // The list has reloaded without it (Rex's last access) and the notice naming him is still there.
  await expect(row).toHaveCount(0);
  await expect(section.getByText('No access.')).toBeVisible();
  await expect(mona.getByText(`${item} revoked from ${report.name}`)).toBeVisible();
  await expect(mona.getByText(new RegExp(`and ${report.name} is told`))).toBeVisible();
  const [grant] = await sql<{ status: string; revokeReason: string; endedAt: Date | null }>(
    `SELECT status, "revokeReason", "endedAt" FROM "Grant" WHERE id = $1`,
    [ids.grant],
  );
  expect(grant).toMatchObject({
    status: 'REVOKED',
    revokeReason: 'Moved to the treasury team; the ledger is no longer theirs.',
  });
  expect(grant?.endedAt).not.toBeNull();

  await rex.reload();
  await expect(rex.getByRole('heading', { name: 'My access' })).toBeVisible();
  await expect(rex.locator(`li[data-entitlement="${item}"]`)).toHaveCount(0);
});

import type { Page } from '@playwright/test';
import { expect, runtime, screenshot, signInAs, test } from './fixtures.ts';
import { sql } from './governance-fixtures.ts';

// Only records of its own: an LDAP application this spec creates (disabled, so no worker ever
// provisions through it) under a key no other spec uses. ivy runs the identity team's pages.

const shot = (page: Page, name: string) => screenshot(page, `connector-settings/${name}`, { phone: true });

test('an LDAP application is created through the settings form and its connection tested against the directory', async ({
  page,
}) => {
  const { directory } = runtime();
  await signInAs(page, 'ivy');
  await page.goto('/admin/applications/new');
  await expect(page.getByRole('heading', { name: 'New application', level: 1 })).toBeVisible();

  // The key follows the name until it is edited.
  await page.getByRole('textbox', { name: /^Name/ }).fill('Lab Directory (E2E)');
  await expect(page.getByRole('textbox', { name: /^Key/ })).toHaveValue('lab-directory-e2e');

  // No JSON box: the LDAP settings are fields, with examples only as placeholders.
  await expect(page.getByRole('textbox', { name: /Connection settings/ })).toHaveCount(0);
  const url = page.getByRole('textbox', { name: /^Server URL/ });
  await expect(url).toHaveValue('');
  await expect(url).toHaveAttribute('placeholder', 'ldap://ldap.example.com:389');

  // Saving with the required settings empty points at them and sends nothing.
  await page.getByRole('button', { name: 'Create application' }).click();
  await expect(page.getByText('Server URL is required.', { exact: true })).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/applications\/new$/);

  await url.fill(directory.url);
  await page.getByRole('textbox', { name: /^Bind DN/ }).fill(directory.bindDn);
  await page.getByRole('textbox', { name: /^Base DN/ }).fill(directory.baseDn);
  await page.getByLabel('Bind password', { exact: true }).fill(directory.bindPassword);
  await page.getByRole('checkbox', { name: 'Enabled' }).uncheck();
  await shot(page, 'application-new-ldap');
  await page.getByRole('button', { name: 'Create application' }).click();
  await expect(page.getByRole('heading', { name: 'Lab Directory (E2E)', level: 1 })).toBeVisible();

  // Stored: the fields show what was saved, the password only as "set".
  await expect(page.getByRole('textbox', { name: /^Server URL/ })).toHaveValue(directory.url);
  await expect(page.getByRole('textbox', { name: /^People OU/ })).toHaveValue('ou=people');
  await expect(page.getByLabel('Bind password', { exact: true })).toHaveValue('');
  await expect(page.getByText('set', { exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Test connection' }).click();
  const result = page.getByRole('status', { name: 'Connection test result' });
  await expect(result).toContainText('Connection ok', { timeout: 30_000 });
  await shot(page, 'application-ldap-settings');

  // A stored setting this version's rules refuse (as an older version let it be saved) is named by its
  // field's label, not its key, and marked under that field, "More settings" opened to show it.
  await sql(
    `UPDATE "Application" SET config = config || '{"usernameAttribute": "uid)(cn=*"}'::jsonb WHERE key = 'lab-directory-e2e'`,
  );
  await page.reload();
  const rule = 'must be an attribute name (letters, digits and -, starting with a letter)';
  await expect(
    page.getByRole('main').getByText(`Username attribute: ${rule}`, { exact: true }),
  ).toBeVisible();
  const username = page.getByRole('textbox', { name: /^Username attribute/ });
  await expect(username).toHaveValue('uid)(cn=*');
  await expect(username).toHaveAttribute('aria-invalid', 'true');
  await expect(username).toHaveAccessibleDescription(new RegExp(rule.replace(/[()]/g, '\\$&')));
  await shot(page, 'application-stored-setting-refused');
  // Fixed and saved, the stored settings pass again: no notice, no mark.
  await username.fill('uid');
  await expect(username).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').getByText('Saved.', { exact: true })).toBeVisible();
  await expect(page.getByText(/The stored settings break a rule/)).toHaveCount(0);

  // The guard's page: its settings, and nothing held from SCIM in the demo.
  await page.goto('/admin/mass-change');
  await expect(page.getByRole('heading', { name: 'Mass-change guard', level: 1 })).toBeVisible();
  await expect(page.getByRole('textbox', { name: /^Share of people/ })).toHaveValue('10');
  await expect(page.getByText('Nothing is held', { exact: true })).toBeVisible();
  await shot(page, 'mass-change-guard');
});

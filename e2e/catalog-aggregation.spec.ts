import type { Page } from '@playwright/test';
import { Client } from 'ldapts';
import { expect, runtime, screenshot, signInAs, test } from './fixtures.ts';

// Only this spec touches its own group (e2e-agg-*) in the demo directory; ivy runs the identity team's pages.

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

const shot = (page: Page, name: string) => screenshot(page, `catalog/${name}`, { phone: true });

test('identity team: a group added in the directory arrives unreviewed, is reviewed in the form, and is flagged when deleted', async ({
  page,
}) => {
  const cn = `e2e-agg-${Date.now().toString(36)}`;
  await directory((c, baseDn) =>
    c.add(`cn=${cn},ou=groups,${baseDn}`, {
      objectClass: ['top', 'groupOfNames'],
      cn,
      description: 'Exports for the auditors',
      member: [`cn=nobody,${baseDn}`],
    }),
  );
  await signInAs(page, 'ivy');
  await page.goto('/admin/applications');
  await page.getByRole('link', { name: /Corporate Directory/ }).click();
  await page.getByRole('tab', { name: 'Entitlements' }).click();
  await page.getByRole('button', { name: 'Read from the application' }).click();
  await expect(
    page.getByText(/Found \d+ in the application; 1 new, not requestable until you review them\./),
  ).toBeVisible();

  await page.getByRole('combobox', { name: 'Show' }).selectOption('unreviewed');
  const table = page.getByRole('table', { name: 'Entitlements' });
  const row = table.getByRole('row', { name: new RegExp(cn) });
  await expect(row).toContainText('Unreviewed');
  await expect(row.getByText('No', { exact: true })).toBeVisible();
  await shot(page, 'entitlements-unreviewed');

  await row.getByRole('button', { name: `Edit ${cn}` }).click();
  const dialog = page.getByRole('dialog', { name: `Edit ${cn}` });
  await expect(dialog).toContainText('saving marks it reviewed');
  await dialog.getByRole('textbox', { name: /^Name/ }).fill('Auditor exports');
  await dialog.getByRole('combobox', { name: 'Risk' }).selectOption('MEDIUM');
  await dialog.getByRole('checkbox', { name: 'Requestable' }).check();
  await dialog.getByRole('button', { name: 'Save entitlement' }).click();
  await expect(page.getByText('Saved “Auditor exports”.')).toBeVisible();
  await expect(table.getByRole('row', { name: /Auditor exports/ })).toHaveCount(0);

  await page.getByRole('combobox', { name: 'Show' }).selectOption('all');
  const reviewed = table.getByRole('row', { name: /Auditor exports/ });
  await expect(reviewed).not.toContainText('Unreviewed');
  await expect(reviewed.getByText('Yes', { exact: true })).toBeVisible();

  // Deleted in the directory: the next read flags it and takes it out of the catalog.
  await directory((c, baseDn) => c.del(`cn=${cn},ou=groups,${baseDn}`));
  await page.getByRole('button', { name: 'Read from the application' }).click();
  await expect(page.getByText(/nothing new; 1 gone \(0 grants ended\)\./)).toBeVisible();
  await page.getByRole('combobox', { name: 'Show' }).selectOption('vanished');
  const gone = table.getByRole('row', { name: /Auditor exports/ });
  await expect(gone.getByText('Gone', { exact: true })).toHaveAttribute(
    'title',
    /^Gone from the application since /,
  );
  await expect(gone.getByText('No', { exact: true })).toBeVisible();
  await shot(page, 'entitlements-vanished');
});

import { Attribute, Change, Client } from 'ldapts';
import { sql } from './governance-fixtures.ts';
import type { Page } from '@playwright/test';
import { expect, runtime, screenshot, signInAs, test } from './fixtures.ts';

// Yuki is nobody else's: this spec gives her directory account a password it knows, changes it
// through My access at a desktop's and a phone's width, and puts the account back as it found it.

const START = 'Yuki-start-pass-1';
const SECOND = 'Yuki-second-pass-2';
const THIRD = 'Yuki-third-pass-3';

type TSaved = { dn: string; userPassword: string[]; pwdReset: string[] };
let saved: TSaved | null = null;

async function asRoot<T>(fn: (c: Client, baseDn: string) => Promise<T>): Promise<T> {
  const { directory } = runtime();
  const client = new Client({ url: directory.url });
  try {
    await client.bind(directory.bindDn, directory.bindPassword);
    return await fn(client, directory.baseDn);
  } finally {
    await client.unbind();
  }
}

const values = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(String);

async function canBind(dn: string, password: string): Promise<boolean> {
  const client = new Client({ url: runtime().directory.url });
  try {
    await client.bind(dn, password);
    return true;
  } catch {
    return false;
  } finally {
    await client.unbind().catch(() => {});
  }
}

const replace = (type: string, vals: string[]) =>
  new Change({ operation: 'replace', modification: new Attribute({ type, values: vals }) });

test.beforeAll(async () => {
  saved = await asRoot(async (c, baseDn) => {
    const { searchEntries } = await c.search(`ou=people,${baseDn}`, {
      filter: '(uid=yuki)',
      attributes: ['userPassword', 'pwdReset'],
    });
    const entry = searchEntries[0];
    if (!entry) throw new Error('the demo directory has no account for yuki');
    await c.modify(entry.dn, replace('userPassword', [START]));
    return { dn: entry.dn, userPassword: values(entry.userPassword), pwdReset: values(entry.pwdReset) };
  });
});

test.afterAll(async () => {
  const s = saved;
  if (!s) return;
  await asRoot(async (c) => {
    await c.modify(s.dn, [replace('userPassword', s.userPassword), replace('pwdReset', s.pwdReset)]);
  });
});

async function openDialog(page: Page) {
  await page.goto('/access');
  const header = page
    .locator('header')
    .filter({ has: page.getByRole('heading', { name: 'Corporate Directory', exact: true }) });
  await header.getByRole('button', { name: 'Set password…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Set a new password for Corporate Directory' });
  await expect(dialog).toBeVisible();
  // The directory's own rules, read from its ppolicy entry.
  await expect(dialog.getByText('At least 8 characters.')).toBeVisible();
  await expect(dialog.getByText('Not one of your last 5 passwords.')).toBeVisible();
  return dialog;
}

test('an employee sets a new directory password from My access, at 1440 px', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInAs(page, 'yuki');
  const dialog = await openDialog(page);
  await screenshot(page, 'password-01-dialog-1440', { fullPage: false });

  // Checked in the browser first: too short, and the two new ones differ.
  await dialog.getByLabel(/^Current password/).fill(START);
  await dialog.getByLabel(/^New password \*/).fill('short');
  await dialog.getByLabel(/^New password again/).fill('short');
  await dialog.getByRole('button', { name: 'Set password' }).click();
  await expect(dialog.getByText('At least 8 characters.', { exact: true }).last()).toBeVisible();
  await dialog.getByLabel(/^New password \*/).fill(SECOND);
  await dialog.getByLabel(/^New password again/).fill(`${SECOND}x`);
  await dialog.getByRole('button', { name: 'Set password' }).click();
  await expect(dialog.getByText('The two new passwords are not the same.')).toBeVisible();

  // The directory decides about the current password: a wrong one is refused at its field.
  await dialog.getByLabel(/^Current password/).fill('not-my-password');
  await dialog.getByLabel(/^New password again/).fill(SECOND);
  await dialog.getByRole('button', { name: 'Set password' }).click();
  await expect(dialog.getByText('The directory did not accept your current password.')).toBeVisible();
  expect(await canBind(saved!.dn, START)).toBe(true);

  await dialog.getByLabel(/^Current password/).fill(START);
  await dialog.getByRole('button', { name: 'Set password' }).click();
  await expect(
    dialog.getByText('Your password in Corporate Directory is changed.', { exact: false }),
  ).toBeVisible();
  await screenshot(page, 'password-02-done-1440', { fullPage: false });
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
  expect(await canBind(saved!.dn, SECOND)).toBe(true);
  expect(await canBind(saved!.dn, START)).toBe(false);
});

test('the same at a phone’s width, and the directory’s history rule named when it refuses', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(page, 'yuki');
  const dialog = await openDialog(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(page, 'password-03-dialog-390');

  // The first password is in the directory's history: the directory refuses, and says why.
  await dialog.getByLabel(/^Current password/).fill(SECOND);
  await dialog.getByLabel(/^New password \*/).fill(START);
  await dialog.getByLabel(/^New password again/).fill(START);
  await dialog.getByRole('button', { name: 'Set password' }).click();
  await expect(dialog.getByText(/^It is one of your last 5 passwords/)).toBeVisible();
  expect(await canBind(saved!.dn, SECOND)).toBe(true);

  await dialog.getByLabel(/^New password \*/).fill(THIRD);
  await dialog.getByLabel(/^New password again/).fill(THIRD);
  await dialog.getByRole('button', { name: 'Set password' }).click();
  await expect(
    dialog.getByText('Your password in Corporate Directory is changed.', { exact: false }),
  ).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await canBind(saved!.dn, THIRD)).toBe(true);
});

test('the identity team forces a reset at next sign-in from the person’s page, with a reason', async ({
  page,
}) => {
  const [person] = await sql<{ id: string }>(`SELECT id::text FROM "Identity" WHERE username = 'yuki'`);
  await signInAs(page, 'ivy');
  await page.goto(`/admin/identities/${person!.id}`);
  const card = page.getByRole('region', { name: 'Passwords' });
  await card.getByRole('button', { name: 'Force password reset at next sign-in…' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Force a password reset in Corporate Directory?' });
  await confirm.getByRole('button', { name: 'Force reset' }).click();
  await expect(confirm.getByText('Say why: it goes on the record.')).toBeVisible();
  await confirm.getByLabel(/Reason/).fill('Typed into a phishing page');
  await confirm.getByRole('button', { name: 'Force reset' }).click();
  await expect(confirm).toBeHidden();
  await expect(card.getByRole('status')).toContainText('must choose a new password in Corporate Directory');
  const reset = await asRoot(async (c) =>
    values(
      (await c.search(saved!.dn, { scope: 'base', attributes: ['pwdReset'] })).searchEntries[0]?.pwdReset,
    ),
  );
  expect(reset).toEqual(['TRUE']);
});

import { Client } from 'ldapts';
import {
  expect,
  fillDate,
  fillPicker,
  groupMembers,
  openPerson,
  runtime,
  screenshot,
  signInAs,
  test,
} from './fixtures.ts';

// Cora is nobody else's: a contractor only this spec adds, grants access to and terminates.

/** Whether the real slapd has locked the entry (the LDAP connector's disable: pwdAccountLockedTime). */
async function isLocked(dn: string): Promise<boolean> {
  const { directory } = runtime();
  const client = new Client({ url: directory.url });
  try {
    await client.bind(directory.bindDn, directory.bindPassword);
    const { searchEntries } = await client.search(dn, {
      scope: 'base',
      attributes: ['pwdAccountLockedTime'],
    });
    const value = searchEntries[0]?.pwdAccountLockedTime;
    return Array.isArray(value) ? value.length > 0 : Boolean(value);
  } catch {
    return false;
  } finally {
    await client.unbind();
  }
}

test('the identity team adds a contractor by hand, grants them access directly, then terminates them now', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const { directory } = runtime();
  const dn = `uid=cora.vance,ou=people,${directory.baseDn}`;
  await signInAs(page, 'ivy');

  // Add a person: a contractor no HR source knows. Birthright (All Staff) reaches the directory.
  await page.goto('/admin/identities');
  await page.getByRole('link', { name: 'Add a person' }).click();
  await expect(page.getByRole('heading', { name: 'Add a person' })).toBeVisible();
  await page.getByLabel(/Given name/).fill('Cora');
  await page.getByLabel(/Family name/).fill('Vance');
  await page.getByLabel(/Email/).fill('cora.vance@contractors.example');
  await page.getByLabel('Type').selectOption('CONTRACTOR');
  await page.getByLabel('Department').fill('Facilities');
  await page.getByLabel('Title').fill('Building systems contractor');
  await fillDate(page, 'End date', '2099-12-31');
  await expect(page.getByLabel('Username')).toHaveValue('cora.vance');
  await screenshot(page, 'people-01-add-person');
  await page.getByRole('button', { name: 'Add person' }).click();

  await expect(page.getByRole('heading', { name: 'Cora Vance' })).toBeVisible();
  await expect(page.getByText('Added by the identity team')).toBeVisible();
  await expect.poll(() => groupMembers('all-staff'), { timeout: 60_000 }).toContain(dn);
  expect(await isLocked(dn)).toBe(false);

  // A direct grant, with a reason: it reaches the directory through provisioning.
  await page.getByRole('button', { name: 'Grant access…' }).click();
  const grant = page.getByRole('dialog', { name: 'Grant access to Cora Vance' });
  await fillPicker(grant.getByRole('combobox', { name: /Entitlement or role/ }), 'sales crm');
  await page.getByRole('option', { name: /Sales CRM Users/ }).click();
  await grant.getByLabel(/Reason/).fill('Maintains the CRM kiosk in the lobby');
  // The end date is a UTC day (days.ts), and the hint says so, as every other date field does.
  await expect(grant.getByText('The access ends at the end of that day, UTC.')).toBeVisible();
  await screenshot(page, 'people-02-grant');
  await grant.getByRole('button', { name: 'Grant', exact: true }).click();
  await expect(grant).toBeHidden();
  const grants = page.getByRole('list', { name: 'Grants in force' });
  await expect(grants.getByText(/Sales CRM Users/)).toBeVisible();
  await expect(grants.getByText(/granted directly/)).toBeVisible();
  await expect.poll(() => groupMembers('sales-crm'), { timeout: 60_000 }).toContain(dn);

  // Terminate now: a reason is required; the consequences are spelt out before anything happens.
  await page.getByRole('button', { name: 'Terminate now…' }).click();
  const terminate = page.getByRole('dialog', { name: 'Terminate now: Cora Vance' });
  await expect(terminate.getByText(/directory account is locked/)).toBeVisible();
  await expect(terminate.getByRole('button', { name: 'Terminate now' })).toBeDisabled();
  await terminate.getByLabel(/Reason/).fill('Contract ended early: badge returned');
  await screenshot(page, 'people-03-terminate');
  await terminate.getByRole('button', { name: 'Terminate now' }).click();
  await expect(terminate).toBeHidden();
  await expect(page.getByText('Left', { exact: true })).toBeVisible();
  await expect(grants.getByText(/Sales CRM Users/)).toBeHidden();

  // The real directory: the account is locked and its groups are gone.
  await expect.poll(() => isLocked(dn), { timeout: 60_000 }).toBe(true);
  await expect.poll(() => groupMembers('sales-crm'), { timeout: 30_000 }).not.toContain(dn);
  await expect.poll(() => groupMembers('all-staff'), { timeout: 30_000 }).not.toContain(dn);
  await page.reload();
  await expect(
    page
      .getByRole('list', { name: 'Lifecycle history' })
      .getByText(/terminated Cora Vance by hand: Contract ended early/),
  ).toBeVisible();
  await screenshot(page, 'people-04-terminated');
});

test('nobody terminates themselves: the switches are not offered on your own page', async ({ page }) => {
  await signInAs(page, 'ivy');
  await openPerson(page, 'Ivy Chen', 'Ivy Chen');
  await expect(page.getByRole('button', { name: 'Terminate now…' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Grant access…' })).toHaveCount(0);
});

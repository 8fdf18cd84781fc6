import { expect, screenshot, signInAs, test } from './fixtures.ts';

// Ivy (identity team) owns the rule this spec creates; it is made switched off, so no request another
// spec sends meets it, and deleted by the spec itself.
const ruleName = `UI spec rule ${Date.now().toString(36)}`;

test('a field shows its error before sending; deleting an SoD rule asks, Escape keeps it, confirming deletes it', async ({ page }) => {
  await signInAs(page, 'ivy');
  await page.goto('/admin/sod-rules');
  const opener = page.getByRole('button', { name: 'New rule' });
  await opener.click();
  const editor = page.getByRole('dialog', { name: 'New rule' });
  const name = editor.getByRole('textbox', { name: /^Name/ });

  // Nothing is sent without a name: the error is at the field, which says it is invalid.
  await editor.getByRole('button', { name: 'Create rule' }).click();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toHaveAccessibleDescription('Give the rule a name.');
  await expect(name).toBeFocused();
  await screenshot(page, 'ui-01-field-error');
  await name.fill(ruleName);
  await expect(name).not.toHaveAttribute('aria-invalid', 'true');

  const sideA = editor.getByRole('group', { name: /Side A/ });
  await sideA.getByRole('searchbox').fill('general ledger');
  await sideA.getByRole('checkbox', { name: /^General Ledger Admin ·/ }).check();
  const sideB = editor.getByRole('group', { name: /Side B/ });
  await sideB.getByRole('searchbox').fill('accounts payable');
  await sideB.getByRole('checkbox', { name: /^Accounts Payable ·/ }).check();
  await editor.getByRole('checkbox', { name: 'On' }).uncheck();
  await editor.getByRole('button', { name: 'Create rule' }).click();
  await expect(editor).toHaveCount(0);
  const rule = page.getByRole('article', { name: ruleName });
  await expect(rule.getByText('Off', { exact: true })).toBeVisible();

  // Asked first; Escape is "no": the rule stays and focus is back on the button that asked.
  const del = rule.getByRole('button', { name: 'Delete…' });
  await del.click();
  const confirm = page.getByRole('alertdialog', { name: `Delete the rule “${ruleName}”?` });
  await expect(confirm).toContainText('Nobody is checked against it any more');
  await screenshot(page, 'ui-02-confirm-delete');
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(rule).toBeVisible();
  await expect(del).toBeFocused();

  // Focus stays inside while it is open.
  await del.click();
  for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
  await expect(confirm.locator(':focus')).toHaveCount(1);

  await confirm.getByRole('button', { name: 'Delete rule' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(page.getByRole('article', { name: ruleName })).toHaveCount(0);
});

test('tabs move with the arrow keys, and the panel follows', async ({ page }) => {
  await signInAs(page, 'ivy');
  await page.goto('/admin/approval-policies');
  const tabs = page.getByRole('tablist', { name: 'Approval policies' });
  const policies = tabs.getByRole('tab', { name: 'Policies' });
  await expect(policies).toHaveAttribute('aria-selected', 'true');
  await policies.focus();

  await page.keyboard.press('ArrowRight');
  const attached = tabs.getByRole('tab', { name: 'Attached to' });
  await expect(attached).toBeFocused();
  await expect(attached).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel', { name: 'Attached to' }).getByRole('table', { name: 'Entitlements and roles with their approval policy' })).toBeVisible();

  await page.keyboard.press('End');
  await expect(tabs.getByRole('tab', { name: 'Request settings' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(policies).toBeFocused();
  await expect(policies).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowLeft');
  await expect(tabs.getByRole('tab', { name: 'Request settings' })).toBeFocused();
});

test('the attachments table filters, sorts by risk and selects rows', async ({ page }) => {
  await signInAs(page, 'ivy');
  await page.goto('/admin/approval-policies');
  await page.getByRole('tab', { name: 'Attached to' }).click();
  const table = page.getByRole('table', { name: 'Entitlements and roles with their approval policy' });
  await page.getByRole('searchbox', { name: 'Filter entitlements and roles' }).fill('payroll');
  await expect(table.getByRole('row', { name: /Payroll/ }).first()).toBeVisible();
  await expect(table.getByRole('row', { name: /Finance Reporting/ })).toHaveCount(0);
  await page.getByRole('searchbox', { name: 'Filter entitlements and roles' }).fill('');

  const risk = table.getByRole('columnheader', { name: /Risk/ });
  await expect(risk).toHaveAttribute('aria-sort', 'none');
  await risk.getByRole('button').click();
  await expect(risk).toHaveAttribute('aria-sort', 'ascending');
  await risk.getByRole('button').click();
  await expect(risk).toHaveAttribute('aria-sort', 'descending');
  await expect(table.getByRole('row').nth(1)).toContainText('High risk');

  await table.getByRole('checkbox', { name: 'Select Payroll' }).check();
  await expect(page.getByRole('form', { name: 'Attach the selected' })).toContainText('1 selected');
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'ui-03-attachments-390');
  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(page.getByRole('form', { name: 'Attach the selected' })).toHaveCount(0);
});

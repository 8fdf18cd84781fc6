import { expect, fillPicker, screenshot, signInAs, test } from './fixtures.ts';

// Creates its own team and policy (named with a run suffix, read by nothing else) and deletes both at
// the end. It adds Greta and Kofi to that team only: no other spec's people or policies change.

test('the identity admin creates a team, staffs it, names it in a policy and sees where it is used', async ({
  page,
}) => {
  const run = Date.now().toString(36);
  const teamName = `Payroll approvers ${run}`;
  const teamKey = `payroll-approvers-${run}`;
  const policyName = `Payroll access ${run}`;
  await signInAs(page, 'ivy');

  await page.goto('/admin/teams');
  // Each team is a card that opens it (its link's name is everything the card says).
  await expect(
    page
      .getByRole('list', { name: 'Teams' })
      .getByRole('link', { name: /^Security reviewers security-reviewers/ }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'New team' }).click();
  const form = page.getByRole('dialog', { name: 'New team' });
  await form.getByRole('textbox', { name: 'Name' }).fill(teamName);
  // The key follows the name.
  await expect(form.getByRole('textbox', { name: 'Key' })).toHaveValue(teamKey);
  await form.getByRole('combobox', { name: 'Purpose' }).selectOption({ label: 'Approver pool' });
  await form.getByRole('textbox', { name: 'Description' }).fill('Approve access to payroll.');
  await form.getByRole('button', { name: 'Create team' }).click();

  await expect(page.getByRole('heading', { name: teamName, level: 1 })).toBeVisible();
  const members = page.getByRole('list', { name: 'Members' });
  for (const [search, name] of [
    ['Greta', 'Greta Lindqvist'],
    ['Kofi', 'Kofi Mensah'],
  ] as const) {
    await fillPicker(page.getByRole('combobox', { name: 'Add a person' }), search);
    await page.getByRole('option', { name: new RegExp(name) }).click();
    await page.getByRole('button', { name: 'Add to team' }).click();
    await expect(members.getByText(name)).toBeVisible();
  }
  await expect(page.getByRole('heading', { name: 'Members · 2 people' })).toBeVisible();
  await expect(page.getByText('Nothing uses this team yet')).toBeVisible();
  await screenshot(page, 'teams-01-team');

  // The policy editor offers the new team for a stage.
  await page.goto('/admin/approval-policies');
  await page.getByRole('button', { name: 'New policy' }).click();
  const editor = page.getByRole('dialog', { name: 'New approval policy' });
  await editor.getByRole('textbox', { name: 'Name *', exact: true }).fill(policyName);
  await editor.getByRole('textbox', { name: 'Key' }).fill(`payroll-access-${run}`);
  const stage = editor.getByRole('group', { name: 'Stage 1' });
  await stage.getByRole('combobox', { name: 'Add a team' }).selectOption({ label: `${teamName} (2)` });
  await stage.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(stage.getByRole('button', { name: `Remove team ${teamKey}` })).toBeVisible();
  await editor.getByRole('button', { name: 'Create policy' }).click();
  await expect(
    page.getByRole('article', { name: policyName }).getByText(new RegExp(`the ${teamName} team`)),
  ).toBeVisible();

  // The team shows where it is used, and cannot be deleted while it is.
  await page.goto('/admin/teams');
  const card = page.getByRole('list', { name: 'Teams' }).getByRole('link', { name: new RegExp(teamName) });
  await expect(card.getByText('1 policy')).toBeVisible();
  await expect(card.getByText('2 people')).toBeVisible();
  await screenshot(page, 'teams-00-list', { phone: true });
  await card.click();
  const usedBy = page.getByRole('list', { name: 'Used by' });
  await expect(usedBy.getByRole('link', { name: policyName })).toHaveAttribute(
    'href',
    '/admin/approval-policies',
  );
  await screenshot(page, 'teams-02-used');
  await page.getByRole('button', { name: 'Delete…' }).click();
  const refused = page.getByRole('alertdialog', { name: `Delete the team “${teamName}”?` });
  await refused.getByRole('button', { name: 'Delete team' }).click();
  // The refusal is shown where the question was asked.
  await expect(
    refused.getByText(new RegExp(`still used by the approval policy “${policyName}”`)),
  ).toBeVisible();
  await refused.getByRole('button', { name: 'Keep it' }).click();

  // Removal asks first.
  await members.getByRole('button', { name: 'Remove Kofi Mensah…' }).click();
  await page
    .getByRole('alertdialog', { name: 'Remove Kofi Mensah from the team?' })
    .getByRole('button', { name: 'Remove from team' })
    .click();
  await expect(members.getByText('Kofi Mensah')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Members · 1 person' })).toBeVisible();

  // Clean up: the policy, then the team it used.
  await page.goto('/admin/approval-policies');
  await page.getByRole('article', { name: policyName }).getByRole('button', { name: 'Delete…' }).click();
  await page
    .getByRole('alertdialog', { name: `Delete the policy “${policyName}”?` })
    .getByRole('button', { name: 'Delete policy' })
    .click();
  await expect(page.getByRole('article', { name: policyName })).toHaveCount(0);
  await page.goto('/admin/teams');
  await page.getByRole('link', { name: teamName }).click();
  await page.getByRole('button', { name: 'Delete…' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete team' }).click();
  await expect(page).toHaveURL(/\/admin\/teams$/);
  await expect(page.getByRole('link', { name: teamName })).toHaveCount(0);
});

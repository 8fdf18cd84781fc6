import AxeBuilder from '@axe-core/playwright';
import { SlackEmulator } from '../server/testing/slack-emulator/slack-emulator.ts';
import { expect, signInAs, test } from './fixtures.ts';

// Only the organisation's Slack settings, which no other spec reads; they are left turned off, so no
// other spec's approvals go to Slack. ivy runs the identity team's pages.

test('the identity team connects Slack: secrets write-only, shown as set, a test message through the Web API', async ({
  page,
}) => {
  const slack = await SlackEmulator.start({
    botToken: 'xoxb-e2e-token',
    users: [{ id: 'UIVYE2E01', email: 'ivy@acme.test', name: 'ivy' }],
  });
  try {
    await signInAs(page, 'ivy');
    await page.goto('/admin/slack');
    const main = page.getByRole('main');
    await expect(main.getByRole('heading', { name: 'Slack', level: 1, exact: true })).toBeVisible();
    const enabled = main.getByRole('checkbox', { name: 'Send approvals to Slack', exact: true });
    await expect(enabled).not.toBeChecked();
    await expect(main.getByRole('button', { name: 'Send test message', exact: true })).toBeDisabled();

    // Turning on without the secrets is refused, with the reason.
    await enabled.check();
    await main.getByRole('button', { name: 'Save Slack settings', exact: true }).click();
    await expect(
      main.getByText('Slack can only be turned on with its bot token and signing secret set'),
    ).toBeVisible();
    await enabled.uncheck();

    await main.getByLabel(/^Bot token/).fill('xoxb-e2e-token');
    await main.getByLabel(/^Signing secret/).fill('e2e-signing-secret');
    await main.getByRole('textbox', { name: /^Slack Web API address/ }).fill(slack.apiUrl);
    await main.getByRole('button', { name: 'Save Slack settings', exact: true }).click();
    // Saved: the fields are empty again, each secret only "set".
    await expect(main.getByLabel(/^Bot token/)).toHaveValue('');
    await expect(main.getByText('set', { exact: true })).toHaveCount(2);
    await expect(main.getByRole('textbox', { name: /^Slack Web API address/ })).toHaveValue(slack.apiUrl);
    expect(await page.content()).not.toContain('xoxb-e2e-token');

    await main.getByRole('button', { name: 'Send test message', exact: true }).click();
    await expect(main.getByText('Sent: look for it in Slack.', { exact: true })).toBeVisible();
    expect(slack.messagesTo('UIVYE2E01').map((m) => m.text)).toEqual(['Gatehouse can reach you in Slack.']);

    const serious = (
      await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
        .analyze()
    ).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => v.id)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  } finally {
    await slack.close();
  }
});

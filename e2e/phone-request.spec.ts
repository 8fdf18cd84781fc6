import type { Page } from '@playwright/test';
import { expect, signInAs, test } from './fixtures.ts';

/**
 * The request flow on a 390 px phone: find, pick, reach the form through the sticky bar, send, and
 * land on the result, with no page scrolling sideways. Sofia (People) asks for Recruiting; the spec
 * cancels the request at the end, through My requests' confirmation.
 */
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

async function expectNoSideways(page: Page) {
  const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(width, `${page.url()} is ${width} px wide`).toBeLessThanOrEqual(390);
}

test('an employee requests access on a phone: sticky bar to the form, focus on the result, nothing wider than the screen', async ({
  page,
}) => {
  await signInAs(page, 'sofia');
  await page.goto('/catalog');
  await expect(page.getByRole('heading', { name: 'Access catalog' })).toBeVisible();
  await expectNoSideways(page);

  // Every link is one tap away behind the menu.
  await page.getByRole('button', { name: /^Menu/ }).click();
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My requests' }),
  ).toBeVisible();
  await page.getByRole('button', { name: /^Menu/ }).click();

  // Picked from the whole catalog (not a one-card search), so the form is far below, off screen.
  const card = page.getByRole('list', { name: 'Entitlements' }).getByRole('button', { name: /Recruiting/ });
  await card.click();
  const bar = page.getByRole('button', { name: 'Review request' });
  await expect(page.getByText('1 item selected')).toBeVisible();
  await bar.click();
  await expect(page.getByRole('heading', { name: 'Request access' })).toBeFocused();
  await expect(bar).toBeHidden();
  await expectNoSideways(page);

  await page
    .getByLabel('Why do you need it?')
    .fill('I help Nadia screen candidates during the spring hiring round.');
  await expect(page.getByText('Working out who approves…')).toHaveCount(0);
  await page.getByRole('button', { name: 'Send request' }).click();
  const result = page.getByText(/Request sent for/);
  await expect(result).toBeVisible();
  await expect(page.locator(':focus')).toContainText('Request sent for Recruiting');
  await expectNoSideways(page);

  await page.getByRole('link', { name: 'My requests' }).last().click();
  await expect(page.getByRole('heading', { name: 'My requests' })).toBeVisible();
  const request = page.getByRole('article', { name: 'Request for Recruiting' });
  await expect(request).toBeVisible();
  await expectNoSideways(page);

  // Leave the demo as found: cancel, which asks first.
  await request.getByRole('button', { name: 'Cancel request…' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Cancel your request for Recruiting?' });
  await expect(dialog).toBeVisible();
  await expectNoSideways(page);
  await dialog.getByRole('button', { name: 'Cancel request', exact: true }).click();
  await expect(dialog).toBeHidden();
  await page.getByLabel('Status').selectOption('CANCELLED');
  await expect(page).toHaveURL(/status=CANCELLED/);
  await expect(page.getByRole('article', { name: 'Request for Recruiting' }).first()).toBeVisible();
});

import type { Locator } from '@playwright/test';
import { expect, signInAs, test } from './fixtures.ts';

// What CSS cut off or scrolled: how much wider a box's content is than the box ("…" of text-overflow,
// a row scrolled sideways in its frame). Zero when everything in it is in sight.
const hidden = (box: Locator) => box.evaluate((el) => el.scrollWidth - el.clientWidth);

// A placeholder is not scrolled like a value, only clipped: its text's width against its box's room.
const placeholderRoom = (box: Locator) =>
  box.evaluate((el: HTMLInputElement) => {
    const style = getComputedStyle(el);
    const context = document.createElement('canvas').getContext('2d');
    if (!context) throw new Error('No canvas to measure the placeholder with');
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return room - context.measureText(el.placeholder).width;
  });

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('at a phone’s width the identity team’s pages show each detail whole', async ({ page }) => {
  await signInAs(page, 'ivy');

  // A search box whose label is for screen readers says what it searches in a placeholder that fits.
  await page.goto('/admin/identities');
  const people = page.getByRole('searchbox', { name: 'Search people' });
  await expect(people).toHaveAttribute('placeholder', /.+/);
  expect(await placeholderRoom(people)).toBeGreaterThanOrEqual(0);
  await page.goto('/catalog');
  const catalog = page.getByRole('searchbox', { name: 'Search the catalog' });
  await expect(catalog).toHaveAttribute('placeholder', /.+/);
  expect(await placeholderRoom(catalog)).toBeGreaterThanOrEqual(0);

  // The folded section navigation names the section whole.
  await page.goto('/admin/approval-policies');
  const section = page.getByRole('navigation', { name: 'Administration' }).locator('summary > span').first();
  await expect(section).toContainText('Approval policies');
  expect(await hidden(section)).toBe(0);

  // An application's six tabs are all in sight: none scrolled out of its row.
  await page.goto('/admin/applications');
  await page.getByRole('link', { name: /^Corporate Directory/ }).click();
  const tabs = page.getByRole('tablist', { name: 'Application' });
  await expect(tabs.getByRole('tab')).toHaveCount(6);
  expect(await hidden(tabs)).toBe(0);
  for (const tab of await tabs.getByRole('tab').all()) await expect(tab).toBeInViewport({ ratio: 1 });

  // A member with a long title keeps "Remove…" beside their name, not under it.
  await page.goto('/admin/teams');
  await page.getByRole('link', { name: /^Security reviewers/ }).click();
  const yuki = page
    .getByRole('list', { name: 'Members' })
    .getByRole('listitem')
    .filter({ hasText: 'Yuki Tanaka' });
  await expect(yuki).toContainText('Database Administrator');
  const name = await yuki.getByText('Yuki Tanaka').boundingBox();
  const remove = await yuki.getByRole('button', { name: 'Remove Yuki Tanaka…' }).boundingBox();
  expect(name && remove && remove.y < name.y + name.height).toBe(true);

  // The provisioning overview's counts per application are all in sight, not scrolled in their frame.
  await page.goto('/admin/provisioning');
  const counts = page.getByRole('table', { name: 'Operations per application' });
  await expect(counts.getByRole('rowheader', { name: /Corporate Directory/ })).toBeVisible();
  expect(await hidden(counts.locator('xpath=..'))).toBe(0);
});

test('at a phone’s width My access shows an account’s DN whole', async ({ page }) => {
  await signInAs(page, 'alice');
  await page.goto('/access');
  const dn = page.locator('main header code').first();
  await expect(dn).toContainText('uid=alice,');
  expect(await hidden(dn)).toBe(0);
});

import { expect, signInAs, test } from './fixtures.ts';

test('an unknown address answers 404 with a page that says so and offers a way back', async ({ page }) => {
  await signInAs(page, 'alice');
  const response = await page.goto('/no-such-page/at-all');
  expect(response!.status()).toBe(404);
  await expect(page).toHaveTitle('Page not found · Gatehouse');
  await expect(page.getByRole('heading', { level: 1, name: 'There is no page here' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to the catalog' }).click();
  await expect(page.getByRole('heading', { name: 'Access catalog' })).toBeVisible();
});

test('the site icons and robots.txt are served from public/, and pages name them', async ({
  page,
  request,
}) => {
  const robots = await request.get('/robots.txt');
  expect(robots.status()).toBe(200);
  expect(await robots.text()).toMatch(/User-agent: \*\s+Disallow: \//);
  for (const [path, type] of [
    ['/favicon.ico', /image\/(x-icon|vnd\.microsoft\.icon)/],
    ['/icon.svg', /image\/svg\+xml/],
    ['/apple-touch-icon.png', /image\/png/],
  ] as const) {
    const icon = await request.get(path);
    expect(icon.status(), path).toBe(200);
    expect(icon.headers()['content-type'], path).toMatch(type);
  }
  await page.goto('/signin');
  await expect(page.locator('link[rel="icon"][href^="/favicon.ico"]')).toHaveCount(1);
  await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveAttribute('href', /apple-touch-icon\.png/);
});

test('the first Tab reaches a skip link that moves focus past the navigation to the page', async ({
  page,
}) => {
  await signInAs(page, 'alice');
  await page.goto('/catalog');
  await expect(page.getByRole('heading', { name: 'Access catalog' })).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();
  // The next Tab lands inside the page, not on the navigation.
  await page.keyboard.press('Tab');
  expect(
    await page.evaluate(
      () =>
        document.activeElement?.closest('header') === null &&
        document.activeElement?.closest('main') !== null,
    ),
  ).toBe(true);
});

test('a request that gets no answer says so in plain words with "Try again", not "Failed to fetch"', async ({
  page,
}) => {
  await signInAs(page, 'alice');
  // Every tRPC call, not only catalog.*: httpBatchLink may put the shell's me.get first in the same
  // batch (/api/trpc/me.get,catalog.list), which a catalog.** pattern would let through.
  await page.route('**/api/trpc/**', (route) => route.abort('internetdisconnected'));
  await page.goto('/catalog');
  const alert = page.getByRole('alert').filter({ hasText: 'Gatehouse could not be reached' }).first();
  await expect(alert).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('Failed to fetch')).toHaveCount(0);
  await page.unroute('**/api/trpc/**');
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Gatehouse could not be reached' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Access catalog' })).toBeVisible();
});

test('a detail page names what it shows in the window title, not only its kind', async ({ page }) => {
  await signInAs(page, 'ivy');
  for (const [list, section] of [
    ['/admin/sources', 'Sources'],
    ['/admin/birthright', 'Birthright rules'],
  ] as const) {
    await page.goto(list);
    const first = page.locator(`main a[href^="${list}/"]:not([href$="/new"])`).first();
    const name = (await first.locator('.font-semibold').first().innerText()).trim();
    await first.click();
    await expect(page).toHaveTitle(`${name} · ${section} · Gatehouse`);
  }
});

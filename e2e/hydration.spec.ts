import { expect, problemsWhile, signInAs, test } from './fixtures.ts';

/*
 * The server renders each page first and the browser hydrates it: anything the two write differently
 * (a date in the reader's time zone, "now" read during render) is a hydration mismatch, React's error
 * #418 in the console, and the browser's render replaces the server's. The browser here is 14 hours
 * ahead of UTC, where the server runs, so a date written in either one's own zone differs.
 */
test.use({ timezoneId: 'Pacific/Kiritimati' });

const PAGES: Record<string, string[]> = {
  ivy: [
    '/reconciliation',
    '/reconciliation?status=ALL',
    '/admin/reviews',
    '/admin/reviews/new',
    '/admin/applications',
    '/admin/sources',
    '/tasks',
    '/settings',
    '/reports/charts',
    '/reports/who-has',
    '/reports/audit-log',
  ],
  audrey: ['/reports/requests', '/reports/reviews', '/reports/expiring', '/reports/leavers'],
  alice: ['/catalog', '/requests', '/access'],
  mark: ['/approvals', '/reviews', '/team'],
};

for (const [persona, paths] of Object.entries(PAGES)) {
  test(`${persona}'s pages hydrate as the server rendered them, with no console error`, async ({ page }) => {
    await signInAs(page, persona);
    for (const path of paths) {
      const problems = await problemsWhile(page, async () => {
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        // Hydration ends once the page's own requests have been answered and rendered.
        await page.waitForLoadState('networkidle');
      });
      expect(problems, path).toEqual([]);
    }
  });
}

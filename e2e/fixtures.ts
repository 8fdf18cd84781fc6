import fs from 'node:fs';
import path from 'node:path';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { Client } from 'ldapts';
import { ownPortal, portal } from './portals.ts';

type TRuntime = {
  url: string;
  databaseUrl: string;
  directory: { url: string; bindDn: string; bindPassword: string; baseDn: string };
};

/** Where this worker's portal keeps its servers (written by scripts/start.ts). */
export function runtime(): TRuntime {
  return JSON.parse(fs.readFileSync(path.resolve(ownPortal().dataDir, 'runtime.json'), 'utf8')) as TRuntime;
}

/** Signs in through next-auth's demo provider over HTTP: tests do not type into the login form. */
export async function signInAs(page: Page, username: string) {
  const { csrfToken } = (await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const response = await page.request.post('/api/auth/callback/demo', {
    form: { csrfToken, username, callbackUrl: '/catalog', json: 'true' },
  });
  expect(response.ok()).toBe(true);
}

/**
 * Hands `report` every console error, uncaught page error and Content Security Policy report `page` makes
 * from now on, until the returned function is called: a hydration mismatch is one (React's "Minified
 * React error #418" in a production build).
 */
export function watchProblems(page: Page, report: (problem: string) => void): () => void {
  const onConsole = (m: { type(): string; text(): string }) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) report(m.text());
  };
  const onError = (e: Error) => report(e.message);
  page.on('console', onConsole);
  page.on('pageerror', onError);
  return () => {
    page.off('console', onConsole);
    page.off('pageerror', onError);
  };
}

/** Every problem (watchProblems) `page` makes while `visit` runs. */
export async function problemsWhile(page: Page, visit: () => Promise<void>): Promise<string[]> {
  const problems: string[] = [];
  const stop = watchProblems(page, (problem) => problems.push(problem));
  try {
    await visit();
  } finally {
    stop();
  }
  return problems;
}

/** Reads the real slapd directly, never through Gatehouse. */
export async function groupMembers(cn: string): Promise<string[]> {
  const { directory } = runtime();
  const client = new Client({ url: directory.url });
  try {
    await client.bind(directory.bindDn, directory.bindPassword);
    const { searchEntries } = await client.search(`cn=${cn},ou=groups,${directory.baseDn}`, {
      scope: 'base',
      attributes: ['member'],
    });
    const member = searchEntries[0]?.member;
    return (Array.isArray(member) ? member : member ? [member] : []).map(String);
  } finally {
    await client.unbind();
  }
}

/**
 * Whether specs save their pictures of the pages they walk through (docs/decisions/096): only when
 * E2E_SCREENSHOTS=1, for a person who wants to look at them. No test reads them; a run wrote about a
 * hundred PNGs nobody asked for. To look at every page of every persona,
 * `node ../shared/tools/screens.mjs` against the demo portal is the tool.
 */
const SAVE_SCREENSHOTS = process.env.E2E_SCREENSHOTS === '1';

/**
 * A picture of the page as it stands, saved under test-results/screenshots/ when asked for (above).
 * With `phone`, the page is also shown at a phone's width, 390 px, where nothing may widen it (tables
 * scroll in their own frame): that check runs whether or not pictures are saved. `fullPage: false`
 * keeps what the viewport shows, a dialog over the page for instance.
 */
export async function screenshot(
  page: Page,
  name: string,
  { phone = false, fullPage = true }: { phone?: boolean; fullPage?: boolean } = {},
) {
  const save = async (suffix: string) => {
    if (SAVE_SCREENSHOTS)
      await page.screenshot({ path: `test-results/screenshots/${name}${suffix}.png`, fullPage });
  };
  await save('');
  if (!phone) return;
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${name}: nothing widens the page at 390 px`).toBeLessThanOrEqual(390);
  await save('-390');
  if (size) await page.setViewportSize(size);
}

/**
 * Focuses a React Aria field once React has hydrated it. A key typed before then is lost: the server's
 * markup takes focus, not input (a full run typed "15" into a date and read "05"). React Aria marks a
 * field data-focused only once hydrated, so focus is moved onto it until it says so.
 */
export async function focusHydrated(field: Locator) {
  await expect(async () => {
    await field.blur();
    await field.focus();
    await expect(field).toHaveAttribute('data-focused', 'true', { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
}

/**
 * Types a day (YYYY-MM-DD) into a DateField as a person does: its day, month and year are segments
 * (react-aria), not one text box that fill() could set. The portal writes days day/month/year.
 */
export async function fillDate(scope: Page | Locator, label: string | RegExp, day: string) {
  const [year, month, date] = day.split('-') as [string, string, string];
  // The field's group is named by its label (a required one ends in " *").
  const segments = scope.getByRole('group', { name: label }).first().getByRole('spinbutton');
  const first = segments.nth(0);
  await focusHydrated(first);
  await first.pressSequentially(date);
  await segments.nth(1).pressSequentially(month);
  await segments.nth(2).pressSequentially(year);
}

/**
 * Types into a picker (app/_components/ui/combobox.tsx, React Aria's ComboBox) with the field in view
 * first. React Aria closes an open picker's list when the page scrolls (useCloseOnScroll). fill()
 * scrolls a field below the fold into view and types at once, and the page reports that scroll a frame
 * later, after the text: the field came out empty every time (a probe on the provisioning page at
 * 1280×500, 3 of 3) while the library held the text. The Combobox keeps it now (docs/decisions/073,
 * later); scrolling first still spares the test a list that closes and reopens under it.
 */
export async function fillPicker(field: Locator, text: string) {
  await field.scrollIntoViewIfNeeded();
  // Scroll events are dispatched with the next animation frame: two frames on, this one has passed.
  await field
    .page()
    .evaluate(
      () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
    );
  await field.fill(text);
}

/**
 * Opens a person's page from the People list by searching for them. The search answers after the
 * keystrokes (a deferred value, then a request), and until then the list shows the rows it had: a click
 * aimed at the person's link in those rows could land as they are replaced (CI, stop 24: the click went
 * nowhere and the person's heading never came). So it waits for the answer first: the table no longer
 * busy and every row naming the search.
 */
export async function openPerson(page: Page, search: string, name: string) {
  await page.goto('/admin/identities');
  await page.getByRole('searchbox', { name: 'Search people' }).fill(search);
  const people = page.getByRole('main').getByRole('table', { name: 'People' });
  await expect(people).not.toHaveAttribute('aria-busy', 'true');
  const words = new RegExp(search.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
  await expect(people.getByRole('rowheader').filter({ hasNotText: words })).toHaveCount(0);
  await people.getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
}

/**
 * Every page, request context and browser context a spec opens goes to its worker's own portal:
 * Playwright derives their default baseURL from this fixture (e2e/portals.ts).
 */
export const test = base.extend({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern: none
  baseURL: async ({}, provide, testInfo) => {
    await provide(portal(testInfo.parallelIndex).url);
  },
});
export { expect };

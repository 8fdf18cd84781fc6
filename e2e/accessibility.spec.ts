import type { Page } from '@playwright/test';
import axe from 'axe-core';
import { expect, signInAs, test, watchProblems } from './fixtures.ts';
import { wrappedMoments } from './wrapped-moments.ts';

// An axe violation or a console error fails every time: a retry (decision 089) would only run the
// ten-minute crawl twice.
test.describe.configure({ retries: 0 });

/*
 * The server renders each page first and the browser hydrates it: anything the two write differently
 * (a date in the reader's time zone, "now" read during render) is a hydration mismatch, React's error
 * #418 in the console, and the browser's render replaces the server's. The browser here is 14 hours
 * ahead of UTC, where the server runs, so a date written in either one's own zone differs.
 */
test.use({ timezoneId: 'Pacific/Kiritimati' });

/**
 * WCAG 2.2 AA over every page a persona reaches: the main navigation's links, every section of the
 * areas they may open (administration, reports), and a sample detail page under each list that links
 * to one. One page load per address; the run fails on serious and critical violations, listed by
 * page, rule and element so the failure reads as a to-do list, and on any console error, uncaught
 * error or CSP report a page makes while it is loaded, hydrated and audited (a hydration mismatch is
 * one), listed by page; and on a moment or a day in a table or a sentence that breaks over lines at 1440
 * or 390 px (wrapped-moments.ts), listed by page, width and column or sentence.
 */
const PERSONAS = ['alice', 'mark', 'ivy', 'audrey'] as const;
/** Pages no navigation link reaches, crawled as well: a filtered list, a form opened from a list. */
const ALSO: Partial<Record<(typeof PERSONAS)[number], string[]>> = {
  ivy: ['/reconciliation?status=ALL', '/admin/reviews/new'],
};
const DETAIL = /^\/[a-z/-]+\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Waits until the page has its heading and no loading indicator is left (reports' charts load slowly on a
 * busy machine): the same two conditions Playwright's toBeVisible and toHaveCount checked, read together in
 * the page on every animation frame. Those expects polled at 0, 20, 50, 100, 100 ms and then every 500 ms,
 * so a page that settled just after a poll waited up to half a second more (docs/decisions/114, "stop 38").
 * Visible as Playwright means it: not visibility:hidden, a non-empty box.
 */
type TSettleMark = Window & { crawlSettled?: boolean };
async function settle(page: Page) {
  const settled = ({ loading }: { loading: string }) => {
    const heading = document.querySelector('main h1');
    if (!heading?.checkVisibility({ visibilityProperty: true })) return false;
    const box = heading.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return false;
    const pattern = new RegExp(loading);
    const isSettled = ![...document.querySelectorAll('main [role="status"]')].some((status) =>
      pattern.test((status.textContent ?? '').replace(/\s+/g, ' ')),
    );
    // Marked in the page at the frame it settled, so the probe below reads when that was, in page order,
    // not when Playwright's answer reached Node a round trip later.
    if (isSettled) (window as TSettleMark).crawlSettled = true;
    return isSettled;
  };
  await page
    .waitForFunction(settled, { loading: 'Loading|Working out' }, { polling: 'raf', timeout: 120_000 })
    .catch((error: unknown) => {
      throw new Error(`${page.url()} never showed its heading without a loading status`, { cause: error });
    });
}

const AXE_OPTIONS: axe.RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  resultTypes: ['violations'],
};
/** axe-core as @axe-core/playwright's legacy mode put it into a frame: testing frames of the page's own origin. */
const AXE_SCRIPT = `${axe.source};axe.configure({ allowedOrigins: ['<same_origin>'] });`;
/** Where the crawl goes next from a page: the main navigation, the areas' navigations, any link in main. */
const LINKS = {
  main: 'header nav[aria-label="Main"] a',
  areas: 'main nav[aria-label="Administration"] a, main nav[aria-label="Reports"] a',
  inMain: 'main a',
};
type TLinks = Record<keyof typeof LINKS, string[]>;

/**
 * One page's audit and the links the crawl follows from it, read in one evaluate: axe.run in the page
 * (axe's legacy mode) with only violations kept. @axe-core/playwright's analyze() put axe's 580 kB
 * script into the page twice per audit and asked the page five more times around the run; timed page by
 * page, that second copy was 0.4 to 1.2 s of each page under load (docs/decisions/114). Its default mode
 * (axe.runPartial, then axe.finishRun in a new blank page) serialises every node every rule passed and
 * ignores resultTypes (dequelabs/axe-core#4427); it exists for cross-origin frames, which the portal has
 * none of.
 */
async function checkPage(page: Page, url: string): Promise<{ failures: string[]; links: TLinks }> {
  // A document loaded since loadAxeOnEveryPage has axe already; a page written with setContent does not.
  for (const [k, frame] of page.frames().entries()) {
    const put = async () => {
      if (!(await frame.evaluate(() => 'axe' in window))) await frame.evaluate(AXE_SCRIPT);
    };
    // As AxeBuilder did: a child frame that cannot take axe is left to axe.run, which reports it.
    await (k === 0 ? put() : put().catch(() => undefined));
  }
  const { violations, links } = await page.evaluate(
    async ({ options, selectors }) => {
      const hrefs = (selector: string) =>
        [...document.querySelectorAll(selector)]
          .map((a) => a.getAttribute('href') ?? '')
          .filter((h) => h.startsWith('/'));
      const read = Object.fromEntries(
        Object.entries(selectors).map(([name, selector]) => [name, hrefs(selector)]),
      ) as TLinks;
      const results = await (window as unknown as { axe: typeof axe }).axe.run(document, options);
      const kept = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          count: v.nodes.length,
          nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
        }));
      return { violations: kept, links: read };
    },
    { options: AXE_OPTIONS, selectors: LINKS },
  );
  const failures = violations.map((v) => {
    const where = v.nodes
      .map(
        (n) =>
          `      ${n.target}${n.summary ? `: ${n.summary.split('\n').slice(1, 2).join('').trim()}` : ''}`,
      )
      .join('\n');
    return `${url}: ${v.id} (${v.impact}) ${v.help}, ${v.count} element(s)\n${where}`;
  });
  return { failures, links };
}

/**
 * Has every document the page's context loads from now on start with axe in it, as an init script:
 * Chromium then compiles axe's 580 kB once and reuses it (evaluated anew into each page, it cost about
 * 1.3 s a page under load against 0.25 s more a load this way; docs/decisions/114). Until it is run,
 * axe only defines itself and listens for its own messages between frames.
 */
async function loadAxeOnEveryPage(page: Page) {
  await page.context().addInitScript(AXE_SCRIPT);
}

// The crawl passes when the audit finds nothing: this shows it finds what it should, a WCAG 2.2 rule
// (target size: the tags reached axe) and a WCAG 2.0 one, on a page written to break both.
test('the audit reports serious violations, WCAG 2.2 ones included', async ({ page }) => {
  await page.setContent(`<!doctype html><html lang="en"><head><title>Probe</title></head><body><main>
    <h1>Probe</h1><nav aria-label="First"><a href="/a">A</a></nav><nav aria-label="Second"><a href="/b">B</a></nav>
    <button></button></main></body></html>`);
  const found = (await checkPage(page, '/probe')).failures.map((line) => line.split(' ')[1]);
  expect(found).toEqual(expect.arrayContaining(['button-name', 'target-size']));
});

// The crawl audits a page once it has settled: a page still loading (its heading hidden, then a loading
// status) is not audited until what it loads is there, here a button with no name that axe reports.
test('the crawl waits for a page to settle before auditing it', async ({ page }) => {
  await page.setContent(`<!doctype html><html lang="en"><head><title>Probe</title></head><body><main>
    <h1 hidden>Probe</h1><div id="list"></div></main></body></html>`);
  const settling = settle(page);
  // Some frames go by in each state; settle reads the page on every one. What they return is whether
  // settle marked the page by then: read in the page after those frames, it cannot miss a settle whose
  // answer is still on its way to Node.
  const frames = () =>
    page.evaluate(async () => {
      for (let k = 0; k < 5; k++) await new Promise((resolve) => requestAnimationFrame(resolve));
      return (window as TSettleMark).crawlSettled ?? false;
    });
  expect(await frames(), 'settled with its heading hidden').toBe(false);
  await page.evaluate(() => {
    document.querySelector('h1')!.hidden = false;
    document.querySelector('#list')!.innerHTML = '<p role="status">Loading…</p>';
  });
  expect(await frames(), 'settled while loading').toBe(false);
  await page.evaluate(() => (document.querySelector('#list')!.innerHTML = '<button></button>'));
  await settling;
  // The mark is there once settle has answered: the two reads above could not pass for want of one.
  expect(await frames(), 'marked when settled').toBe(true);
  const found = (await checkPage(page, '/probe')).failures.map((line) => line.split(' ')[1]);
  expect(found).toContain('button-name');
});

// The same for the moments check: it finds a moment and a day a narrow column or a sentence breaks, at
// both widths, and passes those kept on a line; a day in a sentence inside a cell is read once.
test('the moments check finds a moment or a day in a table or a sentence broken over lines', async ({
  page,
}) => {
  await page.setContent(`<!doctype html><html lang="en"><head><title>Probe</title></head><body><main>
    <table><thead><tr><th>When</th><th>Seen</th><th>Due</th><th>Ends</th></tr></thead><tbody><tr>
    <td style="width: 3rem; overflow-wrap: anywhere">6 Dec 2026, 11:15 UTC</td>
    <td style="white-space: nowrap">7 Dec 2026, 09:30:12 UTC</td>
    <td style="width: 3rem; overflow-wrap: anywhere">4 Dec 2026</td>
    <td style="width: 3rem"><p>until <span style="white-space: nowrap">5 Dec 2026</span></p></td></tr></tbody></table>
    <p style="width: 4rem">The campaign opened and ends 13 Dec 2026</p>
    <ul><li style="width: 4rem">The campaign opened and ends <span style="white-space: nowrap">14 Dec 2026</span></li></ul>
    <dl><dt>Due</dt><dd style="width: 2rem">15 Dec 2026</dd></dl></main>
    <div role="status" style="width: 4rem">Saved; the next run starts 16 Dec 2026</div></body></html>`);
  const { wrapped, seen } = await wrappedMoments(page);
  expect(seen).toBe(8);
  const broken = [
    'column When: 6 Dec 2026, 11:15 UTC',
    'column Due: 4 Dec 2026',
    'sentence “The campaign opened and ends 13 Dec 2026”: 13 Dec 2026',
    'sentence “15 Dec 2026”: 15 Dec 2026',
    'sentence “Saved; the next run starts 16 Dec 2026”: 16 Dec 2026',
  ];
  expect(wrapped).toEqual(
    [1440, 390].flatMap((width) =>
      broken.map((line) =>
        expect.stringMatching(
          new RegExp(`^${width} px, ${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\([2-9] lines\\)$`),
        ),
      ),
    ),
  );
});

for (const username of PERSONAS) {
  test(`every page ${username} reaches passes axe-core (WCAG 2.2 AA, no serious violations)`, async ({
    page,
  }) => {
    // The identity team reaches some fifty pages; on a shared machine each takes seconds to settle.
    test.setTimeout(1_200_000);
    await signInAs(page, username);
    await loadAxeOnEveryPage(page);
    // The first page read gives the main navigation's links; every page is loaded once.
    const queue = ['/catalog', ...(ALSO[username] ?? [])];
    const seen = new Set<string>();
    const failures: string[] = [];
    const wrapped: string[] = [];
    let momentsSeen = 0;
    // Listened to for the whole crawl, so that nothing a page logs late (after its audit, as the next
    // page is asked for) is lost: a message is put down to the page last asked for.
    let current = '';
    const problems: string[] = [];
    watchProblems(page, (problem) => problems.push(`${current}: ${problem}`));
    let audited = 0;
    const sampled = new Set<string>();
    while (queue.length) {
      const url = queue.shift()!;
      if (seen.has(url)) continue;
      seen.add(url);
      current = url;
      await page.goto(url);
      const { pathname: path, search } = new URL(page.url());
      // An area's home redirects to its first section, which its navigation links to as well: audited once.
      if (path + search !== url && seen.has(path + search)) continue;
      seen.add(path + search);
      await settle(page);
      const checked = await checkPage(page, path);
      if (url === '/catalog') queue.push(...checked.links.main);
      failures.push(...checked.failures);
      const moments = await wrappedMoments(page);
      wrapped.push(...moments.wrapped.map((line) => `${path}: ${line}`));
      momentsSeen += moments.seen;
      audited++;
      // An area's home redirects to its first section: its navigation lists the rest.
      for (const href of checked.links.areas) if (!seen.has(href)) queue.push(href);
      // One detail page under each list (a person, an application, a request, a campaign…).
      const parent = path.replace(/\/$/, '');
      if (!sampled.has(parent)) {
        const detail = checked.links.inMain.find((h) => DETAIL.test(h) && h.startsWith(`${parent}/`));
        if (detail) {
          sampled.add(parent);
          queue.push(detail);
        }
      }
    }
    expect(audited).toBeGreaterThan(3);
    expect.soft(problems, `Console errors on ${username}'s pages:\n${problems.join('\n')}`).toEqual([]);
    // A moment in a table is one line at a desktop's width and a phone's (its column is noWrap). The
    // auditor's pages always show some (the audit log's): the check read moments, not nothing.
    if (username === 'audrey') expect.soft(momentsSeen).toBeGreaterThan(0);
    expect
      .soft(wrapped, `Moments broken over lines on ${username}'s pages:\n${wrapped.join('\n')}`)
      .toEqual([]);
    expect(
      failures,
      `Serious accessibility violations on ${username}'s pages:\n${failures.join('\n')}`,
    ).toEqual([]);
  });
}

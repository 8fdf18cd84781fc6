import { expect, fillDate, focusHydrated, screenshot, signInAs, test } from './fixtures.ts';

// Ivy (identity team) owns the rule this spec creates; it is made switched off, so no request another
// spec sends meets it, and deleted by the spec itself.
const ruleName = `UI spec rule ${Date.now().toString(36)}`;

test('a field shows its error before sending; deleting an SoD rule asks, Escape keeps it, confirming deletes it', async ({
  page,
}) => {
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

test('a date field takes a day typed segment by segment or picked from its calendar, and is written day/month/year', async ({
  page,
}) => {
  await signInAs(page, 'ivy');
  // The campaign form, left unsent: nothing is created.
  await page.goto('/admin/reviews/new');
  const due = page.getByRole('group', { name: 'Due on (UTC)' }).first();
  await fillDate(page, 'Due on (UTC)', '2031-03-15');
  const segments = due.getByRole('spinbutton');
  await expect(segments).toHaveText(['15', '03', '2031']);

  // The calendar opens on the chosen month; a day picked there is the field's value.
  await due.getByRole('button').click();
  const calendar = page.getByRole('dialog');
  await expect(calendar.getByRole('heading', { name: 'March 2031' })).toBeVisible();
  await screenshot(page, 'ui-03-date-calendar');
  await calendar.getByRole('button', { name: /\b20 March 2031/ }).click();
  await expect(calendar).toHaveCount(0);
  await expect(segments).toHaveText(['20', '03', '2031']);

  // The arrow keys step a segment.
  await segments.nth(0).press('ArrowUp');
  await expect(segments).toHaveText(['21', '03', '2031']);
});

test('a control given a width keeps it: the page’s rule that keeps controls inside their box does not widen them', async ({
  page,
}) => {
  await signInAs(page, 'ivy');
  await page.goto('/admin/reviews');
  // The mover review's days (max-w-32, 8rem) sat 1,200 px wide when the page's rule was unlayered.
  const days = page.getByRole('textbox', { name: 'Days the new manager has' });
  await expect(days).toBeVisible();
  expect((await days.boundingBox())!.width).toBeLessThanOrEqual(128);
  // The people search, which has no width of its own, still fills its row.
  await page.goto('/admin/identities');
  const search = page.getByRole('searchbox').first();
  await expect(search).toBeVisible();
  expect((await search.boundingBox())!.width).toBeGreaterThan(300);
});

test('a picker keeps what is typed when the page scrolls under its open list; Escape and leaving put the choice back', async ({
  page,
}) => {
  await signInAs(page, 'audrey');
  // The report names the chosen person for the page, which shows "…" until it answers; under load it
  // answered after the Escape below, and the field showed "…" for good. Held here until then: the
  // picker names its choice from the option picked, whenever the page learns the name.
  let answer = () => {};
  const held = new Promise<void>((resolve) => (answer = resolve));
  await page.route(/\/api\/trpc\/[^?]*reports\.personAccess/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/reports/person');
  const picker = page.getByRole('combobox', { name: 'Person' });
  // A page long enough to scroll under the list, as a long form on a phone is.
  await page.evaluate(() => {
    document.body.style.minHeight = '300vh';
  });
  await focusHydrated(picker);
  await picker.pressSequentially('rach');
  const rachel = page.getByRole('option', { name: /Rachel Kim/ });
  await expect(rachel).toBeVisible();
  // The library closes an open list when the page scrolls (a wheel, a phone's keyboard scrolling the
  // field into view); the text typed so far stays, and the list comes back where the field now is.
  // The wheel's scroll reaches the page in a later frame, on a busy machine after the next keys: the
  // page is seen scrolled, and its scroll event dispatched (the next frame), before typing on.
  await page.mouse.wheel(0, 120);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await expect(picker).toHaveValue('rach');
  await expect(picker).toBeFocused();
  await picker.pressSequentially('el');
  await expect(picker).toHaveValue('rachel');
  await rachel.click();
  await expect(picker).toHaveValue('Rachel Kim');
  // The pick closes the list and it stays closed (the name replacing the typed words is not typing).
  await expect(page.getByRole('listbox')).toHaveCount(0);
  await expect(picker).toHaveAttribute('aria-expanded', 'false');

  // Typing over a choice, then Escape once the search has found nothing: the chosen name comes back,
  // though the page does not know it yet; typing, then leaving: likewise.
  await picker.fill('xyz');
  await expect(page.getByText(/“xyz”/)).toBeVisible();
  await picker.press('Escape');
  await expect(picker).toHaveValue('Rachel Kim');
  answer();
  await picker.fill('abc');
  // (While the list is open the rest of the page is hidden from role queries: Tab leaves the field.)
  await picker.press('Tab');
  await expect(picker).not.toBeFocused();
  await expect(picker).toHaveValue('Rachel Kim');
  await expect(page.getByRole('table', { name: 'What Rachel Kim has' })).toBeVisible();
});

test('an empty table fits a phone: its header is not cut off beside the message that it is empty', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(page, 'ivy');
  // The demo's targets hold what Gatehouse says: the queue is empty.
  await page.goto('/reconciliation');
  await expect(page.getByText(/Nothing waiting/)).toBeVisible();
  const frame = page.locator('main table').first().locator('xpath=..');
  expect(await frame.evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0);
  await expect(page.getByRole('columnheader', { name: 'Finding' })).toBeHidden();
  // A desktop shows the empty table's columns, which fit.
  await page.setViewportSize({ width: 1440, height: 900 });
  await expect(page.getByRole('columnheader', { name: 'Finding' })).toBeVisible();
  expect(await frame.evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0);
});

test('clearing the catalog’s search empties its box, even while what was typed has not settled into a search', async ({
  page,
}) => {
  // The box searches once typing pauses (SearchField's timer). With the page's clock stopped that pause
  // never ends, so what is typed stays unsettled for certain: the state a fast click after typing reaches
  // by chance. "Show everything" clears the search the way a swap to a role does (catalog-view.tsx).
  await page.clock.install();
  await signInAs(page, 'bob');
  await page.goto('/catalog');
  const entitlements = page.getByRole('list', { name: 'Entitlements' });
  await expect(entitlements.getByRole('button', { name: /On-call Rota/ })).toBeVisible();
  await page.clock.pauseAt(await page.evaluate(() => Date.now() + 1_000));
  const box = page.getByRole('searchbox', { name: 'Search the catalog' });
  await focusHydrated(box);
  await box.fill('zzz');
  await page.getByRole('button', { name: 'Show everything' }).click();
  await expect(box).toHaveValue('');
  // The typing's timer went with the box: once the clock runs again nothing is searched for.
  await page.clock.resume();
  await page.clock.runFor(1_000);
  await expect(box).toHaveValue('');
  await expect(entitlements.getByRole('button', { name: /On-call Rota/ })).toBeVisible();
});

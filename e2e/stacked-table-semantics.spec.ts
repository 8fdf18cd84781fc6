import type { Page } from '@playwright/test';
import { expect, signInAs, test } from './fixtures.ts';

// A phone's width: the people list stacks each row as a card (DataTable stackOnPhone, decision 066).
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

type TAXNode = {
  nodeId: string;
  ignored: boolean;
  role?: { value: string };
  name?: { value: string };
  childIds?: string[];
};

/** Chromium's own accessibility tree (what a screen reader is given), not the DOM. */
async function accessibilityTree(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: TAXNode[] };
  await cdp.detach();
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  // The nearest exposed descendants of `node` with one of `roles`, in order, not looking inside a match.
  const within = (node: TAXNode, roles: string[]): TAXNode[] =>
    (node.childIds ?? []).flatMap((id) => {
      const child = byId.get(id);
      if (!child) return [];
      return !child.ignored && roles.includes(child.role?.value ?? '') ? [child] : within(child, roles);
    });
  return { nodes, within };
}

test('a stacked table is still a table, its rows and cells with their column headers, to a screen reader', async ({
  page,
}) => {
  await signInAs(page, 'ivy');
  await page.goto('/admin/identities');
  const table = page.getByRole('table', { name: 'People' });
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  // Stacked: the rows are cards, not table rows.
  expect(
    await table
      .locator('tbody tr')
      .first()
      .evaluate((tr) => getComputedStyle(tr).display),
  ).toBe('block');

  const { nodes, within } = await accessibilityTree(page);
  const tables = nodes.filter((n) => !n.ignored && n.role?.value === 'table' && n.name?.value === 'People');
  expect(tables).toHaveLength(1);
  const [header, ...rows] = within(tables[0]!, ['row']);
  // Chromium names a header as it is drawn, upper-cased by CSS.
  const columns = within(header!, ['columnheader']).map((c) => c.name?.value.toLowerCase());
  expect(columns).toEqual(['name', 'department', 'manager', 'status', 'dates', 'sources']);
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    // Each cell sits in its header's column, which is how a screen reader names it: the row's name
    // first (a row header), then a cell per column. The stacked labels are aria-hidden, so a cell's
    // own name is its value, not "Manager" repeated before it.
    const cells = within(row, ['rowheader', 'cell']);
    expect(cells.map((c) => c.role?.value)).toEqual(['rowheader', 'cell', 'cell', 'cell', 'cell', 'cell']);
    expect(cells[2]?.name?.value ?? '').not.toMatch(/^Manager/i);
  }

  // Chromium keeps table semantics under display:block; WebKit (VoiceOver on a phone) is reported not to,
  // so the stacked table says its roles itself rather than leaving them to CSS.
  await expect(table).toHaveAttribute('role', 'table');
  await expect(table.locator('tbody')).toHaveAttribute('role', 'rowgroup');
  await expect(table.locator('tbody tr').first()).toHaveAttribute('role', 'row');
  await expect(table.locator('thead th').first()).toHaveAttribute('role', 'columnheader');
  await expect(table.locator('tbody tr').first().locator('th')).toHaveAttribute('role', 'rowheader');
  await expect(table.locator('tbody tr').first().locator('td').first()).toHaveAttribute('role', 'cell');
});

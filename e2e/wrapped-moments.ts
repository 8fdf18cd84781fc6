import type { Page } from '@playwright/test';

/** The widths a moment must stay on one line at: a desktop and a phone (docs/engineering.md). */
const WIDTHS = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
] as const;

/**
 * The moments and days in the page's tables and sentences ("6 Dec 2026, 11:15 UTC" and "6 Dec 2026", as
 * format-date.ts writes them) that break over more than one line, at each width, as "1440 px, column When:
 * 6 Dec 2026, 11:15 UTC (3 lines)" (the first of each column) or "390 px, sentence “Campaign ends 13 Dec
 * 2026”: 13 Dec 2026 (2 lines)" (the first of each sentence).
 * A moment over three lines reads as three values, and a day over two as a day and a year: its column is
 * marked noWrap (or the date sits in a whitespace-nowrap span beside text that may wrap: DayText,
 * SentenceText), and the table scrolls in its frame instead. Every table cell is read, whatever the column
 * says of itself, so a new column of moments is checked without being named; so is every sentence (a
 * paragraph, a list item, a description term or its description, a status line), in the main area or a
 * status outside it. Each text node is read once, under the outermost of those that holds it, in one
 * evaluation per width. `seen` counts the moments read (at the width that showed most), so a crawl can
 * tell it read some. The page's viewport is put back afterwards.
 */
export async function wrappedMoments(page: Page): Promise<{ wrapped: string[]; seen: number }> {
  const size = page.viewportSize();
  const found: string[] = [];
  let seen = 0;
  for (const viewport of WIDTHS) {
    await page.setViewportSize(viewport);
    // What media queries change is laid out when the rects are read; what React switches on a
    // resize (matchMedia, ResizeObserver) renders in the frames after it: read two frames on, in the
    // same evaluate (one round trip a width, not two).
    const read = await page.evaluate(async () => {
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(null))));
      // A day, and its time when it has one (formatDate, formatDateTime, formatInstant).
      const MOMENT =
        /\b\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}(?:, \d{2}:\d{2}(?::\d{2})? UTC)?/g;
      const wrapped: string[] = [];
      let moments = 0;
      // One line per column (or sentence) is enough to name it.
      const columns = new Set<string>();
      const HOLDERS =
        ['td', 'th', 'p', 'li', 'dd', 'dt'].map((tag) => `main ${tag}`).join(', ') + ', [role="status"]';
      // The outermost holders: a list inside a cell, a paragraph inside a list item is read with it.
      const holders = [...document.querySelectorAll<HTMLElement>(HOLDERS)].filter(
        (el) => !el.parentElement?.closest(HOLDERS),
      );
      for (const holder of holders) {
        const walker = document.createTreeWalker(holder, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (const match of (node.textContent ?? '').matchAll(MOMENT)) {
            moments++;
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            // One rect per line the text sits on (a space it broke at may add an empty one on the same line).
            const tops = [...range.getClientRects()].map((r) => Math.round(r.top)).sort((a, b) => a - b);
            const count = tops.filter((top, i) => i === 0 || top - tops[i - 1]! > 2).length;
            if (count <= 1) continue;
            let column: string;
            if (holder instanceof HTMLTableCellElement) {
              const header = holder.closest('table')?.querySelectorAll('thead th')[
                holder.cellIndex
              ]?.textContent;
              column = `column ${header?.trim() || String(holder.cellIndex)}`;
            } else {
              const words = (holder.textContent ?? '').replace(/\s+/g, ' ').trim();
              column = `sentence “${words.length > 80 ? `${words.slice(0, 79)}…` : words}”`;
            }
            if (columns.has(column)) continue;
            columns.add(column);
            wrapped.push(`${column}: ${match[0]} (${count} lines)`);
          }
        }
      }
      return { wrapped, moments };
    });
    found.push(...read.wrapped.map((line) => `${viewport.width} px, ${line}`));
    seen = Math.max(seen, read.moments);
  }
  if (size) await page.setViewportSize(size);
  return { wrapped: found, seen };
}

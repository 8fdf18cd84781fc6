import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { GrantEnd } from './why.tsx';

const day = (d: string) => new Date(`${d}T12:00:00Z`);
/** The end as a reader reads it, without the spans that keep each day on one line. */
const text = (endsAt: Date | null, endedAt: Date | null) =>
  renderToStaticMarkup(createElement(GrantEnd, { why: { endsAt, endedAt } })).replace(/<[^>]+>/g, '');

describe('when a reason of an as-of row ends', () => {
  it('says a grant revoked before its planned end ended then, and was planned to end later: one end, not two', () => {
    expect(text(day('2026-12-13'), day('2026-12-03'))).toBe(
      ' · ended 3 Dec 2026 (was planned to end 13 Dec 2026)',
    );
  });

  it('says a grant that ran to its end date ended on it, once', () => {
    expect(text(day('2026-12-03'), day('2026-12-03'))).toBe(' · ended 3 Dec 2026');
    expect(text(day('2026-12-03'), day('2026-12-04'))).toBe(' · ended 3 Dec 2026');
  });

  it('says when an open grant ends, and nothing of one without an end', () => {
    expect(text(day('2026-12-13'), null)).toBe(' · ends 13 Dec 2026');
    expect(text(null, day('2026-12-03'))).toBe(' · ended 3 Dec 2026');
    expect(text(null, null)).toBe('');
  });
});

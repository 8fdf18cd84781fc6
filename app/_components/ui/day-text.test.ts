import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DayText, SentenceText } from './day-text.tsx';

const html = (text: string) => renderToStaticMarkup(createElement(SentenceText, { text }));

describe('a server sentence with days in it', () => {
  it('keeps each day and moment on one line and the rest as it was', () => {
    expect(html('Ivy Chen opened Q4 review, from 6 Dec 2026 to 13 Dec 2026, 17:00 UTC.')).toBe(
      'Ivy Chen opened Q4 review, from <span class="whitespace-nowrap">6 Dec 2026</span> to ' +
        '<span class="whitespace-nowrap">13 Dec 2026, 17:00 UTC</span>.',
    );
  });

  it('leaves a sentence without days as plain text', () => {
    expect(html('Alice Ng asked for VPN <access>')).toBe('Alice Ng asked for VPN &lt;access&gt;');
  });
});

describe('a day the page writes itself', () => {
  const at = new Date('2026-12-06T09:30:12Z');
  const day = (to?: 'day' | 'minute' | 'second') => renderToStaticMarkup(createElement(DayText, { at, to }));

  it('keeps the day, and its time when asked for, on one line', () => {
    expect(day()).toBe('<span class="whitespace-nowrap">6 Dec 2026</span>');
    expect(day('minute')).toBe('<span class="whitespace-nowrap">6 Dec 2026, 09:30 UTC</span>');
    expect(day('second')).toBe('<span class="whitespace-nowrap">6 Dec 2026, 09:30:12 UTC</span>');
  });
});

import { describe, expect, it } from 'vitest';
import { settledSearch } from './search-text.ts';

describe('settledSearch', () => {
  it.each([
    ['REQ-3F9A', '', 'REQ-3F9A'],
    ['  nadia ', '', 'nadia'],
    ['', 'nadia', ''],
    ['   ', 'nadia', ''],
  ])('“%s” while searching “%s” searches “%s”', (text, current, expected) => {
    expect(settledSearch(text, current)).toBe(expected);
  });

  it.each([
    ['nadia ', 'nadia'],
    ['', ''],
    ['  ', ''],
  ])('“%s” while searching “%s” runs no new search', (text, current) => {
    expect(settledSearch(text, current)).toBeNull();
  });
});

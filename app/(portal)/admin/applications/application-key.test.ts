import { describe, expect, it } from 'vitest';
import { suggestApplicationKey } from './application-key.ts';

describe('suggestApplicationKey', () => {
  it.each([
    ['Expense system', 'expense-system'],
    ['Expense system (EU)', 'expense-system-eu'],
    ['  Zürich HR – Straße  ', 'zurich-hr-strasse'],
    ['CRM / Sales 2.0', 'crm-sales-2-0'],
    ['---', ''],
    ['日本語', ''],
  ])('%j → %j', (name, key) => {
    expect(suggestApplicationKey(name)).toBe(key);
  });

  it('makes keys the server accepts, however long the name', () => {
    for (const name of [
      'A very long application name that goes on and on and on and on past sixty characters',
      'Wiki',
      'x1 y2',
    ]) {
      const key = suggestApplicationKey(name);
      expect(key.length).toBeLessThanOrEqual(60);
      // What applications.save accepts (ZApplicationKey).
      expect(key).toMatch(/^[a-z0-9][a-z0-9-]{1,59}$/);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { PREPARED_SHAPES_BOUND, preparedName } from './prepared-names.ts';

// Each prepared text stays prepared on every pooled connection: a caller whose text varies with its
// data must be found in a test run (docs/decisions/118, "Review").
describe('preparedName', () => {
  it('names a text by its hash, and refuses shapes past the bound in a test run', () => {
    const first = preparedName('SELECT 1');
    expect(first).toMatch(/^q_[0-9a-f]{40}$/);
    expect(preparedName('SELECT 1')).toBe(first);
    for (let n = 2; n <= PREPARED_SHAPES_BOUND; n += 1) preparedName(`SELECT ${n}`);
    expect(() => preparedName(`SELECT ${PREPARED_SHAPES_BOUND + 1}`)).toThrow(
      /More than 200 prepared statement shapes: a prepared text varies with its data \(SELECT 201\)/,
    );
    // A shape already prepared keeps its name.
    expect(preparedName('SELECT 1')).toBe(first);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DecisionHold, UNDO_WINDOW_MS, type THeldDecision } from './decision-hold.ts';

const decision = (key: string, sent: string[]): THeldDecision => ({
  key,
  stepIds: [key],
  decision: 'APPROVE',
  label: `Approved ${key}`,
  send: async () => {
    sent.push(key);
  },
});

describe('holding a decision for the undo window', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends nothing until the window closes, then sends it once', async () => {
    const sent: string[] = [];
    const hold = new DecisionHold(() => {});
    hold.hold(decision('a', sent));
    await vi.advanceTimersByTimeAsync(UNDO_WINDOW_MS - 1);
    expect(sent).toEqual([]);
    expect(hold.list().map((d) => d.key)).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual(['a']);
    expect(hold.list()).toEqual([]);
    await vi.advanceTimersByTimeAsync(UNDO_WINDOW_MS * 2);
    expect(sent).toEqual(['a']);
  });

  it('an undo within the window means it is never sent; the others still are', async () => {
    const sent: string[] = [];
    const seen: string[][] = [];
    const hold = new DecisionHold((held) => seen.push(held.map((d) => d.key)));
    hold.hold(decision('a', sent));
    hold.hold(decision('b', sent));
    expect(hold.cancel('a')).toBe(true);
    await vi.advanceTimersByTimeAsync(UNDO_WINDOW_MS);
    expect(sent).toEqual(['b']);
    expect(seen).toEqual([['a'], ['a', 'b'], ['b'], []]);
    // Too late to undo: it was sent.
    expect(hold.cancel('b')).toBe(false);
  });

  it('leaving the page sends what is held at once, and only once', async () => {
    const sent: string[] = [];
    const hold = new DecisionHold(() => {});
    hold.hold(decision('a', sent));
    hold.hold(decision('b', sent));
    await hold.flush();
    expect(sent).toEqual(['a', 'b']);
    await vi.advanceTimersByTimeAsync(UNDO_WINDOW_MS);
    expect(sent).toEqual(['a', 'b']);
  });
});

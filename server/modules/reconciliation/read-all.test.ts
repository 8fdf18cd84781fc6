import { describe, expect, it } from 'vitest';
import { readAll } from './read-target.ts';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const noPages = () => Promise.reject(new Error('pages are not used when the connector streams'));

describe('reading a target while its batches are written', () => {
  it('answers a failed read only after the batches it handed over are written', async () => {
    const written: number[] = [];
    const stream = async (_options: unknown, each: (batch: number[]) => Promise<void>) => {
      await each([1]);
      await each([2]);
      throw new Error('the connection to the target dropped');
    };
    const read = readAll(stream, noPages, {}, 2, async (batch) => {
      await tick(30);
      written.push(...batch);
    });
    await expect(read).rejects.toThrow('dropped');
    // Both batches were still being written when the stream failed; nothing lands after the answer.
    expect(written).toEqual([1, 2]);
  });

  it('answers a failed page only after the batches it handed over are written', async () => {
    const written: number[] = [];
    const list = async (cursor: string | null) => {
      if (cursor) throw new Error('page two timed out');
      return { items: [1], nextCursor: 'two' };
    };
    const read = readAll(undefined, list, {}, 2, async (batch) => {
      await tick(30);
      written.push(...batch);
    });
    await expect(read).rejects.toThrow('timed out');
    expect(written).toEqual([1]);
  });

  it('answers a batch that fails after the last hand-over only when the others are written', async () => {
    const written: number[] = [];
    const stream = async (_options: unknown, each: (batch: number[]) => Promise<void>) => {
      await each([1]);
      await each([2]);
    };
    const read = readAll(stream, noPages, {}, 2, async ([n]) => {
      if (n === 1) throw new Error('batch one refused');
      await tick(30);
      written.push(n!);
    });
    await expect(read).rejects.toThrow('refused');
    expect(written).toEqual([2]);
  });
});

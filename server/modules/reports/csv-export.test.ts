import { describe, expect, it } from 'vitest';
import { csvStream, keysetPages, type TCsvColumn } from './csv-export.ts';

const text = async (stream: ReadableStream<Uint8Array>) => new Response(stream).text();

const csvOf = async <Row>(rows: Row[], columns: TCsvColumn<Row>[]) => {
  async function* each() {
    yield* rows;
  }
  return text(csvStream(each(), columns));
};

describe('CSV export', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['＝1', "'＝1"],
    ['plain', 'plain'],
    ['a=b', 'a=b'],
  ])('neutralises %j as a formula', async (input, expected) => {
    expect(await csvOf([{ v: input }], [{ header: 'V', value: (r) => r.v }])).toBe(`V\n${expected}\n`);
  });

  it('writes a header, quotes what needs quoting and neutralises formulas', async () => {
    async function* rows() {
      yield { name: 'Ann, "the" admin', note: '=cmd|calc', at: new Date('2026-01-02T03:04:05Z'), n: 3 };
      yield { name: 'Bob\nLee', note: null, at: null, n: -1 };
    }
    const csv = await text(
      csvStream(rows(), [
        { header: 'Name', value: (r) => r.name },
        { header: 'Note', value: (r) => r.note },
        { header: 'At', value: (r) => r.at },
        { header: 'N', value: (r) => r.n },
      ]),
    );
    expect(csv).toBe(`Name,Note,At,N\n"Ann, ""the"" admin",'=cmd|calc,2026-01-02T03:04:05.000Z,3\n"Bob\nLee",,,-1\n`);
  });

  it('pages by key until a short page, reading a page only when the reader wants it', async () => {
    const asked: (number | null)[] = [];
    const all = Array.from({ length: 7 }, (_, i) => i + 1);
    const pages = keysetPages(
      async (after: number | null, size) => {
        asked.push(after);
        return all.filter((x) => x > (after ?? 0)).slice(0, size);
      },
      (x) => x,
      3,
    );
    const first = await pages.next();
    expect(first.value).toBe(1);
    expect(asked).toEqual([null]);
    const rest: number[] = [];
    for await (const x of pages) rest.push(x);
    expect(rest).toEqual([2, 3, 4, 5, 6, 7]);
    expect(asked).toEqual([null, 3, 6]);
  });

  it('reads the next page ahead when asked to, while the rows of this one are read', async () => {
    const asked: (number | null)[] = [];
    const all = Array.from({ length: 7 }, (_, i) => i + 1);
    const pages = keysetPages(
      async (after: number | null, size) => {
        asked.push(after);
        return all.filter((x) => x > (after ?? 0)).slice(0, size);
      },
      (x) => x,
      3,
      { readAhead: true },
    );
    expect((await pages.next()).value).toBe(1);
    expect(asked).toEqual([null, 3]);
    const rest: number[] = [];
    for await (const x of pages) rest.push(x);
    expect(rest).toEqual([2, 3, 4, 5, 6, 7]);
    expect(asked).toEqual([null, 3, 6]);
  });
});

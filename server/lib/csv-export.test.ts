import { describe, expect, it } from 'vitest';
import { csvStream, keysetPages, type TCsvColumn } from './csv-export.ts';

const text = async (stream: ReadableStream<Uint8Array>) => new Response(stream).text();

const csvOf = async <Row>(rows: Row[], columns: TCsvColumn<Row>[]) => {
  async function* pages() {
    yield rows;
  }
  return text(csvStream(pages(), columns));
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
    async function* pages(): AsyncGenerator<
      Array<{ name: string; note: string | null; at: Date | null; n: number }>
    > {
      yield [{ name: 'Ann, "the" admin', note: '=cmd|calc', at: new Date('2026-01-02T03:04:05Z'), n: 3 }];
      yield [{ name: 'Bob\nLee', note: null, at: null, n: -1 }];
    }
    const csv = await text(
      csvStream(pages(), [
        { header: 'Name', value: (r) => r.name },
        { header: 'Note', value: (r) => r.note },
        { header: 'At', value: (r) => r.at },
        { header: 'N', value: (r) => r.n },
      ]),
    );
    expect(csv).toBe(
      `Name,Note,At,N\n"Ann, ""the"" admin",'=cmd|calc,2026-01-02T03:04:05.000Z,3\n"Bob\nLee",,,-1\n`,
    );
  });

  it('writes the header alone when there are no rows', async () => {
    expect(await csvOf<{ name: string }>([], [{ header: 'Name', value: (r) => r.name }])).toBe('Name\n');
  });

  it('writes big pages in pieces, every row once, and reads a page only when the last one is written', async () => {
    let read = 0;
    let written = 0;
    async function* pages() {
      for (let p = 0; p < 3; p++) {
        expect(written).toBe(p * 3000);
        read++;
        yield Array.from({ length: 3000 }, (_, i) => ({
          n: p * 3000 + i,
          text: i % 7 ? `row ${i}` : `"quoted", ${i}`,
        }));
      }
    }
    const reader = csvStream(pages(), [
      { header: 'N', value: (r) => (written++, r.n) },
      { header: 'Text', value: (r) => r.text },
    ]).getReader();
    const pieces: Uint8Array[] = [];
    for (let next = await reader.read(); !next.done; next = await reader.read()) pieces.push(next.value);
    expect(read).toBe(3);
    expect(pieces.length).toBeGreaterThan(3);
    const lines = (await new Response(new Blob(pieces as BlobPart[])).text()).split('\n');
    expect(lines[0]).toBe('N,Text');
    expect(lines.length).toBe(9002);
    expect(lines[1 + 3000 + 7]).toBe(`3007,"""quoted"", 7"`);
    expect(lines.slice(1, -1).map((l) => Number(l.split(',')[0]))).toEqual(
      Array.from({ length: 9000 }, (_, i) => i),
    );
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
    expect(first.value).toEqual([1, 2, 3]);
    expect(asked).toEqual([null]);
    const rest: number[][] = [];
    for await (const page of pages) rest.push(page);
    expect(rest).toEqual([[4, 5, 6], [7]]);
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
    expect((await pages.next()).value).toEqual([1, 2, 3]);
    expect(asked).toEqual([null, 3]);
    const rest: number[][] = [];
    for await (const page of pages) rest.push(page);
    expect(rest).toEqual([[4, 5, 6], [7]]);
    expect(asked).toEqual([null, 3, 6]);
  });
});

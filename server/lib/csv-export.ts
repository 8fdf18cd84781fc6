import { stringify } from 'csv-stringify/sync';

/** One CSV column: its heading and how a row gives its cell. */
export type TCsvColumn<Row> = {
  header: string;
  value: (row: Row) => string | number | boolean | Date | null | undefined;
};

/**
 * How every export writes a cell, in one place: RFC 4180 quoting (a field holding a quote, a comma
 * or a line break is quoted, its quotes doubled), dates in ISO 8601 (UTC), and formula neutralising
 * (`escape_formulas`): a text cell a spreadsheet would run as a formula, one starting with `=`, `+`,
 * `-`, `@`, a tab or a carriage return (or their full-width forms), gets a leading apostrophe, so an
 * exported justification such as `=HYPERLINK(…)` stays text (OWASP "CSV injection"). Numbers are
 * written as they are: -1 is a number, not a formula.
 */
const options = (header: string[] | null) => ({
  escape_formulas: true,
  cast: { date: (d: Date) => d.toISOString(), boolean: (b: boolean) => String(b) },
  ...(header ? { header: true, columns: header } : {}),
});

/** How much CSV text is gathered before it is handed to the reader (rows per piece follow from the rows' size). */
const CHUNK = 64 * 1024;

/**
 * The rows, given a page at a time, as a CSV byte stream (a header line, UTF-8), written by
 * csv-stringify. Pulled: a page is read from `pages` only when the reader wants more, and written
 * about 64 KB at a time, so a million-row export holds a page or two, never the report. Each piece
 * goes to csv-stringify's synchronous API as arrays of cells, one call per piece: its stream API
 * costs a Transform step per row, as reading rows one by one costs an await each.
 */
export function csvStream<Row>(
  pages: AsyncIterable<readonly Row[]>,
  columns: TCsvColumn<Row>[],
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = pages[Symbol.asyncIterator]();
  let header: string[] | null = columns.map((c) => c.header);
  let page: readonly Row[] = [];
  let at = 0;
  let rowsPerPiece = 64;
  // The cells of a piece's rows, kept from piece to piece: csv-stringify reads them and keeps nothing.
  const records: unknown[][] = [];
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        while (at === page.length) {
          const next = await iterator.next();
          if (next.done) {
            if (header) controller.enqueue(encoder.encode(stringify([], options(header))));
            controller.close();
            return;
          }
          page = next.value;
          at = 0;
        }
        const end = Math.min(page.length, at + rowsPerPiece);
        records.length = end - at;
        for (let r = at; r < end; r++) {
          const record = (records[r - at] ??= new Array<unknown>(columns.length));
          const row = page[r]!;
          for (let i = 0; i < columns.length; i++) record[i] = columns[i]!.value(row);
        }
        const text = stringify(records, options(header));
        rowsPerPiece = Math.min(4096, Math.max(16, Math.round((CHUNK * records.length) / text.length)));
        header = null;
        at = end;
        // A page is let go once written: only the next one is held.
        if (at === page.length) [page, at] = [[], 0];
        controller.enqueue(encoder.encode(text));
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * Every row of a keyset-paged query, page by page: asks for `pageSize` rows after the last one's key
 * until a page comes back short. The query orders by the key; nothing is skipped or repeated as rows
 * are added. With `readAhead`, the next page is asked for as soon as a page arrives, while its rows
 * are being written: the database and the writer work side by side, and two pages at most are held.
 */
export async function* keysetPages<Row, Key>(
  fetchPage: (after: Key | null, pageSize: number) => Promise<Row[]>,
  keyOf: (row: Row) => Key,
  pageSize = 5000,
  options: { readAhead?: boolean } = {},
): AsyncGenerator<Row[]> {
  let pending: Promise<Row[]> | null = fetchPage(null, pageSize);
  while (pending) {
    const page: Row[] = await pending;
    const more = page.length === pageSize;
    const fetchNext = () => fetchPage(keyOf(page[page.length - 1]!), pageSize);
    pending = more && options.readAhead ? fetchNext() : null;
    // A failure surfaces when the page is awaited; until then (or if the reader stops) it is not unhandled.
    pending?.catch(() => {});
    if (page.length) yield page;
    if (more && !options.readAhead) pending = fetchNext();
  }
}

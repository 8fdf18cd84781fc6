import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';

/** One CSV column: its heading and how a row gives its cell. */
export type TCsvColumn<Row> = { header: string; value: (row: Row) => string | number | boolean | Date | null | undefined };

/**
 * A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a tab or carriage return that
 * some spreadsheets skip before one) gets a leading apostrophe: an exported justification such as
 * `=HYPERLINK(…)` stays text (OWASP "CSV injection").
 */
export function neutraliseCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function cell(value: ReturnType<TCsvColumn<unknown>['value']>): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return neutraliseCell(value);
}

/**
 * The rows as a CSV byte stream (RFC 4180, a header line, UTF-8). Pulled: a row is read from `rows`
 * only when the reader wants more, so a million-row export holds a page at a time, never the report.
 */
export function csvStream<Row>(rows: AsyncIterable<Row>, columns: TCsvColumn<Row>[]): ReadableStream<Uint8Array> {
  async function* records() {
    for await (const row of rows) yield columns.map((c) => cell(c.value(row)));
  }
  const csv = Readable.from(records()).pipe(stringify({ header: true, columns: columns.map((c) => c.header) }));
  return Readable.toWeb(csv) as ReadableStream<Uint8Array>;
}

/**
 * Every row of a keyset-paged query: asks for `pageSize` rows after the last one's key until a page
 * comes back short. The query orders by the key; nothing is skipped or repeated as rows are added.
 */
export async function* keysetPages<Row, Key>(
  fetchPage: (after: Key | null, pageSize: number) => Promise<Row[]>,
  keyOf: (row: Row) => Key,
  pageSize = 5000,
): AsyncGenerator<Row> {
  let after: Key | null = null;
  for (;;) {
    const page = await fetchPage(after, pageSize);
    yield* page;
    if (page.length < pageSize) return;
    after = keyOf(page[page.length - 1]!);
  }
}

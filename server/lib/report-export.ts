import type { z } from 'zod';
import type { TUserActor } from '@/server/auth/actor.ts';
import type { TPermission } from '@/server/auth/permissions.ts';
import type { TDb } from '@/server/db/client.ts';
import { csvStream, type TCsvColumn } from './csv-export.ts';

type TExportOf<Input> = {
  permission: TPermission;
  input: z.ZodType<Input>;
  /** The download's name without extension, e.g. `who-has-access-finance-admins-2026-12-04`. */
  filename: (input: Input) => string;
};

/**
 * A report that downloads as CSV (GET /api/reports/<name>/export?<filters>): the permission it needs,
 * its filters (from the query string, so strings: coerce dates and numbers in the schema), and its
 * rows, pulled a page at a time as the download is read (keysetPages) and written by csvStream. The
 * report's page and its export share the query, so the file holds exactly what the page shows, all
 * of it.
 */
export type TRowsExport<Input = unknown, Row = unknown> = TExportOf<Input> & {
  rows: (db: TDb, actor: TUserActor, input: Input) => AsyncIterable<readonly Row[]>;
  columns: TCsvColumn<Row>[];
};

/**
 * A report whose file is written whole by the export itself: the access exports, written by
 * PostgreSQL (access-csv.ts), a million rows at a time; tested byte for byte against their page's rows.
 */
export type TFileExport<Input = unknown> = TExportOf<Input> & {
  csv: (db: TDb, actor: TUserActor, input: Input) => ReadableStream<Uint8Array>;
};

export type TReportExport = TRowsExport | TFileExport;

/** The export's CSV as a byte stream (a header line, UTF-8), pulled as it is read. */
export const reportCsv = (report: TReportExport, db: TDb, actor: TUserActor, input: unknown) =>
  'csv' in report ? report.csv(db, actor, input) : csvStream(report.rows(db, actor, input), report.columns);

/** Keeps the input and row types of one export checked against each other. */
export const defineReportExport = <Input, Row>(spec: TRowsExport<Input, Row>) =>
  spec as unknown as TRowsExport;
/** The same, for an export that writes its own file. */
export const defineFileExport = <Input>(spec: TFileExport<Input>) => spec as unknown as TFileExport;

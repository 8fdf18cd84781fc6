import type { z } from 'zod';
import type { TUserActor } from '@/server/auth/actor.ts';
import type { TPermission } from '@/server/auth/permissions.ts';
import type { TDb } from '@/server/db/client.ts';
import type { TCsvColumn } from './csv-export.ts';

/**
 * A report that downloads as CSV (GET /api/reports/<name>/export?<filters>): the permission it needs,
 * its filters (from the query string, so strings: coerce dates and numbers in the schema), and its
 * rows, pulled a page at a time as the download is read (keysetPages). The report's page and its export share the
 * query, so the file holds exactly what the page shows, all of it.
 */
export type TReportExport<Input = unknown, Row = unknown> = {
  permission: TPermission;
  input: z.ZodType<Input>;
  /** The download's name without extension, e.g. `who-has-access-finance-admins-2026-12-04`. */
  filename: (input: Input) => string;
  rows: (db: TDb, actor: TUserActor, input: Input) => AsyncIterable<readonly Row[]>;
  columns: TCsvColumn<Row>[];
};

/** Keeps the input and row types of one export checked against each other. */
export const defineReportExport = <Input, Row>(spec: TReportExport<Input, Row>) => spec as unknown as TReportExport;

import type { TDb } from '@/server/db/client.ts';
import { sourceRecordHash, type TSourceRecord } from '@/server/modules/lifecycle/index.ts';
import { addTouchedDeciders, type TRunDeciders } from './run-deciders.ts';
import { checkHeader } from './source-columns.ts';
import type { TSourceConfig } from './source-config.ts';
import { SourceReadError, type TReadBatches } from './source-readers.ts';
import { mapSourceRow, type TReportEntry } from './source-row.ts';

/** At most this many report lines are kept; the counts say how many there were. */
export const REPORT_LIMIT = 1_000;
/**
 * A sync that changes at most this many people keeps them in memory from the first pass, so the
 * second pass need not read the source again; a larger one (an initial load) streams it again.
 */
export const CHANGED_IN_MEMORY_LIMIT = 20_000;
const DAY_MS = 86_400_000;

export type TValidation = {
  rows: number;
  report: TReportEntry[];
  fatal: number;
  warnings: number;
  /** People this sync would deprovision: leavers it names, and (snapshot) people it no longer lists. */
  deprovisions: number;
  /** Every record id the source listed (snapshot sources: who is missing). */
  seen: Set<string>;
  /** Rows identical to what this source last sent for a person it already links. */
  unchanged: number;
  /** The other rows, when there are few enough to keep (CHANGED_IN_MEMORY_LIMIT); null otherwise. */
  changed: TSourceRecord[] | null;
  /** Required columns the header lacks, and columns it has that the source does not read. */
  missingColumns?: string[];
  unknownColumns?: string[];
  /** The people who may decide a held run whose records this sync changes (deps.deciders). */
  touchedDeciders: Set<string>;
};

/**
 * The first pass over a source: read every row (in batches), report what is wrong with each, and
 * count how many people the sync would deprovision, before anything is applied. Memory holds one
 * batch plus the ids seen (for duplicates and missing managers), and the changed rows only while
 * they are few (CHANGED_IN_MEMORY_LIMIT).
 */
export async function validateSource(
  db: TDb,
  source: { id: string; config: TSourceConfig },
  readBatches: TReadBatches,
  deps: { now: Date; changedInMemoryLimit?: number; deciders?: TRunDeciders },
): Promise<TValidation> {
  const keepLimit = deps.changedInMemoryLimit ?? CHANGED_IN_MEMORY_LIMIT;
  const { config } = source;
  const v: TValidation = {
    rows: 0,
    report: [],
    fatal: 0,
    warnings: 0,
    deprovisions: 0,
    seen: new Set(),
    unchanged: 0,
    changed: [],
    touchedDeciders: new Set(),
  };
  const add = (e: TReportEntry) => {
    if (e.fatal) v.fatal++;
    else v.warnings++;
    if (v.report.length < REPORT_LIMIT) v.report.push(e);
  };
  const employeeRows = new Map<string, number>();
  const emailRows = new Map<string, number>();
  const awaitedManagers = new Map<string, number[]>();
  let checkedHeader = false;
  try {
    for await (const batch of readBatches()) {
      if (!checkedHeader) {
        checkedHeader = true;
        const header = checkHeader(config, Object.keys(batch[0]?.values ?? {}));
        v.missingColumns = header.missing.map((c) => c.column);
        v.unknownColumns = header.unknown;
        for (const c of header.absentMapped) {
          add({
            row: 1,
            field: c.fields[0]!,
            code: 'MISSING_COLUMN',
            message: `column “${c.column}” (${c.fields.join(', ')}) is not in the file: left as it is`,
            fatal: false,
          });
        }
        if (header.unknown.length) {
          add({
            row: 1,
            field: null,
            code: 'UNKNOWN_COLUMN',
            message: `${header.unknown.map((u) => `“${u}”`).join(', ')} ${header.unknown.length === 1 ? 'is not a column' : 'are not columns'} this source reads: ignored`,
            fatal: false,
          });
        }
        if (header.missing.length) {
          for (const c of header.missing)
            add({
              row: 1,
              field: c.fields[0]!,
              code: 'MISSING_COLUMN',
              message: `the file has no column “${c.column}” (${c.fields.join(', ')}), which this source requires`,
              fatal: true,
            });
          return v;
        }
      }
      const valid: TSourceRecord[] = [];
      for (const raw of batch) {
        v.rows++;
        const { record, issues } = mapSourceRow(raw, config);
        issues.forEach(add);
        if (!record) continue;
        if (v.seen.has(record.externalId)) {
          add({
            row: raw.row,
            field: 'externalId',
            code: 'DUPLICATE_ID',
            message: `the identifier “${record.externalId}” appears twice`,
            fatal: true,
          });
        }
        v.seen.add(record.externalId);
        if (record.employeeNumber) {
          const first = employeeRows.get(record.employeeNumber);
          if (first !== undefined) {
            add({
              row: raw.row,
              field: 'employeeNumber',
              code: 'DUPLICATE_EMPLOYEE_NUMBER',
              message: `employee number ${record.employeeNumber} is also on row ${first}`,
              fatal: true,
            });
          } else employeeRows.set(record.employeeNumber, raw.row);
        }
        if (record.email) {
          const email = record.email.toLowerCase();
          const first = emailRows.get(email);
          if (first !== undefined)
            add({
              row: raw.row,
              field: 'email',
              code: 'DUPLICATE_EMAIL',
              message: `email ${record.email} is also on row ${first}`,
              fatal: true,
            });
          else emailRows.set(email, raw.row);
        }
        if (record.managerEmployeeNumber && !employeeRows.has(record.managerEmployeeNumber)) {
          const rows = awaitedManagers.get(record.managerEmployeeNumber) ?? [];
          if (rows.length < 50) rows.push(raw.row);
          awaitedManagers.set(record.managerEmployeeNumber, rows);
        }
        valid.push(record);
      }
      v.deprovisions += await countLeavers(db, source.id, valid, deps.now);
      const changed = await withoutUnchanged(db, source.id, valid);
      v.unchanged += valid.length - changed.length;
      if (deps.deciders) addTouchedDeciders(deps.deciders, changed, v.touchedDeciders);
      if (v.changed && v.changed.length + changed.length <= keepLimit) v.changed.push(...changed);
      else v.changed = null;
    }
  } catch (error) {
    if (!(error instanceof SourceReadError)) throw error;
    add({ row: error.row, field: null, code: 'SYNTAX', message: error.message, fatal: true });
    return v;
  }
  for (const n of employeeRows.keys()) awaitedManagers.delete(n);
  for (const [number, rows] of await unknownManagers(db, awaitedManagers)) {
    // A warning: the person is created without a manager, and gets one when the manager appears.
    for (const row of rows)
      add({
        row,
        field: 'managerEmployeeNumber',
        code: 'UNKNOWN_MANAGER',
        message: `manager ${number} is neither in the file nor in Gatehouse`,
        fatal: false,
      });
  }
  v.report.sort((a, b) => a.row - b.row);
  if (config.snapshot) {
    const unlisted = await listUnlisted(db, source.id, v.seen);
    v.deprovisions += unlisted.length;
    if (deps.deciders) addTouchedDeciders(deps.deciders, unlisted, v.touchedDeciders);
  }
  return v;
}

/** The records that differ from what this source last sent (by the stored hash ingestion compares). */
export async function withoutUnchanged(
  db: TDb,
  sourceId: string,
  records: TSourceRecord[],
): Promise<TSourceRecord[]> {
  if (records.length === 0) return [];
  const ids = records.map((r) => r.externalId);
  const stored = new Map(
    (
      await db.$queryRaw<Array<{ externalId: string; identityId: string | null; hash: string }>>`
        SELECT "externalId", "identityId"::text AS "identityId", hash FROM "SourceRecord"
         WHERE "sourceId" = ${sourceId}::uuid AND "externalId" = ANY(${ids}::text[])`
    ).map((r) => [r.externalId, r]),
  );
  return records.filter((record) => {
    const prev = stored.get(record.externalId);
    return !(prev?.identityId && prev.hash === sourceRecordHash(record));
  });
}

const isLeaving = (r: TSourceRecord, now: Date) =>
  r.status === 'TERMINATED' ||
  r.active === false ||
  (r.endDate instanceof Date && r.endDate.getTime() + DAY_MS <= now.getTime());

/** Records that would turn someone still working (as far as Gatehouse knows) into a leaver. */
async function countLeavers(db: TDb, sourceId: string, records: TSourceRecord[], now: Date): Promise<number> {
  const leaving = records.filter((r) => isLeaving(r, now));
  if (leaving.length === 0) return 0;
  const linked = await db.sourceRecord.findMany({
    where: { sourceId, externalId: { in: leaving.map((r) => r.externalId) } },
    select: { externalId: true, identity: { select: { status: true } } },
  });
  const linkedIds = new Set(linked.map((l) => l.externalId));
  const unlinkedNumbers = leaving
    .filter((r) => !linkedIds.has(r.externalId) && r.employeeNumber)
    .map((r) => r.employeeNumber!);
  const byNumber = unlinkedNumbers.length
    ? await db.identity.count({
        where: { employeeNumber: { in: unlinkedNumbers }, status: { not: 'TERMINATED' } },
      })
    : 0;
  return linked.filter((l) => l.identity && l.identity.status !== 'TERMINATED').length + byNumber;
}

async function unknownManagers(db: TDb, awaited: Map<string, number[]>): Promise<Map<string, number[]>> {
  const numbers = [...awaited.keys()];
  for (let i = 0; i < numbers.length; i += 5_000) {
    const found = await db.identity.findMany({
      where: { employeeNumber: { in: numbers.slice(i, i + 5_000) } },
      select: { employeeNumber: true },
    });
    for (const f of found) awaited.delete(f.employeeNumber!);
  }
  return awaited;
}

/** Snapshot sources: the people this source linked who are still working and are no longer listed. */
export async function listUnlisted(db: TDb, sourceId: string, seen: Set<string>): Promise<string[]> {
  const rows = await db.$queryRaw<Array<{ externalId: string }>>`
    SELECT sr."externalId" FROM "SourceRecord" sr JOIN "Identity" i ON i.id = sr."identityId"
     WHERE sr."sourceId" = ${sourceId}::uuid AND i.status <> 'TERMINATED' AND NOT (sr."externalId" = ANY(${[...seen]}::text[]))
     ORDER BY sr."externalId"`;
  return rows.map((r) => r.externalId);
}

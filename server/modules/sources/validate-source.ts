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
/** At most this many would-be leavers are named (a held run lists them); `deprovisions` counts them all. */
export const LEAVING_LIMIT = 500;

/** Why a sync would deprovision someone: the file says terminated (or inactive), their end date passed, or (snapshot) it no longer lists them. */
export type TLeavingReason = 'TERMINATED' | 'END_DATE' | 'UNLISTED';
export type TLeaving = { id: string; reason: TLeavingReason };

export type TValidation = {
  rows: number;
  report: TReportEntry[];
  fatal: number;
  warnings: number;
  /** People this sync would deprovision: leavers it names, and (snapshot) people it no longer lists. */
  deprovisions: number;
  /** Who they are, by identity id (the first LEAVING_LIMIT): a held run names them for the admin deciding it. */
  leaving: TLeaving[];
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
    leaving: [],
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
      v.deprovisions += await countAndNameLeavers(db, source.id, valid, deps.now, v.leaving);
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
    const unlisted = await unlistedPeople(db, source.id, v.seen);
    v.deprovisions += unlisted.length;
    for (const u of unlisted.slice(0, Math.max(0, LEAVING_LIMIT - v.leaving.length)))
      v.leaving.push({ id: u.identityId, reason: 'UNLISTED' });
    if (deps.deciders)
      addTouchedDeciders(
        deps.deciders,
        unlisted.map((u) => u.externalId),
        v.touchedDeciders,
      );
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

/** Why this record makes its person a leaver, or null when it does not. */
const leavingReason = (r: TSourceRecord, now: Date): TLeavingReason | null =>
  r.status === 'TERMINATED' || r.active === false
    ? 'TERMINATED'
    : r.endDate instanceof Date && r.endDate.getTime() + DAY_MS <= now.getTime()
      ? 'END_DATE'
      : null;

/**
 * Records that would turn someone still working (as far as Gatehouse knows) into a leaver: returns
 * how many, and names them into `leaving` up to LEAVING_LIMIT (a held run shows whom it would remove). The same two set-based reads as a bare
 * count (one for linked records, one by employee number), whatever the number of leavers.
 */
async function countAndNameLeavers(
  db: TDb,
  sourceId: string,
  records: TSourceRecord[],
  now: Date,
  leaving: TLeaving[],
): Promise<number> {
  const reasons = new Map<string, TLeavingReason>();
  for (const r of records) {
    const reason = leavingReason(r, now);
    if (reason) reasons.set(r.externalId, reason);
  }
  if (reasons.size === 0) return 0;
  const linked = await db.sourceRecord.findMany({
    where: { sourceId, externalId: { in: [...reasons.keys()] } },
    select: { externalId: true, identity: { select: { id: true, status: true } } },
  });
  const linkedIds = new Set(linked.map((l) => l.externalId));
  const reasonByNumber = new Map<string, TLeavingReason>();
  for (const r of records)
    if (reasons.has(r.externalId) && !linkedIds.has(r.externalId) && r.employeeNumber)
      reasonByNumber.set(r.employeeNumber, reasons.get(r.externalId)!);
  const byNumber = reasonByNumber.size
    ? await db.identity.findMany({
        where: { employeeNumber: { in: [...reasonByNumber.keys()] }, status: { not: 'TERMINATED' } },
        select: { id: true, employeeNumber: true },
      })
    : [];
  let count = 0;
  const name = (id: string, reason: TLeavingReason) => {
    count++;
    if (leaving.length < LEAVING_LIMIT) leaving.push({ id, reason });
  };
  for (const l of linked)
    if (l.identity && l.identity.status !== 'TERMINATED') name(l.identity.id, reasons.get(l.externalId)!);
  for (const p of byNumber) name(p.id, reasonByNumber.get(p.employeeNumber!)!);
  return count;
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
  return (await unlistedPeople(db, sourceId, seen)).map((r) => r.externalId);
}

async function unlistedPeople(
  db: TDb,
  sourceId: string,
  seen: Set<string>,
): Promise<Array<{ externalId: string; identityId: string }>> {
  return db.$queryRaw<Array<{ externalId: string; identityId: string }>>`
    SELECT sr."externalId", i.id::text AS "identityId" FROM "SourceRecord" sr JOIN "Identity" i ON i.id = sr."identityId"
     WHERE sr."sourceId" = ${sourceId}::uuid AND i.status <> 'TERMINATED' AND NOT (sr."externalId" = ANY(${[...seen]}::text[]))
     ORDER BY sr."externalId"`;
}

import type { Prisma } from '@/server/db/client.ts';
import type { TAttributeView, TStoredRecord } from './attribute-view.ts';
import { unresolvedManagerKey } from './attribute-conflicts-store.ts';
import type { TIdentityRow } from './identity-store.ts';
import { ZSourceRecord, type TSourceRecord } from './source-record.ts';

export type TManagerInput = {
  w: { externalId: string; merged: TStoredRecord };
  after: Pick<TIdentityRow, 'id' | 'employeeNumber'>;
  manager: TAttributeView['manager'];
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How a manager reference is tried, strongest first: the first form that names one person decides. */
type TForm = 'id' | 'externalId' | 'userName' | 'employeeNumber';
const FORMS: readonly TForm[] = ['id', 'externalId', 'userName', 'employeeNumber'];
/** Ids and userNames compare case-insensitively; externalIds and employee numbers exactly. */
const indexKey = (form: TForm, key: string) =>
  `${form}:${form === 'id' || form === 'userName' ? key.toLowerCase() : key}`;

/** The keys by which a record of this source can be named as someone's manager. */
export function managerKeys(
  record: { externalId: string; merged: TStoredRecord },
  person: Pick<TIdentityRow, 'id' | 'employeeNumber'>,
): Array<[TForm, string]> {
  const raw = record.merged.raw as Record<string, unknown> | undefined;
  const keys: Array<[TForm, string]> = [
    ['id', person.id.toLowerCase()],
    ['externalId', record.externalId],
  ];
  if (typeof raw?.externalId === 'string') keys.push(['externalId', raw.externalId]);
  if (typeof record.merged.username === 'string')
    keys.push(['userName', record.merged.username.toLowerCase()]);
  if (person.employeeNumber) keys.push(['employeeNumber', person.employeeNumber]);
  return keys;
}

/** Each record's manager (identity id, or null: none), and the references nobody answers to yet. */
export type TResolvedManagers = { managerIds: Map<string, string | null>; unresolved: Map<string, string> };

/**
 * Each person's manager from what the source says: by employee number (HR), by identity id, or by a
 * reference in any of those forms or the source's own externalId / userName (an IdP's free-text
 * mapping). People of this batch count. A manager nobody has yet keeps the current manager (the
 * record has no entry in `managerIds`) and is returned in `unresolved` (by record), so it can be
 * shown and resolved when that person arrives.
 */
export async function resolveManagers(
  tx: Prisma.TransactionClient,
  sourceId: string,
  computed: readonly TManagerInput[],
): Promise<TResolvedManagers> {
  const wanted = computed.flatMap((c) => (c.manager ? [c.manager] : []));
  const numbers = [
    ...new Set(
      wanted.flatMap((m) =>
        'employeeNumber' in m ? [m.employeeNumber] : 'reference' in m ? [m.reference] : [],
      ),
    ),
  ];
  const ids = [
    ...new Set(
      wanted.flatMap((m) =>
        'identityId' in m ? [m.identityId] : 'reference' in m && UUID.test(m.reference) ? [m.reference] : [],
      ),
    ),
  ];
  const refs = [...new Set(wanted.flatMap((m) => ('reference' in m ? [m.reference] : [])))];

  const index = new Map<string, Set<string>>();
  const add = (form: TForm, key: string, identityId: string) => {
    const k = indexKey(form, key);
    index.set(k, (index.get(k) ?? new Set()).add(identityId));
  };
  if (numbers.length) {
    for (const r of await tx.identity.findMany({
      where: { employeeNumber: { in: numbers } },
      select: { id: true, employeeNumber: true },
    }))
      add('employeeNumber', r.employeeNumber!, r.id);
  }
  if (ids.length)
    for (const r of await tx.identity.findMany({ where: { id: { in: ids } }, select: { id: true } }))
      add('id', r.id, r.id);
  if (refs.length) {
    // db_raw_external_id and db_username are generated from data (SQL only), so that an HR record's
    // update, which carries neither, writes no index entry (docs/decisions/102, stop 35).
    const rows = await tx.$queryRaw<
      Array<{ identityId: string; externalId: string; rawExternalId: string | null; username: string | null }>
    >`
      SELECT "identityId"::text AS "identityId", "externalId", db_raw_external_id AS "rawExternalId", db_username AS username
        FROM "SourceRecord"
       WHERE "sourceId" = ${sourceId}::uuid AND "identityId" IS NOT NULL
         AND ("externalId" = ANY(${refs}::text[]) OR db_raw_external_id = ANY(${refs}::text[])
              OR db_username = ANY(${refs.map((r) => r.toLowerCase())}::text[]))`;
    for (const r of rows) {
      add('externalId', r.externalId, r.identityId);
      if (r.rawExternalId) add('externalId', r.rawExternalId, r.identityId);
      if (r.username) add('userName', r.username, r.identityId);
    }
  }
  // What this batch says about its people overrides the repository (an employee number that moved).
  const fromBatch = new Set<string>();
  for (const c of computed) {
    for (const [form, key] of managerKeys(c.w, c.after)) {
      const k = indexKey(form, key);
      if (!fromBatch.has(k)) index.delete(k);
      fromBatch.add(k);
      add(form, key, c.after.id);
    }
  }

  const find = (forms: readonly TForm[], key: string): string | undefined => {
    for (const form of forms) {
      const hit = index.get(indexKey(form, key));
      if (hit?.size === 1) return [...hit][0];
      if (hit && hit.size > 1) return undefined;
    }
    return undefined;
  };
  const unresolved = new Map<string, string>();
  const managerIds = new Map<string, string | null>();
  for (const c of computed) {
    if (c.manager === undefined) continue;
    let managerId: string | null | undefined;
    if (c.manager === null) managerId = null;
    else if ('identityId' in c.manager) managerId = find(['id'], c.manager.identityId);
    else if ('employeeNumber' in c.manager) managerId = find(['employeeNumber'], c.manager.employeeNumber);
    else managerId = find(FORMS, c.manager.reference);
    if (managerId === undefined) {
      if (c.manager && !('identityId' in c.manager))
        unresolved.set(
          c.w.externalId,
          'employeeNumber' in c.manager ? c.manager.employeeNumber : c.manager.reference,
        );
      continue;
    }
    managerIds.set(c.w.externalId, managerId === c.after.id ? null : managerId);
  }
  return { managerIds, unresolved };
}

/**
 * Records whose manager reference is still unresolved and names one of the people just written:
 * re-applied, they find their manager now. A record of this source may name them by any form; a
 * record of another source by what is the same everywhere (identity id, employee number).
 */
export async function findManagerDependants(
  tx: Prisma.TransactionClient,
  sourceId: string,
  written: readonly TManagerInput[],
): Promise<Array<{ sourceId: string; kind: string; record: TSourceRecord }>> {
  if (written.length === 0) return [];
  const keys = written.flatMap((c) => managerKeys(c.w, c.after));
  const local = [...new Set(keys.map(([, key]) => key))];
  const global = [
    ...new Set(keys.flatMap(([form, key]) => (form === 'id' || form === 'employeeNumber' ? [key] : []))),
  ];
  // From the few unresolved references (AttributeConflict), not by scanning every source's records.
  const rows = await tx.$queryRaw<
    Array<{ sourceId: string; kind: string; externalId: string; data: TStoredRecord }>
  >`
    SELECT s."sourceId"::text AS "sourceId", src.kind::text AS kind, s."externalId", s.data FROM "AttributeConflict" a
      JOIN "SourceRecord" s ON s."identityId" = a."identityId"
      JOIN "IdentitySource" src ON src.id = s."sourceId"
     WHERE a.attribute = 'manager' AND a.status IN ('OPEN', 'RESOLVED')
       AND a."values"->>'key' = ${unresolvedManagerKey('')} || (s.data->>'managerReference')
       AND NOT (s."sourceId" = ${sourceId}::uuid AND s."externalId" = ANY(${written.map((c) => c.w.externalId)}::text[]))
       AND ((s."sourceId" = ${sourceId}::uuid AND (s.data->>'managerReference' = ANY(${local}::text[])
                                                   OR lower(s.data->>'managerReference') = ANY(${local.map((k) => k.toLowerCase())}::text[])))
            OR s.data->>'managerReference' = ANY(${global}::text[])
            OR lower(s.data->>'managerReference') = ANY(${global.map((k) => k.toLowerCase())}::text[]))`;
  return rows.map((r) => ({
    sourceId: r.sourceId,
    kind: r.kind,
    record: ZSourceRecord.parse({ ...r.data, externalId: r.externalId }),
  }));
}

import type { TDb } from '@/server/db/client.ts';
import type { TScimDoc } from './scim-schemas.ts';

/**
 * SCIM Users are the SCIM source's SourceRecords: the SCIM id is the identity id the record links to,
 * the document is `data.raw`. A deleted User keeps its record (the IdP's "gone" stays on file for
 * precedence) with `raw._deletedAt` set, and is 404 from then on (RFC 7644 §3.6).
 */
export const DELETED_MARK = '_deletedAt';

export type TUserRow = {
  externalId: string;
  identityId: string;
  raw: TScimDoc;
  createdAt: Date;
  updatedAt: Date;
};

type TRawRow = {
  externalId: string;
  identityId: string;
  raw: TScimDoc | null;
  createdAt: Date;
  updatedAt: Date;
};

const toRow = (r: TRawRow): TUserRow => ({ ...r, raw: r.raw ?? {} });

export async function findUserRow(db: TDb, sourceId: string, identityId: string): Promise<TUserRow | null> {
  const rows = await db.$queryRaw<TRawRow[]>`
    SELECT "externalId", "identityId"::text AS "identityId", data->'raw' AS raw, "createdAt", "updatedAt"
      FROM "SourceRecord"
     WHERE "sourceId" = ${sourceId}::uuid AND "identityId" = ${identityId}::uuid
       AND data ? 'raw' AND NOT (data->'raw' ? ${DELETED_MARK})
     LIMIT 1`;
  return rows[0] ? toRow(rows[0]) : null;
}

/** Every live User of the source, or only those with this userName (case-insensitive, RFC 7643 §4.1.1). */
export async function listUserRows(
  db: TDb,
  sourceId: string,
  narrow: { userName?: string } = {},
): Promise<TUserRow[]> {
  const rows = narrow.userName
    ? await db.$queryRaw<TRawRow[]>`
        SELECT "externalId", "identityId"::text AS "identityId", data->'raw' AS raw, "createdAt", "updatedAt"
          FROM "SourceRecord"
         WHERE "sourceId" = ${sourceId}::uuid AND "identityId" IS NOT NULL
           AND data ? 'raw' AND NOT (data->'raw' ? ${DELETED_MARK})
           AND lower(data->'raw'->>'userName') = lower(${narrow.userName})`
    : await db.$queryRaw<TRawRow[]>`
        SELECT "externalId", "identityId"::text AS "identityId", data->'raw' AS raw, "createdAt", "updatedAt"
          FROM "SourceRecord"
         WHERE "sourceId" = ${sourceId}::uuid AND "identityId" IS NOT NULL
           AND data ? 'raw' AND NOT (data->'raw' ? ${DELETED_MARK})
         ORDER BY "createdAt", "externalId"`;
  return rows.map(toRow);
}

/** One page of live Users in creation order, and how many there are: a plain listing reads no more. */
export async function listUserPage(
  db: TDb,
  sourceId: string,
  offset: number,
  limit: number,
): Promise<{ rows: TUserRow[]; total: number }> {
  const [rows, [count]] = await Promise.all([
    db.$queryRaw<TRawRow[]>`
      SELECT "externalId", "identityId"::text AS "identityId", data->'raw' AS raw, "createdAt", "updatedAt"
        FROM "SourceRecord"
       WHERE "sourceId" = ${sourceId}::uuid AND "identityId" IS NOT NULL
         AND data ? 'raw' AND NOT (data->'raw' ? ${DELETED_MARK})
       ORDER BY "createdAt", "externalId" OFFSET ${offset} LIMIT ${limit}`,
    db.$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS n FROM "SourceRecord"
       WHERE "sourceId" = ${sourceId}::uuid AND "identityId" IS NOT NULL
         AND data ? 'raw' AND NOT (data->'raw' ? ${DELETED_MARK})`,
  ]);
  return { rows: rows.map(toRow), total: count?.n ?? 0 };
}

/**
 * The deleted User a new POST takes up again (a rehire): the one with this userName, else one whose
 * person holds this work email or employee number and has no live User here (the IdP re-created them
 * under another userName; their own "gone" record would otherwise claim them forever).
 */
export async function findDeletedUserRow(
  db: TDb,
  sourceId: string,
  person: { userName: string; email?: string | null; employeeNumber?: string | null },
): Promise<TUserRow | null> {
  const rows = await db.$queryRaw<TRawRow[]>`
    SELECT s."externalId", s."identityId"::text AS "identityId", s.data->'raw' AS raw, s."createdAt", s."updatedAt"
      FROM "SourceRecord" s JOIN "Identity" i ON i.id = s."identityId"
     WHERE s."sourceId" = ${sourceId}::uuid AND s.data->'raw' ? ${DELETED_MARK}
       AND (lower(s.data->'raw'->>'userName') = lower(${person.userName})
            OR (lower(i.email) = lower(${person.email ?? null}::text) OR i."employeeNumber" = ${person.employeeNumber ?? null}::text)
               AND NOT EXISTS (SELECT 1 FROM "SourceRecord" l
                                WHERE l."sourceId" = s."sourceId" AND l."identityId" = s."identityId"
                                  AND l.data ? 'raw' AND NOT (l.data->'raw' ? ${DELETED_MARK})))
     ORDER BY lower(s.data->'raw'->>'userName') = lower(${person.userName}) DESC, s."updatedAt" DESC
     LIMIT 1`;
  return rows[0] ? toRow(rows[0]) : null;
}

/** Which of these identities are live Users of the source (group members must be). */
export async function liveUserIds(
  db: TDb,
  sourceId: string,
  identityIds: readonly string[],
): Promise<Set<string>> {
  if (identityIds.length === 0) return new Set();
  const rows = await db.$queryRaw<Array<{ identityId: string }>>`
    SELECT "identityId"::text AS "identityId" FROM "SourceRecord"
     WHERE "sourceId" = ${sourceId}::uuid AND "identityId" = ANY(${[...identityIds]}::uuid[])
       AND data ? 'raw' AND NOT (data->'raw' ? ${DELETED_MARK})`;
  return new Set(rows.map((r) => r.identityId));
}

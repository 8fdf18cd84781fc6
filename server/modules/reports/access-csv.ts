import { Prisma, type TDb } from '@/server/db/client.ts';
import { copyCsv } from '@/server/db/copy-csv.ts';
import { isDense, isTargetDriven } from './access-as-of.ts';
import { accessCsvSql, type TPersonKey } from './access-csv-sql.ts';
import { type TAccessScope, when } from './access-reasons-sql.ts';

/**
 * People a statement of the export writes: about 12,000 rows of everyone's access at the
 * benchmark's ten grants a person, a few MB of CSV held until its turn; a hundred statements for
 * 100,000 people, so their planning is a small part of the time.
 */
const PEOPLE_PER_STATEMENT = 1000;

/**
 * The access exports' file (who has what, and why), written by PostgreSQL (access-csv-sql.ts) and
 * passed on as it comes (copyCsv). A question walked in name order (everything, a department, an
 * entitlement most people hold) is written a stretch of people at a time, two statements at once on
 * two connections; one answered from its few holders, or about one person, is one statement. The
 * stretches end where every PEOPLE_PER_STATEMENT-th (`peoplePerStatement`-th) person in scope is, found in the file's snapshot.
 */
export function accessCsv(
  db: TDb,
  s: TAccessScope & { at: Date },
  asOf: Date,
  o: {
    peoplePerStatement?: number;
    /** Holders from which a scoped question walks people (tests write both ways). */ denseAt?: number;
  } = {},
): ReadableStream<Uint8Array> {
  const perStatement = o.peoplePerStatement ?? PEOPLE_PER_STATEMENT;
  return copyCsv(db, async (query) => {
    if (s.identityId || (isTargetDriven(s) && !(await isDense(db, s, o.denseAt))))
      return [accessCsvSql(s, { everyone: true }, asOf)];
    const ends = (await query(Prisma.sql`
      SELECT "displayName", "id"::text FROM (
        SELECT i."displayName", i."id", row_number() OVER (ORDER BY i."displayName", i."id") AS "n" FROM "Identity" i
         WHERE TRUE ${when(s.department, Prisma.sql`AND i."department" = ${s.department}`)}
      ) p WHERE "n" % ${perStatement} = 0 ORDER BY "n"`)) as Array<[string, string]>;
    const keys: Array<TPersonKey | null> = [
      null,
      ...ends.map(([displayName, identityId]) => ({ displayName, identityId })),
      null,
    ];
    return keys
      .slice(1)
      .map((upTo, i) => accessCsvSql(s, { after: keys[i] ?? null, upTo, limit: perStatement }, asOf));
  });
}

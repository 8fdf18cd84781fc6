import { z } from 'zod';
import type { TDb } from '@/server/db/client.ts';
import { pageCursorCodec } from '@/server/lib/page-cursor.ts';
import type { RiskLevel } from '@/prisma/generated/enums.ts';
import { listAccessRows, type TAccessRow, type TAccessScope } from './access-as-of.ts';
import { describeScope } from './describe-scope.ts';
import { explainGrants, type TGrantWhy } from '@/server/modules/reviews/index.ts';
import { momentOf, type TAccessFilters } from './report-filters.ts';

/** A row of "who has access to X" / "what does Y have": the holding, every reason in full, and until when. */
export type TWhoHasRow = TAccessRow & {
  why: TGrantWhy[];
  /** When the access ends or ended if nothing renews it: the last reason's end; null while any reason is open-ended. */
  until: Date | null;
};

export type TWhoHasQuery = TAccessFilters & { risk?: RiskLevel; cursor?: string | null; limit?: number };

/** Where a page ends (person name and id, entitlement name and id: the keyset), opaque to the caller. */
const ZAccessPosition = z.object({
  displayName: z.string().max(1000),
  identityId: z.uuid(),
  entitlementName: z.string().max(1000),
  entitlementId: z.uuid(),
});
/**
 * The who-has (and privileged-access) list and a person's list page the same rows, but a cursor
 * from one is refused by the other: it would start the other list at some unrelated person.
 */
const ACCESS_CURSORS = {
  whoHas: pageCursorCodec('who has access', ZAccessPosition),
  person: pageCursorCodec('person access', ZAccessPosition),
};
export type TAccessList = keyof typeof ACCESS_CURSORS;

/**
 * One page of who held what at the moment asked about (now by default), with why: the page, the
 * privileged-access page and a person's page read it. Their CSV exports are written by PostgreSQL
 * from the same definitions (access-csv.ts), tested byte for byte against these rows.
 */
export async function listWhoHas(
  db: TDb,
  q: TWhoHasQuery,
  deps: { now: Date },
  list: TAccessList = 'whoHas',
): Promise<{ at: Date; rows: TWhoHasRow[]; next: string | null }> {
  const cursors = ACCESS_CURSORS[list];
  const at = momentOf(q.asOf, deps.now);
  const { rows, next } = await listAccessRows(db, {
    ...accessScopeOf(q),
    at,
    after: q.cursor ? cursors.decode(q.cursor) : null,
    limit: q.limit ?? 50,
  });
  return { at, next: next ? cursors.encode(next) : null, rows: await explainRows(db, rows, at) };
}

/** What a report's filters ask about, as the access queries take it. */
export const accessScopeOf = (q: Omit<TWhoHasQuery, 'cursor' | 'limit'>): TAccessScope => ({
  entitlementId: q.entitlement,
  roleId: q.role,
  applicationId: q.application,
  risk: q.risk,
  department: q.department,
  identityId: q.person,
  source: q.source,
});

/** Each row's reasons in full as they stood at `at`, and until when it lasts (in place). */
async function explainRows(db: TDb, rows: TAccessRow[], at: Date): Promise<TWhoHasRow[]> {
  const whys = await explainGrants(
    db,
    rows.flatMap((r) => r.reasons),
    at,
  );
  return rows.map((r) => {
    const why: TGrantWhy[] = [];
    let until: number | null = r.reasons.length ? -Infinity : null;
    for (const x of r.reasons) {
      const w = whys.get(x.grantId);
      if (w) why.push(w);
      const end = endOf(x);
      until = until === null || end === null ? null : Math.max(until, end);
    }
    return Object.assign(r, { why, until: until === null ? null : new Date(until) });
  });
}

/** When a reason ends or ended (its end date or its ending, whichever is first), in ms; null while open-ended. */
const endOf = (r: { endsAt: Date | null; endedAt: Date | null }) =>
  r.endsAt && r.endedAt
    ? Math.min(r.endsAt.getTime(), r.endedAt.getTime())
    : ((r.endsAt ?? r.endedAt)?.getTime() ?? null);

/** The who-has page (and the privileged-access page, at HIGH risk): what the filters name, then a page of rows. */
export async function getWhoHasReport(db: TDb, q: TWhoHasQuery, deps: { now: Date }) {
  const [scope, page] = await Promise.all([describeScope(db, q), listWhoHas(db, q, deps)]);
  return { scope, at: page.at, rows: page.rows, nextCursor: page.next };
}

/** A person's page: who they are and their accounts now, then a page of what they held at the moment asked about. */
export async function getPersonAccessReport(
  db: TDb,
  q: TWhoHasQuery & { person: string },
  deps: { now: Date },
) {
  const [{ person, application }, page] = await Promise.all([
    describeScope(db, { person: q.person, application: q.application }),
    listWhoHas(db, q, deps, 'person'),
  ]);
  return { person: person!, application, at: page.at, rows: page.rows, nextCursor: page.next };
}

import type { TDb } from '@/server/db/client.ts';
import type { RiskLevel } from '@/prisma/generated/enums.ts';
import { listAccessRows, type TAccessKey, type TAccessRow, type TAccessScope, type TDensity } from './access-as-of.ts';
import { describeScope } from './describe-scope.ts';
import { explainGrants, type TGrantWhy } from './grant-why.ts';
import { momentOf, type TAccessFilters } from './report-filters.ts';

/** A row of "who has access to X" / "what does Y have": the holding, every reason in full, and until when. */
export type TWhoHasRow = TAccessRow & {
  why: TGrantWhy[];
  /** When the access ends or ended if nothing renews it: the last reason's end; null while any reason is open-ended. */
  until: Date | null;
};

export type TWhoHasQuery = TAccessFilters & { risk?: RiskLevel; cursor?: TAccessKey | null; limit?: number; density?: TDensity };

/**
 * One page of who held what at the moment asked about (now by default), with why. The page, the
 * privileged-access page, a person's page and their CSV exports all read it, so a file holds
 * exactly what its page shows.
 */
export async function listWhoHas(db: TDb, q: TWhoHasQuery, deps: { now: Date }): Promise<{ at: Date; rows: TWhoHasRow[]; next: TAccessKey | null }> {
  const at = momentOf(q.asOf, deps.now);
  const { rows, next } = await listAccessRows(db, { ...scopeOf(q), at, after: q.cursor ?? null, limit: q.limit ?? 50, density: q.density });
  return { at, next, rows: await explainRows(db, rows) };
}

const scopeOf = (q: TWhoHasQuery): TAccessScope => ({
  entitlementId: q.entitlement,
  roleId: q.role,
  applicationId: q.application,
  risk: q.risk,
  department: q.department,
  identityId: q.person,
  source: q.source,
});

/** Each row's reasons in full, and until when it lasts. In place: an export's page is thousands of rows, and a copy of each is garbage. */
async function explainRows(db: TDb, rows: TAccessRow[]): Promise<TWhoHasRow[]> {
  const whys = await explainGrants(
    db,
    rows.flatMap((r) => r.reasons),
  );
  return rows.map((r) =>
    Object.assign(r, {
      why: r.reasons.flatMap((x) => whys.get(x.grantId) ?? []),
      until: r.reasons.length === 0 || r.reasons.some((x) => endOf(x) === null) ? null : new Date(Math.max(...r.reasons.map((x) => endOf(x)!.getTime()))),
    }),
  );
}

const endOf = (r: { endsAt: Date | null; endedAt: Date | null }) => {
  const ends = [r.endsAt, r.endedAt].filter((d): d is Date => d !== null);
  return ends.length ? new Date(Math.min(...ends.map((d) => d.getTime()))) : null;
};

/**
 * Every row of the report, page by page (keyset), for its CSV export: the next page's rows are
 * asked for as soon as a page's key is known, while this page is explained and written, so the
 * database works on two things at once and the writer rarely waits. Two pages at most are held.
 */
export async function* allWhoHas(db: TDb, q: Omit<TWhoHasQuery, 'cursor' | 'limit' | 'density'>, deps: { now: Date }, pageSize = 5000): AsyncGenerator<TWhoHasRow> {
  const at = momentOf(q.asOf, deps.now);
  const density: TDensity = { rowsPerPerson: null };
  const pageAfter = (after: TAccessKey | null) => listAccessRows(db, { ...scopeOf(q), at, after, limit: pageSize, density });
  let pending: ReturnType<typeof pageAfter> | null = pageAfter(null);
  while (pending) {
    const { rows, next }: Awaited<ReturnType<typeof pageAfter>> = await pending;
    pending = next ? pageAfter(next) : null;
    // A failure surfaces when the page is awaited; until then (or if the reader stops) it is not unhandled.
    pending?.catch(() => {});
    yield* await explainRows(db, rows);
  }
}

/** The who-has page (and the privileged-access page, at HIGH risk): what the filters name, then a page of rows. */
export async function getWhoHasReport(db: TDb, q: TWhoHasQuery, deps: { now: Date }) {
  const [scope, page] = await Promise.all([describeScope(db, q), listWhoHas(db, q, deps)]);
  return { scope, at: page.at, rows: page.rows, nextCursor: page.next };
}

/** A person's page: who they are and their accounts now, then a page of what they held at the moment asked about. */
export async function getPersonAccessReport(db: TDb, q: TWhoHasQuery & { person: string }, deps: { now: Date }) {
  const [{ person, application }, page] = await Promise.all([describeScope(db, { person: q.person, application: q.application }), listWhoHas(db, q, deps)]);
  return { person: person!, application, at: page.at, rows: page.rows, nextCursor: page.next };
}

import type { TDb } from '@/server/db/client.ts';
import type { RiskLevel } from '@/prisma/generated/enums.ts';
import { keysetPages } from './csv-export.ts';
import { keyOf, listAccessRows, type TAccessKey, type TAccessRow } from './access-as-of.ts';
import { describeScope } from './describe-scope.ts';
import { describeGrants, type TGrantWhy } from './grant-why.ts';
import { momentOf, type TAccessFilters } from './report-filters.ts';

/** A row of "who has access to X" / "what does Y have": the holding, every reason in full, and until when. */
export type TWhoHasRow = Omit<TAccessRow, 'reasons'> & {
  why: TGrantWhy[];
  /** When the access ends or ended if nothing renews it: the last reason's end; null while any reason is open-ended. */
  until: Date | null;
};

export type TWhoHasQuery = TAccessFilters & { risk?: RiskLevel; cursor?: TAccessKey | null; limit?: number };

/**
 * One page of who held what at the moment asked about (now by default), with why. The page, the
 * privileged-access page, a person's page and their CSV exports all read it, so a file holds
 * exactly what its page shows.
 */
export async function listWhoHas(db: TDb, q: TWhoHasQuery, deps: { now: Date }): Promise<{ at: Date; rows: TWhoHasRow[]; next: TAccessKey | null }> {
  const at = momentOf(q.asOf, deps.now);
  const { rows, next } = await listAccessRows(db, {
    entitlementId: q.entitlement,
    roleId: q.role,
    applicationId: q.application,
    risk: q.risk,
    department: q.department,
    identityId: q.person,
    source: q.source,
    at,
    after: q.cursor ?? null,
    limit: q.limit ?? 50,
  });
  const whys = await describeGrants(
    db,
    rows.flatMap((r) => r.reasons.map((x) => x.grantId)),
  );
  return {
    at,
    next,
    rows: rows.map(({ reasons, ...r }) => ({
      ...r,
      why: reasons.flatMap((x) => whys.get(x.grantId) ?? []),
      until: reasons.length === 0 || reasons.some((x) => endOf(x) === null) ? null : new Date(Math.max(...reasons.map((x) => endOf(x)!.getTime()))),
    })),
  };
}

const endOf = (r: { endsAt: Date | null; endedAt: Date | null }) => {
  const ends = [r.endsAt, r.endedAt].filter((d): d is Date => d !== null);
  return ends.length ? new Date(Math.min(...ends.map((d) => d.getTime()))) : null;
};

/** Every row of the report, page by page, for its CSV export. */
export function allWhoHas(db: TDb, q: Omit<TWhoHasQuery, 'cursor' | 'limit'>, deps: { now: Date }, pageSize = 5000): AsyncIterable<TWhoHasRow> {
  return keysetPages(async (after: TAccessKey | null, limit) => (await listWhoHas(db, { ...q, cursor: after, limit }, deps)).rows, keyOf, pageSize);
}

/** The who-has page (and the privileged-access page, at HIGH risk): what the filters name, then a page of rows. */
export async function getWhoHasReport(db: TDb, q: TWhoHasQuery, deps: { now: Date }) {
  const scope = await describeScope(db, q);
  const page = await listWhoHas(db, q, deps);
  return { scope, at: page.at, rows: page.rows, nextCursor: page.next };
}

/** A person's page: who they are and their accounts now, then a page of what they held at the moment asked about. */
export async function getPersonAccessReport(db: TDb, q: TWhoHasQuery & { person: string }, deps: { now: Date }) {
  const { person } = await describeScope(db, { person: q.person });
  const page = await listWhoHas(db, q, deps);
  return { person: person!, at: page.at, rows: page.rows, nextCursor: page.next };
}

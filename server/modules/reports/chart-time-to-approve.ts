import type { TDb } from '@/server/db/client.ts';
import { dayAfter, type TChartRange } from './chart-range.ts';

const HOUR = 3600;
const DAY = 24 * HOUR;

/** The histogram's bins: [from, to) seconds between submission and approval. */
export const TIME_TO_APPROVE_BINS = [
  { label: 'Under 1 hour', from: 0, to: HOUR },
  { label: '1–4 hours', from: HOUR, to: 4 * HOUR },
  { label: '4–24 hours', from: 4 * HOUR, to: DAY },
  { label: '1–3 days', from: DAY, to: 3 * DAY },
  { label: '3–7 days', from: 3 * DAY, to: 7 * DAY },
  { label: '7–14 days', from: 7 * DAY, to: 14 * DAY },
  { label: '14 days or more', from: 14 * DAY, to: null },
] as const;

export type TTimeToApprove = {
  bins: Array<{ label: string; requests: number }>;
  /** Approved requests decided in the range, and how many of them an auto-approval rule decided. */
  total: number;
  automatic: number;
  medianHours: number | null;
};

/**
 * How long approved requests took from submission to approval, for those approved in the range (UTC
 * days): a histogram over fixed bins, with the count, the automatic ones and the median. One query.
 */
export async function chartTimeToApprove(db: TDb, range: TChartRange): Promise<TTimeToApprove> {
  const rows = await db.$queryRaw<
    Array<{
      position: number;
      label: string;
      requests: number;
      total: number;
      automatic: number;
      medianSeconds: number | null;
    }>
  >`
    WITH approved AS (
      -- GREATEST: an automatic approval is stamped by the application, the request by the database, a
      -- moment apart either way round; it took no time.
      SELECT GREATEST(extract(epoch FROM r."decidedAt" - r."createdAt"), 0)::float8 AS secs, r."autoApprovedBy" IS NOT NULL AS automatic
        FROM "AccessRequest" r
       WHERE r.status = 'APPROVED' AND r."decidedAt" >= ${range.from}::timestamp AND r."decidedAt" < ${dayAfter(range.to)}::timestamp
    ), bins AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(TIME_TO_APPROVE_BINS.map((b, position) => ({ position, ...b })))}::jsonb)
        AS b(position int, label text, "from" float8, "to" float8)
    )
    SELECT bins.position, bins.label, count(a.secs)::int AS requests,
           (SELECT count(*) FROM approved)::int AS total,
           (SELECT count(*) FROM approved WHERE automatic)::int AS automatic,
           (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY secs) FROM approved)::float8 AS "medianSeconds"
      FROM bins
      LEFT JOIN approved a ON a.secs >= bins."from" AND (bins."to" IS NULL OR a.secs < bins."to")
     GROUP BY bins.position, bins.label
     ORDER BY bins.position`;
  const first = rows[0];
  return {
    bins: rows.map((r) => ({ label: r.label, requests: r.requests })),
    total: first?.total ?? 0,
    automatic: first?.automatic ?? 0,
    medianHours: first?.medianSeconds == null ? null : first.medianSeconds / HOUR,
  };
}

import { z } from 'zod';
import type { Prisma, TDb } from '@/server/db/client.ts';
import { pageCursorCodec, ZCursorDate } from '@/server/lib/page-cursor.ts';
import { parseRequestNumber, requestNumber } from '@/server/shared/request-number.ts';
import {
  checkDayRange,
  endOfDay,
  startOfDay,
  ZChoiceFilter,
  ZDayFilter,
  ZTextFilter,
} from '@/server/lib/query-filters.ts';
import { likeLiteral } from '@/server/db/count-capped.ts';

export const REQUEST_STATUSES = ['PENDING', 'APPROVED', 'DENIED', 'CANCELLED', 'EXPIRED'] as const;

/** The all-requests report's filters, as its page's query string and its CSV export carry them. */
export const REQUEST_REPORT_FILTERS = {
  /** REQ-3F9A01BC, a longer prefix of the id, or the id. */
  number: ZTextFilter.refine(
    (v) => !v || parseRequestNumber(v) !== null,
    'is not a request number (REQ- and at least four of its characters, or its id)',
  ),
  requester: ZTextFilter,
  beneficiary: ZTextFilter,
  /** An entitlement's, a role's or an application's name. */
  item: ZTextFilter,
  /** Anyone assigned a step of the request, or who decided one. */
  approver: ZTextFilter,
  status: ZChoiceFilter(REQUEST_STATUSES),
  /** Submitted on or after this day (UTC). */
  from: ZDayFilter,
  /** Submitted on or before this day (UTC). */
  to: ZDayFilter,
};
export const ZRequestReportFilters = z.object(REQUEST_REPORT_FILTERS).superRefine(checkDayRange);
export type TRequestReportFilters = Partial<z.output<typeof ZRequestReportFilters>>;

/** Where a report's row sits in its order (newest first): the page after it starts below it. */
export type TRequestCursor = { createdAt: Date; id: string };

const requestCursors = pageCursorCodec('requests report', z.object({ createdAt: ZCursorDate, id: z.uuid() }));
export const encodeRequestCursor = (c: TRequestCursor) =>
  requestCursors.encode({ createdAt: c.createdAt, id: c.id });
export const decodeRequestCursor = (text: string): TRequestCursor => requestCursors.decode(text);

const personMatches = (text: string): Prisma.IdentityWhereInput => {
  const like = likeLiteral(text);
  return {
    OR: [
      { displayName: { contains: like, mode: 'insensitive' } },
      { username: { contains: like, mode: 'insensitive' } },
      { email: { contains: like, mode: 'insensitive' } },
      { employeeNumber: { equals: text, mode: 'insensitive' } },
    ],
  };
};

/** The filters as a Prisma condition (every filter given must hold). */
export function requestReportWhere(f: TRequestReportFilters): Prisma.AccessRequestWhereInput {
  const and: Prisma.AccessRequestWhereInput[] = [];
  const ids = f.number ? parseRequestNumber(f.number) : null;
  if (ids) and.push({ id: ids });
  if (f.requester) and.push({ requester: personMatches(f.requester) });
  if (f.beneficiary) and.push({ beneficiary: personMatches(f.beneficiary) });
  if (f.item) {
    const name = { contains: likeLiteral(f.item), mode: 'insensitive' as const };
    and.push({
      OR: [{ entitlement: { name } }, { entitlement: { application: { name } } }, { role: { name } }],
    });
  }
  if (f.approver)
    and.push({
      steps: {
        some: { OR: [{ approver: personMatches(f.approver) }, { decidedBy: personMatches(f.approver) }] },
      },
    });
  if (f.status) and.push({ status: f.status });
  if (f.from) and.push({ createdAt: { gte: startOfDay(f.from) } });
  if (f.to) and.push({ createdAt: { lt: endOfDay(f.to) } });
  return { AND: and };
}

const ROW_SELECT = {
  id: true,
  kind: true,
  status: true,
  justification: true,
  requestedEndsAt: true,
  approvedEndsAt: true,
  createdAt: true,
  decidedAt: true,
  autoApprovedBy: true,
  grantId: true,
  requester: { select: { id: true, displayName: true, username: true } },
  beneficiary: { select: { id: true, displayName: true, username: true } },
  entitlement: { select: { name: true, application: { select: { name: true } } } },
  role: { select: { name: true } },
  stages: { select: { status: true } },
  steps: {
    orderBy: [{ decidedAt: 'asc' }, { createdAt: 'asc' }],
    select: {
      status: true,
      comment: true,
      decidedAt: true,
      stage: { select: { name: true, status: true } },
      approver: { select: { displayName: true } },
      decidedBy: { select: { displayName: true } },
    },
  },
} satisfies Prisma.AccessRequestSelect;

/**
 * One page of the all-requests report, newest first, after `after` (keyset: nothing is skipped or
 * repeated as requests are added while someone pages). Each request with who decided it, how and
 * with what comment, and whom it waits for.
 */
export async function listRequestsReportPage(
  db: TDb,
  filters: TRequestReportFilters,
  page: { after: TRequestCursor | null; limit: number },
) {
  const after = page.after;
  const rows = await db.accessRequest.findMany({
    where: {
      AND: [
        requestReportWhere(filters),
        after
          ? {
              OR: [
                { createdAt: { lt: after.createdAt } },
                { createdAt: after.createdAt, id: { lt: after.id } },
              ],
            }
          : {},
      ],
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: page.limit,
    select: ROW_SELECT,
  });
  const ruleIds = [...new Set(rows.flatMap((r) => (r.autoApprovedBy ? [r.autoApprovedBy] : [])))];
  const rules = ruleIds.length
    ? await db.autoApprovalRule.findMany({ where: { id: { in: ruleIds } }, select: { id: true, name: true } })
    : [];
  return rows.map(({ entitlement, role, steps, stages, autoApprovedBy, ...r }) => ({
    ...r,
    number: requestNumber(r.id),
    item: entitlement
      ? {
          kind: 'ENTITLEMENT' as const,
          name: entitlement.name,
          applicationName: entitlement.application.name,
        }
      : { kind: 'ROLE' as const, name: role?.name ?? '', applicationName: null },
    decisions: steps
      .filter((s) => s.decidedAt && (s.status === 'APPROVED' || s.status === 'DENIED'))
      .map((s) => ({
        stage: s.stage.name,
        decision: s.status as 'APPROVED' | 'DENIED',
        decidedBy: s.decidedBy?.displayName ?? s.approver.displayName,
        onBehalfOf:
          s.decidedBy && s.decidedBy.displayName !== s.approver.displayName ? s.approver.displayName : null,
        decidedAt: s.decidedAt!,
        comment: s.comment,
      })),
    pendingWith:
      r.status === 'PENDING'
        ? [
            ...new Set(
              steps
                .filter((s) => s.status === 'PENDING' && s.stage.status === 'PENDING')
                .map((s) => s.approver.displayName),
            ),
          ]
        : [],
    stageCount: stages.length,
    autoApprovalRule: autoApprovedBy
      ? (rules.find((x) => x.id === autoApprovedBy)?.name ?? 'an auto-approval rule since deleted')
      : null,
  }));
}

export type TRequestReportRow = Awaited<ReturnType<typeof listRequestsReportPage>>[number];

/** The report's page as the browser asks for it: rows, the cursor of the next page, and on the first page the total. */
export async function listRequestsReport(
  db: TDb,
  input: TRequestReportFilters & { cursor?: string | null; limit: number },
) {
  const { cursor, limit, ...filters } = input;
  const after = cursor ? decodeRequestCursor(cursor) : null;
  const [items, total] = await Promise.all([
    listRequestsReportPage(db, filters, { after, limit: limit + 1 }),
    after ? Promise.resolve(null) : db.accessRequest.count({ where: requestReportWhere(filters) }),
  ]);
  const page = items.slice(0, limit);
  const last = page.at(-1);
  return { items: page, nextCursor: items.length > limit && last ? encodeRequestCursor(last) : null, total };
}

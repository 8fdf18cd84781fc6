import { z } from 'zod';
import type { Prisma, TDb } from '@/server/db/client.ts';
import { pageCursorCodec, ZCursorDate } from '@/server/lib/page-cursor.ts';
import {
  checkDayRange,
  endOfDay,
  startOfDay,
  ZChoiceFilter,
  ZDayFilter,
  ZTextFilter,
} from '@/server/lib/query-filters.ts';
import { likeLiteral } from '@/server/db/count-capped.ts';

/** The SoD violations report's filters, as its page's query string and its CSV export carry them. */
export const SOD_REPORT_FILTERS = {
  rule: z
    .union([z.literal(''), z.string().uuid('is not a rule id')])
    .optional()
    .transform((v) => v || undefined),
  /** A name, username, email or employee number. */
  person: ZTextFilter,
  department: ZTextFilter,
  state: ZChoiceFilter(['open', 'resolved']),
  /** Open at any time from this day (UTC)… */
  from: ZDayFilter,
  /** …to this day, included. */
  to: ZDayFilter,
};
export const ZSodReportFilters = z.object(SOD_REPORT_FILTERS).superRefine(checkDayRange);
export type TSodReportFilters = Partial<z.output<typeof ZSodReportFilters>>;

export type TSodCursor = { detectedAt: Date; id: string };
const sodCursors = pageCursorCodec(
  'SoD violations report',
  z.object({ detectedAt: ZCursorDate, id: z.uuid() }),
);
export const encodeSodCursor = (c: TSodCursor) => sodCursors.encode({ detectedAt: c.detectedAt, id: c.id });
export const decodeSodCursor = (text: string): TSodCursor => sodCursors.decode(text);

/** The filters as a Prisma condition. A date range keeps the violations open at any moment in it. */
export function sodReportWhere(f: TSodReportFilters): Prisma.SodViolationWhereInput {
  const and: Prisma.SodViolationWhereInput[] = [];
  if (f.rule) and.push({ ruleId: f.rule });
  if (f.person) {
    const like = likeLiteral(f.person);
    and.push({
      identity: {
        OR: [
          { displayName: { contains: like, mode: 'insensitive' } },
          { username: { contains: like, mode: 'insensitive' } },
          { email: { contains: like, mode: 'insensitive' } },
          { employeeNumber: { equals: f.person, mode: 'insensitive' } },
        ],
      },
    });
  }
  if (f.department) and.push({ identity: { department: { equals: f.department, mode: 'insensitive' } } });
  if (f.state === 'open') and.push({ resolvedAt: null });
  if (f.state === 'resolved') and.push({ resolvedAt: { not: null } });
  if (f.to) and.push({ detectedAt: { lt: endOfDay(f.to) } });
  if (f.from) and.push({ OR: [{ resolvedAt: null }, { resolvedAt: { gte: startOfDay(f.from) } }] });
  return { AND: and };
}

type TDetails = { status?: string; explanation?: string; prevented?: string; what?: string };

/**
 * One page of violations, current and past, newest detected first (keyset, as the requests report),
 * each with the mitigating controls for its rule and person that were in force at some moment of
 * its life, and what became of them (in force, expired, revoked) as of `now`.
 */
export async function listSodViolationsReportPage(
  db: TDb,
  filters: TSodReportFilters,
  page: { after: TSodCursor | null; limit: number; now: Date },
) {
  const { after, now } = page;
  const rows = await db.sodViolation.findMany({
    where: {
      AND: [
        sodReportWhere(filters),
        after
          ? {
              OR: [
                { detectedAt: { lt: after.detectedAt } },
                { detectedAt: after.detectedAt, id: { lt: after.id } },
              ],
            }
          : {},
      ],
    },
    orderBy: [{ detectedAt: 'desc' }, { id: 'desc' }],
    take: page.limit,
    select: {
      id: true,
      details: true,
      detectedAt: true,
      resolvedAt: true,
      mitigationId: true,
      rule: { select: { id: true, name: true, severity: true } },
      identity: { select: { id: true, displayName: true, username: true, department: true } },
    },
  });
  const pairs = [
    ...new Map(
      rows.map((r) => [`${r.rule.id}:${r.identity.id}`, { ruleId: r.rule.id, identityId: r.identity.id }]),
    ).values(),
  ];
  const mitigations = pairs.length
    ? await db.sodMitigation.findMany({
        where: { OR: pairs },
        orderBy: { createdAt: 'asc' },
        select: {
          id: true,
          ruleId: true,
          identityId: true,
          control: true,
          createdAt: true,
          expiresAt: true,
          revokedAt: true,
          createdById: true,
        },
      })
    : [];
  const creatorIds = [...new Set(mitigations.flatMap((m) => (m.createdById ? [m.createdById] : [])))];
  const creators = creatorIds.length
    ? await db.identity.findMany({
        where: { id: { in: creatorIds } },
        select: { id: true, displayName: true },
      })
    : [];
  return rows.map(({ details, mitigationId, ...v }) => {
    const d = (details ?? {}) as TDetails;
    const lifeEnd = v.resolvedAt ?? now;
    const endOf = (m: (typeof mitigations)[number]) =>
      m.revokedAt && m.revokedAt < m.expiresAt ? m.revokedAt : m.expiresAt;
    return {
      ...v,
      state: d.prevented ? ('PREVENTED' as const) : v.resolvedAt ? ('RESOLVED' as const) : ('OPEN' as const),
      status: d.status ?? null,
      explanation: d.explanation ?? '',
      prevented: d.prevented ? { by: d.prevented, what: d.what ?? null } : null,
      mitigations: mitigations
        .filter(
          (m) =>
            m.ruleId === v.rule.id &&
            m.identityId === v.identity.id &&
            (m.id === mitigationId || (m.createdAt <= lifeEnd && endOf(m) > v.detectedAt)),
        )
        .map((m) => ({
          id: m.id,
          control: m.control,
          recordedAt: m.createdAt,
          expiresAt: m.expiresAt,
          revokedAt: m.revokedAt,
          recordedBy: creators.find((c) => c.id === m.createdById)?.displayName ?? null,
          state:
            m.revokedAt && m.revokedAt <= now
              ? ('REVOKED' as const)
              : m.expiresAt <= now
                ? ('EXPIRED' as const)
                : ('IN_FORCE' as const),
        })),
    };
  });
}

export type TSodReportRow = Awaited<ReturnType<typeof listSodViolationsReportPage>>[number];

export async function listSodViolationsReport(
  db: TDb,
  input: TSodReportFilters & { cursor?: string | null; limit: number },
  deps: { now?: Date } = {},
) {
  const { cursor, limit, ...filters } = input;
  const after = cursor ? decodeSodCursor(cursor) : null;
  const [items, total] = await Promise.all([
    listSodViolationsReportPage(db, filters, { after, limit: limit + 1, now: deps.now ?? new Date() }),
    after ? Promise.resolve(null) : db.sodViolation.count({ where: sodReportWhere(filters) }),
  ]);
  const page = items.slice(0, limit);
  const last = page.at(-1);
  return { items: page, nextCursor: items.length > limit && last ? encodeSodCursor(last) : null, total };
}

/** What the report's filters offer: every rule (by name, retired ones too) and every department people are in. */
export async function listSodReportChoices(db: TDb) {
  const [rules, departments] = await Promise.all([
    db.sodRule.findMany({
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      select: { id: true, name: true, retiredAt: true },
    }),
    db.identity.findMany({
      where: { department: { not: null } },
      distinct: ['department'],
      orderBy: { department: 'asc' },
      select: { department: true },
    }),
  ]);
  return {
    // A retired rule's violations stay in the report; its name says it is no longer checked.
    rules: rules.map((r) => ({ id: r.id, name: r.retiredAt ? `${r.name} (retired)` : r.name })),
    departments: departments.map((d) => d.department!),
  };
}

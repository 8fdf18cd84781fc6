import { Prisma, type TDb } from '@/server/db/client.ts';
import { queryArrays } from '@/server/db/query-arrays.ts';
import type { GrantSource, GrantStatus } from '@/prisma/generated/enums.ts';
import type { TDayWriter } from '@/server/shared/format-date.ts';
import { requestNumber, requestRefText } from '@/server/shared/request-number.ts';
import { lastGrantReviews, reviewText, type TGrantReview } from './grant-reviews.ts';

// Why a grant is held, ending with its last review: the reviewers' items show it, and the reports
// (above reviews, docs/decisions/094) read it from here.

/** One approver's decision on a request, as recorded on its step. */
export type TDecision = {
  approver: string;
  decidedBy: string | null;
  decision: 'APPROVED' | 'DENIED';
  at: Date;
  comment: string | null;
};

/** What a grant row says of itself; the rest of its why is looked up by its references. */
export type TGrantFacts = {
  grantId: string;
  source: GrantSource;
  sourceRef: string | null;
  status: GrantStatus;
  roleId: string | null;
  grantedById: string | null;
  startsAt: Date;
  endsAt: Date | null;
  endedAt: Date | null;
};

/**
 * Why a grant exists, in the words a list row needs: the role it is of, the birthright rule, the
 * request with its justification and decisions (or the auto-approval rule), who granted it by hand.
 * The whole chain of one grant (stages, SoD, operations) is grant-evidence.ts.
 */
export type TGrantWhy = Omit<TGrantFacts, 'roleId' | 'grantedById'> & {
  role: { id: string; name: string } | null;
  rule: { id: string; name: string } | null;
  request: {
    id: string;
    justification: string;
    autoApprovedBy: string | null;
    decisions: TDecision[];
  } | null;
  grantedBy: string | null;
  /** The last access review that kept or revoked it. */
  review: TGrantReview | null;
};

/** A request with one of its decided steps (or none), as the query below reads it. */
type TDecidedRow = [
  id: string,
  justification: string,
  autoApprovedBy: string | null,
  status: TDecision['decision'] | null,
  decidedAt: Date | null,
  comment: string | null,
  approver: string | null,
  decidedBy: string | null,
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const refOf = (g: TGrantFacts, source: GrantSource) =>
  g.source === source && g.sourceRef && UUID.test(g.sourceRef) ? g.sourceRef : null;

/**
 * The grants' reasons, looked up a set at a time (a page of a report, an export's batch of
 * thousands): the roles, rules, requests with their decisions and the people who granted by hand,
 * one query each, side by side. Built with plain loops and one object per grant: an export explains
 * a million grants, and spreads, rest copies and per-grant arrays were a tenth of its time.
 */
export async function explainGrants(
  db: TDb,
  grants: readonly TGrantFacts[],
  /** The moment a report answers for (who held what on a past day): later reviews are left out. */
  at?: Date,
): Promise<Map<string, TGrantWhy>> {
  if (grants.length === 0) return new Map();
  const roleIds = new Set<string>();
  const ruleIds = new Set<string>();
  const granterIds = new Set<string>();
  const requestIds = new Set<string>();
  for (const g of grants) {
    if (g.roleId) roleIds.add(g.roleId);
    if (g.grantedById) granterIds.add(g.grantedById);
    const request = refOf(g, 'REQUEST');
    if (request) requestIds.add(request);
    const rule = refOf(g, 'BIRTHRIGHT');
    if (rule) ruleIds.add(rule);
  }
  const [names, decided, reviews] = await Promise.all([
    roleIds.size + ruleIds.size + granterIds.size
      ? (queryArrays(
          db,
          Prisma.sql`
          SELECT 'role' AS "kind", "id"::text, "name" FROM "Role" WHERE "id" = ANY(${[...roleIds]}::uuid[])
          UNION ALL SELECT 'rule', "id"::text, "name" FROM "BirthrightRule" WHERE "id" = ANY(${[...ruleIds]}::uuid[])
          UNION ALL SELECT 'person', "id"::text, "displayName" FROM "Identity" WHERE "id" = ANY(${[...granterIds]}::uuid[])`,
        ) as Promise<Array<[kind: 'role' | 'rule' | 'person', id: string, name: string]>>)
      : [],
    // Each request with its decided steps (one row per step, or one with none), approvers named by id
    // lookups (the decider only when not the approver). Requests are found from the list of ids, one
    // index lookup each: as `id = ANY(…)` the planner scans a thousand of them with parallel workers,
    // whose start costs more than the query (an export's batch: 4 against 8 µs of PostgreSQL's time a row).
    requestIds.size
      ? (queryArrays(
          db,
          Prisma.sql`
          SELECT ar."id"::text, ar."justification", aa."name" AS "autoApprovedBy", s."status", s."decidedAt", s."comment", ap."displayName" AS "approver",
                 CASE WHEN s."decidedById" = s."approverId" THEN ap."displayName" ELSE dec."displayName" END AS "decidedBy"
            FROM unnest(${[...requestIds]}::uuid[]) AS r("id")
            JOIN "AccessRequest" ar ON ar."id" = r."id"
            LEFT JOIN "AutoApprovalRule" aa ON aa."id"::text = ar."autoApprovedBy"
            LEFT JOIN "ApprovalStep" s ON s."requestId" = ar."id" AND s."status" IN ('APPROVED', 'DENIED') AND s."decidedAt" IS NOT NULL
            LEFT JOIN LATERAL (SELECT "displayName" FROM "Identity" WHERE "id" = s."approverId") ap ON TRUE
            LEFT JOIN LATERAL (SELECT "displayName" FROM "Identity" WHERE "id" = s."decidedById" AND s."decidedById" <> s."approverId") dec ON TRUE
           ORDER BY ar."id", s."decidedAt", s."id"`,
        ) as Promise<TDecidedRow[]>)
      : [],
    lastGrantReviews(
      db,
      grants.map((g) => g.grantId),
      at,
    ),
  ]);
  // One object per role and rule, shared by the grants that name it.
  const roles = new Map<string, { id: string; name: string }>();
  const rules = new Map<string, { id: string; name: string }>();
  const people = new Map<string, string>();
  for (const [kind, id, name] of names) {
    if (kind === 'role') roles.set(id, { id, name });
    else if (kind === 'rule') rules.set(id, { id, name });
    else people.set(id, name);
  }
  const requests = new Map<string, NonNullable<TGrantWhy['request']>>();
  for (const [
    id,
    justification,
    autoApprovedBy,
    status,
    decidedAt,
    comment,
    approver,
    decidedBy,
  ] of decided) {
    let request = requests.get(id);
    if (!request) requests.set(id, (request = { id, justification, autoApprovedBy, decisions: [] }));
    if (status && decidedAt)
      request.decisions.push({
        approver: approver ?? '',
        decidedBy,
        decision: status,
        at: decidedAt,
        comment,
      });
  }
  const whys = new Map<string, TGrantWhy>();
  for (const g of grants) {
    const request = refOf(g, 'REQUEST');
    const rule = refOf(g, 'BIRTHRIGHT');
    whys.set(g.grantId, {
      grantId: g.grantId,
      source: g.source,
      sourceRef: g.sourceRef,
      status: g.status,
      startsAt: g.startsAt,
      endsAt: g.endsAt,
      endedAt: g.endedAt,
      role: g.roleId ? (roles.get(g.roleId) ?? { id: g.roleId, name: '(a role since deleted)' }) : null,
      rule: (rule && rules.get(rule)) || null,
      request: (request && requests.get(request)) || null,
      grantedBy: g.grantedById ? (people.get(g.grantedById) ?? null) : null,
      review: reviews.get(g.grantId) ?? null,
    });
  }
  return whys;
}

/** The same, for grants known only by id (the expiring report). */
export async function describeGrants(db: TDb, grantIds: readonly string[]): Promise<Map<string, TGrantWhy>> {
  if (grantIds.length === 0) return new Map();
  const grants = await db.grant.findMany({
    where: { id: { in: [...new Set(grantIds)] } },
    select: {
      id: true,
      source: true,
      sourceRef: true,
      status: true,
      roleId: true,
      grantedById: true,
      startsAt: true,
      endsAt: true,
      endedAt: true,
    },
  });
  return explainGrants(
    db,
    grants.map(({ id, ...g }) => ({ grantId: id, ...g })),
  );
}

const SOURCE_LABEL: Record<GrantSource, string> = {
  REQUEST: 'Request',
  BIRTHRIGHT: 'Birthright',
  ADMIN: 'Granted by the identity team',
  RECONCILIATION: 'Adopted by reconciliation',
  SEED: 'Demo seed',
};

/**
 * One line that says why, for a CSV cell and a screen reader: the role first (what bundled it),
 * then what the grant came from. Pure, so the page and the export say the same; only the review's day
 * differs, written for people (formatDate) or for a file (isoDay).
 */
export function whyText(w: TGrantWhy, day: TDayWriter): string {
  return w.review ? `${sourceText(w)}; ${reviewText(w.review, day)}` : sourceText(w);
}

function sourceText(w: TGrantWhy): string {
  const via = w.role ? `role “${w.role.name}”, ` : '';
  switch (w.source) {
    case 'BIRTHRIGHT':
      return `${via}birthright rule “${w.rule?.name ?? 'a rule since deleted'}”`;
    case 'REQUEST': {
      // A request is named by its number, as every page names it (server/shared/request-number.ts).
      if (!w.request) return `${via}request ${requestRefText(w.sourceRef ?? '')}`.trim();
      const { decisions } = w.request;
      const decided = w.request.autoApprovedBy
        ? `approved automatically by the rule “${w.request.autoApprovedBy}”`
        : decisions.length
          ? `approved by ${decisions.length === 1 ? (decisions[0]!.decision === 'APPROVED' ? (decisions[0]!.decidedBy ?? decisions[0]!.approver) : '') : [...new Set(decisions.filter((d) => d.decision === 'APPROVED').map((d) => d.decidedBy ?? d.approver))].join(', ')}`
          : w.grantedBy
            ? `approved by ${w.grantedBy}`
            : 'approved';
      return `${via}request ${requestNumber(w.request.id)}, ${decided}`;
    }
    case 'ADMIN':
      return `${via}granted by ${w.grantedBy ?? 'the identity team'}`;
    case 'RECONCILIATION':
      return `${via}adopted by reconciliation${w.sourceRef ? ` (finding ${w.sourceRef})` : ''}`;
    case 'SEED':
      return `${via}demo seed`;
  }
}

export const sourceLabel = (s: GrantSource) => SOURCE_LABEL[s];

import type { TDb } from '@/server/db/client.ts';
import type { GrantSource, GrantStatus } from '@/prisma/generated/enums.ts';

/** One approver's decision on a request, as recorded on its step. */
export type TDecision = { approver: string; decidedBy: string | null; decision: 'APPROVED' | 'DENIED'; at: Date; comment: string | null };

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
  request: { id: string; justification: string; autoApprovedBy: string | null; decisions: TDecision[] } | null;
  grantedBy: string | null;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const refOf = (g: TGrantFacts, source: GrantSource) => (g.source === source && g.sourceRef && UUID.test(g.sourceRef) ? g.sourceRef : null);
const uniq = (xs: Array<string | null>) => [...new Set(xs.filter((x): x is string => x !== null))];

/**
 * The grants' reasons, looked up a set at a time (a page of a report, an export's page of
 * thousands): the roles, rules, requests with their decisions and the people who granted by hand,
 * one query each, side by side.
 */
export async function explainGrants(db: TDb, grants: readonly TGrantFacts[]): Promise<Map<string, TGrantWhy>> {
  if (grants.length === 0) return new Map();
  const requestIds = uniq(grants.map((g) => refOf(g, 'REQUEST')));
  const [roleIds, ruleIds, granterIds] = [uniq(grants.map((g) => g.roleId)), uniq(grants.map((g) => refOf(g, 'BIRTHRIGHT'))), uniq(grants.map((g) => g.grantedById))];
  const [roles, rules, requests, steps, granters] = await Promise.all([
    roleIds.length ? db.role.findMany({ where: { id: { in: roleIds } }, select: { id: true, name: true } }) : [],
    ruleIds.length ? db.birthrightRule.findMany({ where: { id: { in: ruleIds } }, select: { id: true, name: true } }) : [],
    requestIds.length
      ? db.$queryRaw<Array<{ id: string; justification: string; autoApprovedBy: string | null }>>`
          SELECT ar."id", ar."justification", aa."name" AS "autoApprovedBy"
            FROM "AccessRequest" ar LEFT JOIN "AutoApprovalRule" aa ON aa."id"::text = ar."autoApprovedBy"
           WHERE ar."id" = ANY(${requestIds}::uuid[])`
      : [],
    requestIds.length
      ? db.$queryRaw<Array<{ requestId: string; approver: string; decidedBy: string | null; status: TDecision['decision']; decidedAt: Date; comment: string | null }>>`
          SELECT s."requestId", ap."displayName" AS "approver", dec."displayName" AS "decidedBy", s."status", s."decidedAt", s."comment"
            FROM "ApprovalStep" s
            CROSS JOIN LATERAL (SELECT "displayName" FROM "Identity" WHERE "id" = s."approverId") ap
            LEFT JOIN LATERAL (SELECT "displayName" FROM "Identity" WHERE "id" = s."decidedById") dec ON TRUE
           WHERE s."requestId" = ANY(${requestIds}::uuid[]) AND s."status" IN ('APPROVED', 'DENIED') AND s."decidedAt" IS NOT NULL
           ORDER BY s."decidedAt", s."id"`
      : [],
    granterIds.length ? db.identity.findMany({ where: { id: { in: granterIds } }, select: { id: true, displayName: true } }) : [],
  ]);
  const byId = <T extends { id: string }>(xs: T[]) => new Map(xs.map((x) => [x.id, x]));
  const [roleById, ruleById, requestById, personById] = [byId(roles), byId(rules), byId(requests), byId(granters)];
  const decisionsOf = new Map<string, TDecision[]>();
  for (const x of steps) {
    const list = decisionsOf.get(x.requestId) ?? [];
    list.push({ approver: x.approver, decidedBy: x.decidedBy, decision: x.status, at: x.decidedAt, comment: x.comment });
    decisionsOf.set(x.requestId, list);
  }
  return new Map(
    grants.map((facts) => {
      const request = requestById.get(refOf(facts, 'REQUEST') ?? '');
      const rule = ruleById.get(refOf(facts, 'BIRTHRIGHT') ?? '');
      const { roleId, grantedById, ...g } = facts;
      return [
        g.grantId,
        {
          ...g,
          role: roleId ? (roleById.get(roleId) ?? { id: roleId, name: '(a role since deleted)' }) : null,
          rule: rule ?? null,
          request: request
            ? { id: request.id, justification: request.justification, autoApprovedBy: request.autoApprovedBy, decisions: decisionsOf.get(request.id) ?? [] }
            : null,
          grantedBy: grantedById ? (personById.get(grantedById)?.displayName ?? null) : null,
        },
      ] as const;
    }),
  );
}

/** The same, for grants known only by id (the expiring report). */
export async function describeGrants(db: TDb, grantIds: readonly string[]): Promise<Map<string, TGrantWhy>> {
  if (grantIds.length === 0) return new Map();
  const grants = await db.grant.findMany({
    where: { id: { in: [...new Set(grantIds)] } },
    select: { id: true, source: true, sourceRef: true, status: true, roleId: true, grantedById: true, startsAt: true, endsAt: true, endedAt: true },
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
 * then what the grant came from. Pure, so the page and the export say the same.
 */
export function whyText(w: TGrantWhy): string {
  const via = w.role ? `role “${w.role.name}”, ` : '';
  switch (w.source) {
    case 'BIRTHRIGHT':
      return `${via}birthright rule “${w.rule?.name ?? 'a rule since deleted'}”`;
    case 'REQUEST': {
      if (!w.request) return `${via}request ${w.sourceRef ?? ''}`.trim();
      const decided = w.request.autoApprovedBy
        ? `approved automatically by the rule “${w.request.autoApprovedBy}”`
        : w.request.decisions.length
          ? `approved by ${[...new Set(w.request.decisions.filter((d) => d.decision === 'APPROVED').map((d) => d.decidedBy ?? d.approver))].join(', ')}`
          : w.grantedBy
            ? `approved by ${w.grantedBy}`
            : 'approved';
      return `${via}request ${w.request.id}, ${decided}`;
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

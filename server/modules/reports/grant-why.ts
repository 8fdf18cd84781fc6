import { Prisma, type TDb } from '@/server/db/client.ts';
import type { GrantSource, GrantStatus } from '@/prisma/generated/enums.ts';

/** One approver's decision on a request, as recorded on its step. */
export type TDecision = { approver: string; decidedBy: string | null; decision: 'APPROVED' | 'DENIED'; at: Date; comment: string | null };

/**
 * Why a grant exists, in the words a list row needs: the role it is of, the birthright rule, the
 * request with its justification and decisions (or the auto-approval rule), who granted it by hand.
 * The whole chain of one grant (stages, SoD, operations) is grant-evidence.ts.
 */
export type TGrantWhy = {
  grantId: string;
  source: GrantSource;
  sourceRef: string | null;
  status: GrantStatus;
  startsAt: Date;
  endsAt: Date | null;
  endedAt: Date | null;
  role: { id: string; name: string } | null;
  rule: { id: string; name: string } | null;
  request: { id: string; justification: string; autoApprovedBy: string | null; decisions: TDecision[] } | null;
  grantedBy: string | null;
};

type TRawWhy = Omit<TGrantWhy, 'role' | 'rule' | 'request'> & {
  roleId: string | null;
  roleName: string | null;
  ruleId: string | null;
  ruleName: string | null;
  requestId: string | null;
  justification: string | null;
  autoApprovedBy: string | null;
  decisions: Array<Omit<TDecision, 'at'> & { at: string }> | null;
};

/** sourceRef is text: only a uuid-shaped one is compared with an id (a cast of anything else would fail). */
const refAsUuid = Prisma.sql`CASE WHEN g."sourceRef" ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN g."sourceRef"::uuid END`;

/** The grants' reasons, in one query for any number of grants (a page of a report, an export's page). */
export async function describeGrants(db: TDb, grantIds: readonly string[]): Promise<Map<string, TGrantWhy>> {
  const ids = [...new Set(grantIds)];
  if (ids.length === 0) return new Map();
  const rows = await db.$queryRaw<TRawWhy[]>`
    SELECT g."id" AS "grantId", g."source", g."sourceRef", g."status", g."startsAt", g."endsAt", g."endedAt",
           r."id" AS "roleId", r."name" AS "roleName", br."id" AS "ruleId", br."name" AS "ruleName",
           ar."id" AS "requestId", ar."justification", aa."name" AS "autoApprovedBy", gb."displayName" AS "grantedBy",
           (SELECT json_agg(json_build_object('approver', ap."displayName", 'decidedBy', db."displayName", 'decision', s."status", 'at', s."decidedAt", 'comment', s."comment") ORDER BY s."decidedAt", s."id")
              FROM "ApprovalStep" s JOIN "Identity" ap ON ap."id" = s."approverId" LEFT JOIN "Identity" db ON db."id" = s."decidedById"
             WHERE s."requestId" = ar."id" AND s."status" IN ('APPROVED', 'DENIED') AND s."decidedAt" IS NOT NULL) AS "decisions"
      FROM "Grant" g
      LEFT JOIN "Role" r ON r."id" = g."roleId"
      LEFT JOIN "BirthrightRule" br ON g."source" = 'BIRTHRIGHT' AND br."id" = ${refAsUuid}
      LEFT JOIN "AccessRequest" ar ON g."source" = 'REQUEST' AND ar."id" = ${refAsUuid}
      LEFT JOIN "AutoApprovalRule" aa ON aa."id"::text = ar."autoApprovedBy"
      LEFT JOIN "Identity" gb ON gb."id" = g."grantedById"
     WHERE g."id" = ANY(${ids}::uuid[])`;
  return new Map(
    rows.map((r) => [
      r.grantId,
      {
        grantId: r.grantId,
        source: r.source,
        sourceRef: r.sourceRef,
        status: r.status,
        startsAt: r.startsAt,
        endsAt: r.endsAt,
        endedAt: r.endedAt,
        grantedBy: r.grantedBy,
        role: r.roleId ? { id: r.roleId, name: r.roleName! } : null,
        rule: r.ruleId ? { id: r.ruleId, name: r.ruleName! } : null,
        request: r.requestId
          ? {
              id: r.requestId,
              justification: r.justification ?? '',
              autoApprovedBy: r.autoApprovedBy,
              decisions: (r.decisions ?? []).map((d) => ({ ...d, at: new Date(`${d.at}Z`) })),
            }
          : null,
      },
    ]),
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

import { Prisma } from '@/server/db/client.ts';
import type { RiskLevel } from '@/prisma/generated/enums.ts';
import { effectiveRoleRisk, RISK_ORDER } from '@/server/shared/risk-level.ts';

/*
 * A role's effective risk (effectiveRoleRisk: its own or its riskiest entitlement's) as the queries
 * that show, filter or sort by it read it: a Prisma select and its reader, a Prisma filter, and a SQL
 * expression. Below every module (docs/decisions/094), so the requests, reviews, approvals and Slack
 * all show a role as it is approved, not at its own level (docs/decisions/110, 112).
 */

/** What a Prisma query selects of a role to know its effective risk (roleRisk reads it). */
export const ROLE_RISK_SELECT = {
  risk: true,
  entitlements: { select: { entitlement: { select: { risk: true } } } },
} satisfies Prisma.RoleSelect;

export type TRoleRiskRow = { risk: RiskLevel; entitlements: Array<{ entitlement: { risk: RiskLevel } }> };

/** The effective risk of a role read with ROLE_RISK_SELECT (or a select that includes it). */
export const roleRisk = (role: TRoleRiskRow): RiskLevel =>
  effectiveRoleRisk(
    role.risk,
    role.entitlements.map((e) => e.entitlement.risk),
  );

/** Roles whose effective risk is `level` or higher: their own level, or one of their entitlements'. */
export function roleRiskAtLeast(level: RiskLevel): Prisma.RoleWhereInput {
  const levels = (Object.keys(RISK_ORDER) as RiskLevel[]).filter((l) => RISK_ORDER[l] >= RISK_ORDER[level]);
  return {
    OR: [{ risk: { in: levels } }, { entitlements: { some: { entitlement: { risk: { in: levels } } } } }],
  };
}

/**
 * The effective risk of the "Role" row aliased `alias` in SQL, a "RiskLevel": GREATEST skips the
 * subquery's NULL (a role bundling nothing), and the enum orders LOW < MEDIUM < HIGH as declared.
 */
export const roleRiskSql = (alias: string): Prisma.Sql => {
  const r = Prisma.raw(`"${alias}"`);
  return Prisma.sql`GREATEST(${r}."risk", (SELECT max(re_e."risk") FROM "RoleEntitlement" re_r
      JOIN "Entitlement" re_e ON re_e."id" = re_r."entitlementId" WHERE re_r."roleId" = ${r}."id"))`;
};

import type { RiskLevel } from '@/prisma/generated/enums.ts';

/** Risk levels from least to most: the order every comparison, sort and list of risks uses. */
export const RISK_LEVELS = ['LOW', 'MEDIUM', 'HIGH'] as const satisfies readonly RiskLevel[];

/** A level's rank in RISK_LEVELS: LOW 0, MEDIUM 1, HIGH 2. */
export const RISK_ORDER = Object.fromEntries(RISK_LEVELS.map((level, i) => [level, i])) as Record<
  RiskLevel,
  number
>;

/** What people read for a level ("Low"); a badge or a choice adds " risk" where the word is not near. */
export const RISK_LABEL: Record<RiskLevel, string> = { LOW: 'Low', MEDIUM: 'Medium', HIGH: 'High' };

/** The riskier of the levels given (LOW when none is). */
export function highestRisk(risks: Iterable<RiskLevel>): RiskLevel {
  let highest: RiskLevel = 'LOW';
  for (const risk of risks) if (RISK_ORDER[risk] > RISK_ORDER[highest]) highest = risk;
  return highest;
}

/**
 * A business role's effective risk: its own level or that of the riskiest entitlement it bundles,
 * whichever is higher. Holding the role gives every entitlement in it, so a request for the role is
 * approved as its riskiest content requires (a Medium role bundling a High entitlement is High), and
 * the catalog and the request preview show that level. Roles do not nest (a role bundles
 * entitlements only), so the bundle is one level deep. Every place that shows or decides by a
 * role's risk computes it here, from the role's own level and its entitlements' levels read with it.
 */
export function effectiveRoleRisk(own: RiskLevel, bundled: Iterable<RiskLevel>): RiskLevel {
  return highestRisk([own, ...bundled]);
}

/** What the recommendation reads from an item's snapshot. */
export type TRecommendationFacts = {
  now: Date;
  /** When the person last signed in where the access lives; null when the target does not tell (unknown, not dormant). */
  lastUsedAt: Date | null;
  /** When the grant ends by itself, if it does. */
  endsAt: Date | null;
  department: string | null;
  /** Others in the same department holding it. */
  departmentPeers: number;
  title: string | null;
  /** Others with the same job title, and how many of them hold it. */
  sameTitle: number;
  sameTitleHolding: number;
  /** The segregation-of-duties rules this grant takes part in breaking. */
  sodRules: readonly string[];
  /**
   * The other grants that give the person the same access, as phrases after "through" ("the
   * birthright rule “Payroll team”"): revoking this grant leaves the access with them.
   */
  alsoHeldThrough?: readonly string[];
};

const DAY = 86_400_000;
/** No sign-in for this long reads as dormant access. */
export const DORMANT_DAYS = 90;

/**
 * A short advice in words for the reviewer, the strongest reasons first (at most two), or null when
 * nothing speaks against the access. Advice only: the reviewer decides.
 */
export function recommend(f: TRecommendationFacts): string | null {
  const reasons: string[] = [];
  const others = f.alsoHeldThrough ?? [];
  // Said first: it changes what a revoke does. And peers who lack it argue nothing then: another
  // grant (a rule for her job, a role) already decides she holds it, whatever this grant's fate.
  if (others.length)
    reasons.push(`Also held through ${others.join('; and ')}: revoking this grant does not remove it`);
  if (f.lastUsedAt) {
    const days = Math.floor((f.now.getTime() - f.lastUsedAt.getTime()) / DAY);
    if (days >= DORMANT_DAYS) reasons.push(`No sign-in for ${days} days`);
  }
  if (f.endsAt && f.endsAt <= f.now) reasons.push('Its end date has passed');
  if (f.sodRules.length) reasons.push(`Part of a segregation-of-duties conflict (${f.sodRules.join(', ')})`);
  if (others.length === 0) {
    if (f.title && f.sameTitle >= 2 && f.sameTitleHolding === 0)
      reasons.push(`Peers in the same job (${f.title}) don’t hold it`);
    else if (f.department && f.departmentPeers === 0) reasons.push(`No one else in ${f.department} holds it`);
  }
  return reasons.length ? reasons.slice(0, 2).join('; ') : null;
}

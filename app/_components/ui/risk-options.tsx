import type { RiskLevel } from '@/prisma/generated/enums.ts';
import { RISK_LABEL, RISK_LEVELS } from '@/server/shared/risk-level.ts';

/**
 * The risk levels as a select's options, in the one order of RISK_LEVELS (a filter that leads with
 * what needs attention lists them `highestFirst`), each read as RISK_LABEL says, with `suffix` where
 * the select's label does not say "risk".
 */
export function RiskOptions({
  highestFirst = false,
  suffix = '',
}: {
  highestFirst?: boolean;
  suffix?: string;
}) {
  const levels: readonly RiskLevel[] = highestFirst ? [...RISK_LEVELS].reverse() : RISK_LEVELS;
  return levels.map((level) => (
    <option key={level} value={level}>
      {RISK_LABEL[level]}
      {suffix}
    </option>
  ));
}

import type { RiskLevel } from '@/prisma/generated/enums.ts';
import { AppError } from '@/server/lib/app-error.ts';
import type { TAgentRequestMode } from '@/server/modules/approvals/index.ts';

/**
 * The organisation's limit on what an AI agent may request for its person (docs/decisions/071):
 * OFF refuses every agent request, LOW_RISK_ONLY refuses any item above LOW risk. Nothing is
 * written when it refuses; the person can still make the request themselves in the portal.
 */
export function assertAgentMayRequest(
  mode: TAgentRequestMode,
  items: ReadonlyArray<{ name: string; risk: RiskLevel }>,
): void {
  if (mode === 'OFF') {
    throw new AppError(
      'AGENT_REQUESTS_OFF',
      'Your organisation has turned off access requests by AI agents: make this request yourself in the portal',
    );
  }
  const risky = items.filter((i) => i.risk !== 'LOW');
  if (mode === 'LOW_RISK_ONLY' && risky.length > 0) {
    const names = risky.map((i) => `${i.name} (${i.risk.toLowerCase()} risk)`).join(', ');
    throw new AppError(
      'AGENT_REQUEST_TOO_RISKY',
      `Your organisation lets AI agents request only low-risk items; ${names} must be requested by you in the portal`,
      {
        items: risky.map((i) => i.name),
      },
    );
  }
}

import { describe, expect, it } from 'vitest';
import { isAppError } from '@/server/lib/app-error.ts';
import { assertAgentMayRequest } from './agent-request-policy.ts';

const low = { name: 'Wiki Editor', risk: 'LOW' as const };
const medium = { name: 'Build Agents', risk: 'MEDIUM' as const };
const high = { name: 'Payments Admin', risk: 'HIGH' as const };

const codeOf = (fn: () => void) => {
  try {
    fn();
    return null;
  } catch (error) {
    return isAppError(error) ? error.code : error;
  }
};

describe('what an AI agent may request', () => {
  it.each([
    ['OFF', [low], 'AGENT_REQUESTS_OFF'],
    ['OFF', [], 'AGENT_REQUESTS_OFF'],
    ['LOW_RISK_ONLY', [low], null],
    ['LOW_RISK_ONLY', [low, medium], 'AGENT_REQUEST_TOO_RISKY'],
    ['LOW_RISK_ONLY', [high], 'AGENT_REQUEST_TOO_RISKY'],
    ['ALLOWED', [low, medium, high], null],
  ] as const)('%s with %j: %s', (mode, items, code) => {
    expect(codeOf(() => assertAgentMayRequest(mode, items))).toBe(code);
  });

  it('names every item above low risk', () => {
    expect(() => assertAgentMayRequest('LOW_RISK_ONLY', [low, medium, high])).toThrow(
      'Your organisation lets AI agents request only low-risk items; Build Agents (medium risk), Payments Admin (high risk) must be requested by you in the portal',
    );
  });
});

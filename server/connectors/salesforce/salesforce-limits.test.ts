import { describe, expect, it } from 'vitest';
import {
  admit,
  backoffAfter,
  LimitGovernor,
  parseLimitInfo,
  usageRatio,
  type TLimitState,
} from './salesforce-limits.ts';

const policy = {
  slowDownAt: 0.75,
  refuseAt: 0.9,
  maxDelayMs: 2000,
  backoffMs: 60_000,
  maxBackoffMs: 600_000,
};
const state = (ratio: number | null, extra: Partial<TLimitState> = {}): TLimitState => ({
  ratio,
  observedAt: 1000,
  blockedUntil: 0,
  strikes: 0,
  reading: 'r',
  ...extra,
});

describe('parseLimitInfo', () => {
  it('reads the org allocation', () => {
    expect(parseLimitInfo('api-usage=25/5000')).toEqual({ api: { used: 25, limit: 5000 } });
  });

  it('reads the per-app allocation beside it', () => {
    expect(
      parseLimitInfo('api-usage=25/5000, per-app-api-usage=17/250(appName=sample-connected-app)'),
    ).toEqual({
      api: { used: 25, limit: 5000 },
      perApp: { used: 17, limit: 250, app: 'sample-connected-app' },
    });
  });

  it('ignores an absent or foreign header', () => {
    expect(parseLimitInfo(undefined)).toEqual({});
    expect(parseLimitInfo('something-else=1/2')).toEqual({});
  });

  it('takes the tighter allocation as the usage', () => {
    expect(usageRatio(parseLimitInfo('api-usage=25/5000, per-app-api-usage=200/250(appName=a)'))).toBe(0.8);
    expect(usageRatio({})).toBeNull();
  });
});

describe('admit', () => {
  it('lets calls through below the slow-down threshold or with no reading', () => {
    expect(admit(state(null), policy, 2000)).toEqual({ kind: 'go' });
    expect(admit(state(0.5), policy, 2000)).toEqual({ kind: 'go' });
  });

  it('delays more the closer usage is to the refusal threshold', () => {
    expect(admit(state(0.825), policy, 2000)).toEqual({ kind: 'wait', ms: 1000 });
    expect(admit(state(0.89), policy, 2000)).toEqual({ kind: 'wait', ms: 1867 });
  });

  it('refuses above the threshold until the reading is a backoff old, then lets one call probe', () => {
    expect(admit(state(0.95), policy, 31_000)).toMatchObject({ kind: 'refuse', retryAfterMs: 30_000 });
    expect(admit(state(0.95), policy, 61_000)).toEqual({ kind: 'go' });
  });

  it('refuses everything while backing off after REQUEST_LIMIT_EXCEEDED', () => {
    expect(admit(state(0.1, { blockedUntil: 5000 }), policy, 2000)).toMatchObject({
      kind: 'refuse',
      retryAfterMs: 3000,
    });
  });
});

describe('LimitGovernor', () => {
  it('doubles the backoff on repeated REQUEST_LIMIT_EXCEEDED, capped, and resets on success', () => {
    expect([1, 2, 3, 5, 9].map((n) => backoffAfter(n, policy))).toEqual([
      60_000, 120_000, 240_000, 600_000, 600_000,
    ]);
    const g = new LimitGovernor(policy);
    expect(g.tripped(0)).toBe(60_000);
    expect(g.tripped(0)).toBe(120_000);
    g.succeeded();
    expect(g.tripped(0)).toBe(60_000);
  });

  it('keeps the last reading of the header', () => {
    const g = new LimitGovernor(policy);
    g.observe('api-usage=9500/10000', 1000);
    expect(g.state).toMatchObject({ ratio: 0.95, observedAt: 1000, reading: '9500/10000' });
    g.observe(undefined, 2000);
    expect(g.state.observedAt).toBe(1000);
  });
});

import type { TLimitPolicy } from './salesforce-config.ts';

export type TApiUsage = { used: number; limit: number };
/** The org's 24-hour allocation and, when the connected app has its own cap, the app's share. */
export type TLimitInfo = { api?: TApiUsage; perApp?: TApiUsage & { app: string } };

/**
 * Parses `Sforce-Limit-Info` ("API Limits" in the REST API Developer Guide), e.g.
 * `api-usage=25/5000, per-app-api-usage=17/250(appName=sample-connected-app)`.
 */
export function parseLimitInfo(header: string | undefined | null): TLimitInfo {
  const info: TLimitInfo = {};
  if (!header) return info;
  const api = /(?:^|[\s,])api-usage=(\d+)\/(\d+)/.exec(header);
  if (api) info.api = { used: Number(api[1]), limit: Number(api[2]) };
  const app = /per-app-api-usage=(\d+)\/(\d+)(?:\(appName=([^)]*)\))?/.exec(header);
  if (app) info.perApp = { used: Number(app[1]), limit: Number(app[2]), app: app[3] ?? '' };
  return info;
}

/** The tighter of the two allocations, as a share used; null when the header said nothing. */
export function usageRatio(info: TLimitInfo): number | null {
  const ratios = [info.api, info.perApp]
    .filter((u): u is TApiUsage => !!u && u.limit > 0)
    .map((u) => u.used / u.limit);
  return ratios.length ? Math.max(...ratios) : null;
}

export type TLimitState = {
  ratio: number | null;
  observedAt: number;
  blockedUntil: number;
  strikes: number;
  reading: string;
};
export type TAdmission =
  { kind: 'go' } | { kind: 'wait'; ms: number } | { kind: 'refuse'; retryAfterMs: number; reason: string };

/**
 * Whether a call may go out now. After REQUEST_LIMIT_EXCEEDED nothing goes until the backoff has
 * passed. Above `refuseAt` calls are refused until the reading is one backoff old, then one call
 * goes through to take a fresh reading (usage is a rolling 24-hour count, so it does fall).
 * Between `slowDownAt` and `refuseAt` calls are delayed, more the closer usage gets to the cap.
 */
export function admit(state: TLimitState, policy: TLimitPolicy, now: number): TAdmission {
  if (now < state.blockedUntil) {
    return {
      kind: 'refuse',
      retryAfterMs: state.blockedUntil - now,
      reason: 'backing off after REQUEST_LIMIT_EXCEEDED',
    };
  }
  const ratio = state.ratio;
  if (ratio === null) return { kind: 'go' };
  if (ratio >= policy.refuseAt) {
    const until = state.observedAt + policy.backoffMs;
    if (now < until) {
      return {
        kind: 'refuse',
        retryAfterMs: until - now,
        reason: `API usage ${state.reading} is above ${Math.round(policy.refuseAt * 100)}% of the allocation`,
      };
    }
    return { kind: 'go' };
  }
  if (ratio >= policy.slowDownAt && policy.refuseAt > policy.slowDownAt) {
    const ms = Math.round(
      (policy.maxDelayMs * (ratio - policy.slowDownAt)) / (policy.refuseAt - policy.slowDownAt),
    );
    return ms > 0 ? { kind: 'wait', ms } : { kind: 'go' };
  }
  return { kind: 'go' };
}

/** Backoff after the nth consecutive REQUEST_LIMIT_EXCEEDED: doubling, capped. */
export function backoffAfter(strikes: number, policy: TLimitPolicy): number {
  return Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** Math.max(0, strikes - 1));
}

/** Holds one connector's view of the org's API usage, fed by every response's header. */
export class LimitGovernor {
  readonly state: TLimitState = { ratio: null, observedAt: 0, blockedUntil: 0, strikes: 0, reading: '' };

  constructor(private readonly policy: TLimitPolicy) {}

  admit(now = Date.now()): TAdmission {
    return admit(this.state, this.policy, now);
  }

  observe(header: string | undefined, now = Date.now()): void {
    const info = parseLimitInfo(header);
    const ratio = usageRatio(info);
    if (ratio === null) return;
    this.state.ratio = ratio;
    this.state.observedAt = now;
    this.state.reading = [
      info.api && `${info.api.used}/${info.api.limit}`,
      info.perApp && `app ${info.perApp.used}/${info.perApp.limit}`,
    ]
      .filter(Boolean)
      .join(', ');
  }

  /** A REQUEST_LIMIT_EXCEEDED answer: block every call for the returned number of milliseconds. */
  tripped(now = Date.now()): number {
    this.state.strikes++;
    const wait = backoffAfter(this.state.strikes, this.policy);
    this.state.blockedUntil = now + wait;
    return wait;
  }

  succeeded(): void {
    this.state.strikes = 0;
  }
}

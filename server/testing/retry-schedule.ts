/** The retry settings of a pg-boss queue policy (JOB_SPECS' `queue`), in pg-boss's whole seconds. */
export type TRetryPolicy = {
  retryLimit?: number;
  retryDelay?: number;
  retryBackoff?: boolean;
  retryDelayMax?: number;
};

/**
 * How many times pg-boss runs a job that keeps failing within `seconds` of its first run, at the
 * earliest: the first run and every retry due by then. With back-off, retry k+1 waits
 * max(retryDelay, 1) × 2^k × (1 + random) seconds, capped at retryDelayMax (pg-boss's plans.js,
 * failJobsBody); the earliest is random = 0. A test that replays an outage of so many seconds
 * under a faster policy waits for this many failed runs instead of the seconds.
 */
export function attemptsWithin(policy: TRetryPolicy, seconds: number): number {
  const limit = policy.retryLimit ?? 0;
  let at = 0;
  let attempts = 1;
  for (let k = 0; k < limit; k++) {
    const delay = policy.retryBackoff
      ? Math.min(policy.retryDelayMax ?? Infinity, Math.max(policy.retryDelay ?? 0, 1) * 2 ** k)
      : (policy.retryDelay ?? 0);
    at += delay;
    if (at > seconds) break;
    attempts++;
  }
  return attempts;
}

import type { TPrisma } from '@/server/db/client.ts';
import { IN_FLIGHT_WINDOW_MS, sealAuditLog } from '@/server/modules/audit/index.ts';

/** How often the worker seals the audit log: the chain trails the log by about this much. */
export const AUDIT_SEAL_INTERVAL_MS = 5_000;
/**
 * How far back an ordinary round looks for events that committed late. A round costs a scan of the
 * events written in it (about 0.3 s for 200,000 after an HR load, docs/benchmarks.md), so it is kept
 * short; every DEEP_ROUND_EVERY rounds one looks back the whole in-flight window, for the rare
 * transaction that stayed open longer (sealed a few minutes late, never reported missing).
 */
export const QUICK_WINDOW_MS = 2 * 60_000;
export const DEEP_ROUND_EVERY = 60;

/**
 * The sealer's loop in every worker: a timer, not a pg-boss schedule, because pg-boss's cron works
 * in minutes and a job every few seconds would add thousands of job rows a day for nothing. Several
 * workers may run it: the sealer's advisory lock lets one seal and the others skip that round
 * (docs/decisions/051). A round seals everything there is, in batches, before the next is timed.
 */
export function startAuditSealer(
  db: TPrisma,
  log: (message: string) => void,
  intervalMs = AUDIT_SEAL_INTERVAL_MS,
): { stop: () => Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> = Promise.resolve();
  let rounds = 0;
  const tick = () => {
    const deep = rounds++ % DEEP_ROUND_EVERY === 0;
    round = sealAuditLog(db, {
      skipIfBusy: true,
      inFlightWindowMs: deep ? IN_FLIGHT_WINDOW_MS : QUICK_WINDOW_MS,
    })
      .then((r) => {
        if (r.sealed >= 10_000) log(`audit: sealed ${r.sealed} events (chain at seal ${r.headSeq})`);
      })
      .catch((error: Error) =>
        log(`audit: sealing failed, trying again in ${intervalMs / 1000} s: ${error.message}`),
      )
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  // At once: whatever was written while no worker ran (a seed, a restart) is sealed first.
  timer = setTimeout(tick, 0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await round;
    },
  };
}

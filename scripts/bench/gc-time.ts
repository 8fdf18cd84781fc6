import { constants, type PerformanceEntry, PerformanceObserver } from 'node:perf_hooks';

/** Garbage collection's pause time by kind, in ms, while a meter runs. */
export type TGcTime = { scavenge: number; markCompact: number; other: number; count: number };

/**
 * Measures V8's GC pauses on the main thread while it runs (perf_hooks 'gc' entries): a run's Node CPU says
 * how much, this says how much of it is the young generation (scavenges) and how much the old
 * (mark-compact, incremental marking's steps included), the figure the semi-space size trades against.
 */
export function startGcMeter() {
  const time: TGcTime = { scavenge: 0, markCompact: 0, other: 0, count: 0 };
  const add = (entries: PerformanceEntry[]) => {
    for (const e of entries) {
      const kind = (e as { detail?: { kind?: number } }).detail?.kind;
      time.count++;
      if (kind === constants.NODE_PERFORMANCE_GC_MINOR) time.scavenge += e.duration;
      else if (
        kind === constants.NODE_PERFORMANCE_GC_MAJOR ||
        kind === constants.NODE_PERFORMANCE_GC_INCREMENTAL
      )
        time.markCompact += e.duration;
      else time.other += e.duration;
    }
  };
  const observer = new PerformanceObserver((list) => add(list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  return {
    /** Stops the meter; the entries still queued are delivered first. */
    stop(): TGcTime {
      add(observer.takeRecords());
      observer.disconnect();
      return time;
    },
  };
}

import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Integration files whose time is mostly a real clock running, not work: a directory kept down for a
 * minute's worth of retries and the back-off after it. It waited 123 s while it replayed the minute
 * with production's delays, and left to vitest's order (larger files first when it has no timings,
 * as on a fresh CI machine) started after about 280 s, so the run ended on it alone for two minutes.
 * With pg-boss's shortest delays it waits about 10 s (docs/decisions/117, stop 41): first still, so
 * that the wait overlaps the other lane's work, but no longer what decides where the stage ends.
 */
export const CLOCK_BOUND_FILES = ['server/modules/provisioning/reliability-outage.int.test.ts'];

/**
 * The one long file that is slow because it works (the killed worker's 10,000-operation batch: 57 s
 * quiet, 110–138 s loaded), started second, so on the lane beside the clock-bound file, which leaves
 * its core idle. Small (79 lines), vitest's no-cache order put it 146th of 185, with about 40 short files
 * left for the other lane: whenever it ran longer than they did (138 s loaded, final36b) the stage ended
 * on it alone (docs/decisions/114, "stop 38"). Not beside scale-out (two web processes and two workers):
 * two work-bound files side by side only compete for the two cores (the killed-worker file timed out
 * that way on a loaded machine, decision 077).
 */
export const LONG_WORK_FILES = ['server/modules/provisioning/reliability-kill.int.test.ts'];

const STARTED_FIRST = [...CLOCK_BOUND_FILES, ...LONG_WORK_FILES];

/** vitest's order, except that the files above go first, in the order listed. */
export class ClockFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const i = STARTED_FIRST.findIndex((f) => file.moduleId.endsWith(`/${f}`));
      return i === -1 ? STARTED_FIRST.length : i;
    };
    const group = (file: TestSpecification) => file.project.config.sequence.groupOrder;
    // Within each project group; Array.prototype.sort is stable, so everything else keeps vitest's order.
    return sorted.sort((a, b) => group(a) - group(b) || rank(a) - rank(b));
  }
}

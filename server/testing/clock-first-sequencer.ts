import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Integration files whose time is mostly a real clock running, not work: a directory kept down for a
 * minute and the retries' back-off after it (123 s, almost all waiting). Started first, the waiting
 * overlaps the other lane working through the rest; left to vitest's order (larger files first when
 * it has no timings, as on a fresh CI machine) it started after about 280 s and the run ended on it
 * alone for two minutes. Files that are slow because they work (the killed worker's 10,000-operation
 * batch, scale-out's two web processes and two workers) do not belong here: started side by side they
 * only compete for the two cores (the killed-worker file timed out that way on a loaded machine).
 */
export const CLOCK_BOUND_FILES = ['server/modules/provisioning/reliability-outage.int.test.ts'];

/** vitest's order, except that the clock-bound files go first, in the order listed. */
export class ClockFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const i = CLOCK_BOUND_FILES.findIndex((f) => file.moduleId.endsWith(`/${f}`));
      return i === -1 ? CLOCK_BOUND_FILES.length : i;
    };
    const group = (file: TestSpecification) => file.project.config.sequence.groupOrder;
    // Within each project group; Array.prototype.sort is stable, so everything else keeps vitest's order.
    return sorted.sort((a, b) => group(a) - group(b) || rank(a) - rank(b));
  }
}

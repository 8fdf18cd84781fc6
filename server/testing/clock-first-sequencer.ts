import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Integration files whose time is mostly a real clock running, not work: a directory kept down for a
 * minute and the retries' back-off after it, a killed worker's lease running out, the launcher started
 * and stopped. Started first, their waiting overlaps the other lane working through the rest; left to
 * vitest's order (larger files first when it has no timings, as on a fresh CI machine) the outage file
 * started after about 280 s and the run ended on it alone for two minutes.
 */
export const CLOCK_BOUND_FILES = [
  'server/modules/provisioning/reliability-outage.int.test.ts',
  'scripts/start.int.test.ts',
  'server/modules/provisioning/reliability-kill.int.test.ts',
  'server/modules/provisioning/scale-out.int.test.ts',
];

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

import type { TestSpecification, Vitest } from 'vitest/node';
import { describe, expect, it } from 'vitest';
import { ClockFirstSequencer } from './clock-first-sequencer.ts';

const ROOT = '/repo';
/** A file as vitest's own sequencer sees it on a fresh CI machine: no timings cached, only its size. */
const spec = (file: string, size: number, groupOrder = 1) => ({
  spec: {
    moduleId: `${ROOT}/${file}`,
    project: {
      name: groupOrder === 0 ? 'unit' : 'int',
      config: { isolate: false, sequence: { groupOrder } },
    },
  } as unknown as TestSpecification,
  size,
});

describe('ClockFirstSequencer', () => {
  it('starts the clock-bound file, then the long work-bound one, then vitest’s larger-first order', async () => {
    const files = [
      spec('server/a.int.test.ts', 9000),
      spec('server/modules/provisioning/reliability-kill.int.test.ts', 3400),
      spec('server/b.int.test.ts', 12000),
      spec('server/modules/provisioning/reliability-outage.int.test.ts', 3000),
      spec('server/c.test.ts', 100, 0),
    ];
    const sizes = new Map(
      files.map((f) => [`${f.spec.project.name}:${f.spec.moduleId.slice(ROOT.length + 1)}`, f.size]),
    );
    const ctx = {
      config: { root: ROOT },
      cache: {
        getFileTestResults: () => undefined,
        getFileStats: (key: string) => ({ size: sizes.get(key) }),
      },
    } as unknown as Vitest;
    const sorted = await new ClockFirstSequencer(ctx).sort(files.map((f) => f.spec));
    expect(sorted.map((s) => s.moduleId.slice(ROOT.length + 1))).toEqual([
      'server/c.test.ts',
      'server/modules/provisioning/reliability-outage.int.test.ts',
      'server/modules/provisioning/reliability-kill.int.test.ts',
      'server/b.int.test.ts',
      'server/a.int.test.ts',
    ]);
  });
});

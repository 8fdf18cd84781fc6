import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readCounts } from './test-report.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'test-report-'));
afterEach(() => fs.rmSync(path.join(dir, 'report.json'), { force: true }));
const write = (report: unknown) => {
  const file = path.join(dir, 'report.json');
  fs.writeFileSync(file, JSON.stringify(report));
  return file;
};

describe('readCounts', () => {
  it('counts a Playwright test that passed on its retry as passed, and names it', () => {
    // The shape Playwright 1.5x's json reporter writes: files, then describe blocks, each with specs.
    const file = write({
      stats: { expected: 2, unexpected: 1, skipped: 0, flaky: 2 },
      suites: [
        {
          title: 'hr-lifecycle.spec.ts',
          specs: [
            {
              title: 'joiner',
              file: 'hr-lifecycle.spec.ts',
              line: 47,
              tests: [{ status: 'flaky', results: [{ status: 'failed' }, { status: 'passed' }] }],
            },
            // A serial group's first test, passed, then failed when the group was retried: "flaky" to
            // Playwright, but it did not pass on its retry.
            {
              title: 'serial first',
              file: 'hr-lifecycle.spec.ts',
              line: 60,
              tests: [{ status: 'flaky', results: [{ status: 'passed' }, { status: 'failed' }] }],
            },
            { title: 'queues', file: 'hr-lifecycle.spec.ts', line: 150, tests: [{ status: 'expected' }] },
          ],
          suites: [
            {
              title: 'a describe block',
              specs: [
                { title: 'nested', file: 'hr-lifecycle.spec.ts', line: 9, tests: [{ status: 'unexpected' }] },
              ],
            },
          ],
        },
        {
          title: 'site.spec.ts',
          specs: [{ title: 'ok', file: 'site.spec.ts', line: 3, tests: [{ status: 'expected' }] }],
        },
      ],
    });
    expect(readCounts(file, true)).toEqual({
      passed: 4,
      failed: 1,
      skipped: 0,
      flaky: ['hr-lifecycle.spec.ts:47 › joiner'],
    });
  });

  it('reads Vitest’s totals, which have no retries', () => {
    const file = write({ numPassedTests: 5, numFailedTests: 1, numPendingTests: 1, numTodoTests: 1 });
    expect(readCounts(file, false)).toEqual({ passed: 5, failed: 1, skipped: 2, flaky: [] });
  });

  it('reads a runner that wrote no report (it failed to start) as nothing', () => {
    expect(readCounts(path.join(dir, 'missing.json'), true)).toEqual({
      passed: 0,
      failed: 0,
      skipped: 0,
      flaky: [],
    });
  });
});

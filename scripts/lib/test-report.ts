// What npm test reads from each runner's JSON report (Vitest's and Playwright's) for its summary line.
import fs from 'node:fs';

type TCounts = { passed: number; failed: number; skipped: number; flaky: string[] };

export function readCounts(file: string, playwright: boolean): TCounts {
  if (!fs.existsSync(file)) return { passed: 0, failed: 0, skipped: 0, flaky: [] };
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  if (playwright) {
    const stats = json.stats as { expected: number; unexpected: number; skipped: number; flaky: number };
    return {
      passed: stats.expected + stats.flaky,
      failed: stats.unexpected,
      skipped: stats.skipped,
      flaky: flakyTitles(json.suites as TSuite[]),
    };
  }
  const j = json as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  return {
    passed: j.numPassedTests,
    failed: j.numFailedTests,
    skipped: j.numPendingTests + j.numTodoTests,
    flaky: [],
  };
}

type TSuite = {
  suites?: TSuite[];
  specs?: Array<{
    title: string;
    file: string;
    line: number;
    tests: Array<{ status: string; results?: Array<{ status: string }> }>;
  }>;
};

// Playwright says "flaky" of a test with a failed and a passed attempt in either order: a serial group's
// first test that passed, then failed when the group was retried, is one. Only a last attempt that passed
// is a test that passed on its retry (the run fails on the other anyway).
const passedOnRetry = (t: { status: string; results?: Array<{ status: string }> }) =>
  t.status === 'flaky' && (t.results ?? []).at(-1)?.status === 'passed';

/** "file:line › title" of every Playwright test in the report that passed only on a retry. */
export function flakyTitles(suites: TSuite[] = []): string[] {
  return suites.flatMap((suite) => [
    ...(suite.specs ?? [])
      .filter((spec) => spec.tests.some(passedOnRetry))
      .map((spec) => `${spec.file}:${spec.line} › ${spec.title}`),
    ...flakyTitles(suite.suites),
  ]);
}

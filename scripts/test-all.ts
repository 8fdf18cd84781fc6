// `npm test`: everything, in order: system packages, types, lint, formatting (prettier --check), layers (dependency-cruiser), unit, integration, end-to-end.
// Each runner prints its own report; the last line sums them up as "N passed, N failed".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const REPORTS = path.join(ROOT, 'test-results', 'reports');
fs.rmSync(REPORTS, { recursive: true, force: true });
fs.mkdirSync(REPORTS, { recursive: true });
const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);

const stages: Array<{ name: string; command: string; args: string[]; report?: string }> = [
  { name: 'system packages', command: bin('tsx'), args: ['scripts/ensure-system-deps.ts'] },
  { name: 'typecheck', command: bin('tsc'), args: ['--noEmit', '-p', '.'] },
  { name: 'lint', command: bin('eslint'), args: ['--max-warnings', '0', '.'] },
  { name: 'format', command: bin('prettier'), args: ['--check', '--log-level', 'warn', '.'] },
  {
    name: 'layers',
    command: bin('depcruise'),
    args: [
      'app',
      'server',
      'jobs',
      'proxy.ts',
      '--config',
      '.dependency-cruiser.cjs',
      '--output-type',
      'err',
    ],
  },
  {
    name: 'unit',
    command: bin('vitest'),
    args: [
      'run',
      '--project',
      'unit',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${REPORTS}/unit.json`,
    ],
    report: 'unit.json',
  },
  {
    name: 'integration',
    command: bin('vitest'),
    args: [
      'run',
      '--project',
      'int',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${REPORTS}/int.json`,
    ],
    report: 'int.json',
  },
  { name: 'end-to-end', command: bin('playwright'), args: ['test'], report: 'e2e.json' },
];

const only = process.argv.slice(2);
let failedStages = 0;
let passed = 0;
let failed = 0;
let skipped = 0;
for (const stage of stages.filter((s) => only.length === 0 || only.includes(s.name))) {
  console.log(`\n━━ ${stage.name} ━━`);
  const started = Date.now();
  const result = spawnSync(stage.command, stage.args, {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(REPORTS, 'e2e.json') },
  });
  console.log(
    `━━ ${stage.name}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  if (stage.report) {
    const counts = readCounts(path.join(REPORTS, stage.report), stage.name === 'end-to-end');
    passed += counts.passed;
    failed += counts.failed;
    skipped += counts.skipped;
  }
  if (result.status !== 0) {
    failedStages++;
    // Types and lint gate everything after them.
    if (['system packages', 'typecheck', 'lint', 'format', 'layers'].includes(stage.name)) break;
  }
}
if (failedStages && failed === 0) failed = failedStages;
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failedStages ? 1 : 0);

function readCounts(file: string, playwright: boolean): { passed: number; failed: number; skipped: number } {
  if (!fs.existsSync(file)) return { passed: 0, failed: 0, skipped: 0 };
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  if (playwright) {
    const stats = json.stats as { expected: number; unexpected: number; skipped: number; flaky: number };
    return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
  }
  const j = json as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  return { passed: j.numPassedTests, failed: j.numFailedTests, skipped: j.numPendingTests + j.numTodoTests };
}

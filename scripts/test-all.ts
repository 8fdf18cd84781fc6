// `npm test`: everything, in order: system packages, types, lint, formatting (prettier --check), layers (dependency-cruiser), unit, integration, end-to-end.
// The end-to-end stage's portal build runs beside unit and integration (startPortalBuild, below).
// Each runner prints its own report; the last line sums them up as "N passed, N failed".
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { needsBuild } from './lib/needs-build.ts';
import { portalBuild } from './lib/portal-build.ts';
import { readCounts } from './lib/test-report.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const REPORTS = path.join(ROOT, 'test-results', 'reports');
fs.rmSync(REPORTS, { recursive: true, force: true });
fs.mkdirSync(REPORTS, { recursive: true });
const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);

type TStage = { name: string; command: string; args: string[]; report?: string; env?: NodeJS.ProcessEnv };
const stages: TStage[] = [
  { name: 'system packages', command: bin('tsx'), args: ['scripts/ensure-system-deps.ts'] },
  { name: 'typecheck', command: bin('tsc'), args: ['--noEmit', '-p', '.'] },
  { name: 'lint', command: bin('eslint'), args: ['--max-warnings', '0', '.'] },
  { name: 'format', command: bin('prettier'), args: ['--check', '--log-level', 'warn', '.'] },
  // package.json's lint:layers is the one list of what is cruised and how (its baseline script shares it).
  { name: 'layers', command: 'npm', args: ['run', '--silent', 'lint:layers'] },
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
const selected = stages.filter((s) => only.length === 0 || only.includes(s.name));
// Types, lint, formatting and layers gate everything after them. They read the code and nothing else, and
// each is one single-threaded process (tsc, ESLint, Prettier, dependency-cruiser), so they run side by side,
// one per core, their output kept until each ends: on two cores about 75 s instead of 135 s one after another.
const GATES = ['system packages', 'typecheck', 'lint', 'format', 'layers'];
const SIDE_BY_SIDE = new Set(['typecheck', 'lint', 'format', 'layers']);
let failedStages = 0;
let passed = 0;
let failed = 0;
let skipped = 0;
const flaky: string[] = [];
// Set once the typecheck stage has passed in this run: the end-to-end stage's portal build then skips Next's
// own type check, the same tsconfig over the same files (.next is excluded from both), about 45 s again.
let typesChecked = false;

const envFor = () => ({
  ...process.env,
  PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(REPORTS, 'e2e.json'),
  ...(typesChecked ? { E2E_TYPES_CHECKED: 'true' } : {}),
  // The end-to-end stage's build serves this run only: writing Turbopack's cache would only delay its start.
  E2E_BUILD_CACHE: 'false',
});

/** Runs one stage with its output straight to the terminal. */
function runInline(stage: TStage): number {
  console.log(`\n━━ ${stage.name} ━━`);
  const started = Date.now();
  const result = spawnSync(stage.command, stage.args, { cwd: ROOT, stdio: 'inherit', env: envFor() });
  const status = result.status ?? 1;
  console.log(`━━ ${stage.name}: ${status === 0 ? 'ok' : 'FAILED'} in ${seconds(started)} s`);
  return status;
}

type TCaptured = { status: number; output: string; took: string };

/** Runs one stage with its output kept, to be printed whole once it ends. */
function runCaptured(stage: TStage): Promise<TCaptured> {
  return new Promise((resolve) => {
    const started = Date.now();
    let output = '';
    const child = spawn(stage.command, stage.args, {
      cwd: ROOT,
      env: { ...(stage.env ?? envFor()), FORCE_COLOR: process.stdout.isTTY ? '1' : '0' },
    });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => (output += `${error.message}\n`));
    child.on('close', (code) => resolve({ status: code ?? 1, output, took: seconds(started) }));
  });
}

/** Runs stages at most `lanes` at a time; prints each one's output whole, in the listed order. */
async function runSideBySide(group: TStage[], lanes: number): Promise<number[]> {
  const settle: Array<(captured: TCaptured) => void> = [];
  const ends = group.map(() => new Promise<TCaptured>((resolve) => settle.push(resolve)));
  let next = 0;
  const lane = async () => {
    for (let k = next++; k < group.length; k = next++) settle[k]!(await runCaptured(group[k]!));
  };
  const running = Promise.all(Array.from({ length: Math.min(lanes, group.length) }, lane));
  const statuses: number[] = [];
  for (const [k, stage] of group.entries()) {
    const { status, output, took } = await ends[k]!;
    console.log(`\n━━ ${stage.name} ━━`);
    if (output) process.stdout.write(output);
    console.log(`━━ ${stage.name}: ${status === 0 ? 'ok' : 'FAILED'} in ${took} s`);
    statuses.push(status);
  }
  await running;
  return statuses;
}

const seconds = (started: number) => ((Date.now() - started) / 1000).toFixed(0);

// The end-to-end stage's portal build starts once the gates have passed, beside the unit and integration
// stages, instead of inside the end-to-end stage after them. Those stages leave CPU idle (the outage file's
// clock, waits on PostgreSQL and slapd); `nice` gives the build only what they leave, so it does not
// stretch them. The launcher then finds a build newer than the code (scripts/lib/needs-build.ts) and
// serves it; the build is the launcher's own (scripts/lib/portal-build.ts), and, as there, none is made
// when the folder already holds one newer than the code.
let portalBuilt: Promise<TCaptured> | undefined;
// The folder the end-to-end portal serves its build from (playwright.config.ts passes the same to it).
const E2E_DIST = process.env.E2E_DIST_DIR ?? '.next';
function startPortalBuild(): Promise<TCaptured> {
  const build = portalBuild(ROOT, process.env, {
    distDir: process.env.E2E_DIST_DIR,
    typecheck: !typesChecked,
    cache: false,
  });
  return runCaptured({
    name: 'portal build',
    command: 'nice',
    args: ['-n', '10', process.execPath, ...build.args],
    env: build.env,
  });
}

const suiteStarted = Date.now();
for (let i = 0; i < selected.length;) {
  let batch = [selected[i]!];
  if (SIDE_BY_SIDE.has(selected[i]!.name)) {
    let j = i;
    while (j < selected.length && SIDE_BY_SIDE.has(selected[j]!.name)) j++;
    batch = selected.slice(i, j);
  }
  i += batch.length;
  if (
    !portalBuilt &&
    !GATES.includes(batch[0]!.name) &&
    selected.some((s) => s.name === 'end-to-end') &&
    needsBuild(ROOT, E2E_DIST)
  )
    portalBuilt = startPortalBuild();
  if (batch[0]!.name === 'end-to-end' && portalBuilt) {
    const { status, output, took } = await portalBuilt;
    console.log(`\n━━ end-to-end: portal build ━━`);
    process.stdout.write(output);
    console.log(
      `━━ end-to-end: portal build ${status === 0 ? 'ok' : 'FAILED'} in ${took} s (started after the gates)`,
    );
    if (status !== 0) {
      // Next writes BUILD_ID before the build's last phase: left behind, the next run would serve the half.
      fs.rmSync(path.join(ROOT, E2E_DIST, 'BUILD_ID'), { force: true });
      failedStages++;
      continue;
    }
  }
  const statuses =
    batch.length > 1
      ? await runSideBySide(batch, Math.max(1, os.availableParallelism()))
      : [runInline(batch[0]!)];
  let gateFailed = false;
  for (const [k, stage] of batch.entries()) {
    const status = statuses[k]!;
    if (stage.name === 'typecheck' && status === 0) typesChecked = true;
    if (stage.report) {
      const counts = readCounts(path.join(REPORTS, stage.report), stage.name === 'end-to-end');
      passed += counts.passed;
      failed += counts.failed;
      skipped += counts.skipped;
      flaky.push(...counts.flaky);
    }
    if (status !== 0) {
      failedStages++;
      if (GATES.includes(stage.name)) gateFailed = true;
    }
  }
  if (gateFailed) break;
}
if (failedStages && failed === 0) failed = failedStages;
console.log(`\nAll stages in ${seconds(suiteStarted)} s`);
// A test that passed only on its retry counts as passed, and is named: each one is a defect to fix.
for (const title of flaky) console.log(`flaky (passed on its retry): ${title}`);
console.log(
  `\n${passed} passed${flaky.length ? ` (${flaky.length} flaky)` : ''}, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`,
);
process.exit(failedStages ? 1 : 0);

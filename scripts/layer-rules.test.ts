// The layer rules in .dependency-cruiser.cjs can fail: a small tree that breaks each of them is cruised
// with the project's own configuration, and each rule must name its file.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODULE_ORDER } from './lib/module-order.cjs';

const ROOT = path.resolve(import.meta.dirname, '..');

const TREE: Record<string, string> = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: {
      allowImportingTsExtensions: true,
      noEmit: true,
      jsx: 'preserve',
      baseUrl: '.',
      paths: { '@/*': ['./*'] },
    },
  }),
  'server/db/client.ts': 'export const db = {};\n',
  'server/testing/harness.ts': 'export const harness = 1;\n',
  'server/seed/acme.ts': 'export const acme = 1;\n',
  'server/trpc/routers/things/list-things.ts': 'export const listThings = 1;\n',
  'server/shared/label.ts': "import { db } from '../db/client.ts';\nexport const label = db;\n",
  'server/modules/things/use-case.ts':
    "import { listThings } from '../../trpc/routers/things/list-things.ts';\nimport { acme } from '../../seed/acme.ts';\nexport const useCase = [listThings, acme];\n",
  'server/modules/things/use-case.test.ts':
    "import { harness } from '../../testing/harness.ts';\nexport const t = harness;\n",
  'server/connectors/thing/thing-connector.ts':
    "import { harness } from '../../testing/harness.ts';\nimport { describe } from 'vitest';\nexport const c = [harness, describe];\n",
  'app/(portal)/things/page.tsx':
    "import { db } from '@/server/db/client.ts';\nimport { useCase } from '@/server/modules/things/use-case.ts';\nimport { label } from '@/server/shared/label.ts';\nimport { listThings } from '@/server/trpc/routers/things/list-things.ts';\nimport type { getThing } from '@/server/trpc/routers/things/get-thing.ts';\nexport default [db, useCase, label, listThings] as Array<typeof getThing>;\n",
  'app/api/things/route.ts':
    "import { listThings } from '@/server/trpc/routers/things/list-things.ts';\nexport const GET = listThings;\n",
  'server/modules/things/index.ts': "export { useCase } from './use-case.ts';\n",
  'server/modules/things/own-surface.ts':
    "import { useCase } from './index.ts';\nexport const own = useCase;\n",
  'server/modules/things/use-case.int.test.ts':
    "import { useCase } from './use-case.ts';\nimport { fromIndex } from '../others/index.ts';\nexport const t = [useCase, fromIndex];\n",
  'server/modules/others/index.ts': 'export const fromIndex = 1;\n',
  'server/modules/others/reach-in.ts':
    "import { useCase } from '../things/index.ts';\nimport type { TInternal } from '../things/internal-types.ts';\nimport { label } from '../things/use-case.ts';\nexport const reach: TInternal = [useCase, label];\n",
  'server/modules/things/internal-types.ts': 'export type TInternal = unknown;\n',
  'server/trpc/routers/things/get-thing.ts':
    "import type { TInternal } from '@/server/modules/things/internal-types.ts';\nimport { useCase } from '@/server/modules/things/index.ts';\nexport const getThing: TInternal = useCase;\n",
  'server/modules/provisioning/apply.ts':
    "import { settle } from '../fulfilment/index.ts';\nexport const apply = settle;\n",
  'server/modules/fulfilment/index.ts':
    "import { apply } from '../provisioning/index.ts';\nexport const settle = apply;\n",
  'server/modules/provisioning/index.ts': "export { apply } from './apply.ts';\n",
  'server/modules/things/cycle-a.ts':
    "import { b } from './cycle-b.ts';\nexport const a = () => b;\nexport type TA = 1;\n",
  'server/modules/things/cycle-b.ts':
    "import type { TA } from './cycle-a.ts';\nexport const b: TA | null = null;\nexport type TB = 1;\n",
  'server/modules/alpha/index.ts': "export { alpha } from './alpha.ts';\n",
  'server/modules/alpha/alpha.ts':
    "import { beta } from '../beta/index.ts';\nexport const alpha = () => beta;\n",
  'server/modules/beta/index.ts': "export { beta } from './beta.ts';\n",
  'server/modules/beta/beta.ts':
    "import { alpha } from '../alpha/index.ts';\nexport const beta = () => alpha;\n",
  'server/modules/gamma/index.ts': "export { gamma, type TGamma } from './gamma.ts';\n",
  'server/modules/gamma/gamma.ts':
    "import type { TDelta } from '../delta/index.ts';\nexport type TGamma = TDelta;\nexport const gamma = 1;\n",
  'server/modules/delta/index.ts': "export { delta, type TDelta } from './delta.ts';\n",
  'server/modules/delta/delta.ts':
    "import { gamma } from '../gamma/index.ts';\nexport const delta = gamma;\nexport type TDelta = 1;\n",
  // The module order (scripts/lib/module-order.cjs): audit is on the lowest level, notifications on the same
  // one, catalog and reports on the highest; identities comes before access on their ordered level.
  'server/modules/audit/index.ts': "export { audit } from './audit.ts';\n",
  'server/modules/audit/audit.ts':
    "import { catalog } from '../catalog/index.ts';\nimport { notify } from '../notifications/index.ts';\nimport type { TReport } from '../reports/index.ts';\nexport const audit: TReport = [catalog, notify];\n",
  'server/modules/audit/audit.int.test.ts':
    "import { catalog } from '../catalog/index.ts';\nexport const t = catalog;\n",
  'server/modules/notifications/index.ts': 'export const notify = 1;\n',
  'server/modules/catalog/index.ts': 'export const catalog = 1;\n',
  'server/modules/reports/index.ts': 'export type TReport = unknown;\n',
  'server/modules/identities/index.ts':
    "import { access } from '../access/index.ts';\nexport const identities = access;\n",
  'server/modules/access/index.ts':
    "import { notify } from '../notifications/index.ts';\nexport const access = notify;\n",
  'server/modules/lifecycle/index.ts':
    "import { identities } from '../identities/index.ts';\nexport const lifecycle = identities;\n",
  'scripts/start.ts':
    "import { harness } from '../server/testing/harness.ts';\nexport const start = harness;\n",
  'scripts/bench/bench-thing.ts':
    "import { harness } from '../../server/testing/harness.ts';\nexport const bench = harness;\n",
  'jobs/definitions/thing-job.ts':
    "import { listThings } from '../../server/trpc/routers/things/list-things.ts';\nexport const job = listThings;\n",
};

let dir = '';
let violations: Array<{ rule: string; from: string; to: string }> = [];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-layers-'));
  for (const [file, text] of Object.entries(TREE)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  fs.mkdirSync(path.join(dir, 'scripts/lib'), { recursive: true });
  for (const file of ['.dependency-cruiser.cjs', 'scripts/lib/module-order.cjs'])
    fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  const run = spawnSync(
    path.join(ROOT, 'node_modules', '.bin', 'depcruise'),
    ['app', 'server', 'jobs', 'scripts', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'],
    { cwd: dir, encoding: 'utf8' },
  );
  const result = JSON.parse(run.stdout) as {
    summary: { violations: Array<{ rule: { name: string }; from: string; to: string }> };
  };
  violations = result.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
}, 60_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const broken = (rule: string) =>
  violations
    .filter((v) => v.rule === rule)
    .map((v) => `${v.from} -> ${v.to}`)
    .sort();

describe('the layer rules', () => {
  it('keep transports, the seed and the harness out of use cases and connectors', () => {
    expect(broken('domain-knows-no-transport')).toEqual([
      'server/connectors/thing/thing-connector.ts -> server/testing/harness.ts',
      'server/modules/things/use-case.ts -> server/seed/acme.ts',
      'server/modules/things/use-case.ts -> server/trpc/routers/things/list-things.ts',
    ]);
  });

  it('keep test runners and the harness out of code that ships, but not out of tests', () => {
    const found = broken('production-imports-no-test-harness');
    expect(found).toContain('server/connectors/thing/thing-connector.ts -> server/testing/harness.ts');
    expect(
      found.some(
        (f) =>
          f.startsWith('server/connectors/thing/thing-connector.ts -> ') &&
          f.includes('node_modules/vitest/'),
      ),
    ).toBe(true);
    expect(found.some((f) => f.startsWith('server/modules/things/use-case.test.ts'))).toBe(false);
    // The launcher ships: scripts/ is cruised, and only its benchmarks and test tools count as tests.
    expect(found).toContain('scripts/start.ts -> server/testing/harness.ts');
    expect(found.some((f) => f.startsWith('scripts/bench/'))).toBe(false);
  });

  it('let pages reach only tRPC, auth, env and server/shared', () => {
    expect(broken('pages-go-through-trpc')).toEqual([
      'app/(portal)/things/page.tsx -> server/db/client.ts',
      'app/(portal)/things/page.tsx -> server/modules/things/use-case.ts',
      'app/(portal)/things/page.tsx -> server/trpc/routers/things/list-things.ts',
    ]);
  });

  it('keep server/shared pure, and routers out of route handlers and jobs', () => {
    expect(broken('shared-is-pure')).toEqual(['server/shared/label.ts -> server/db/client.ts']);
    expect(broken('route-handlers-call-handlers')).toEqual([
      'app/api/things/route.ts -> server/trpc/routers/things/list-things.ts',
    ]);
    expect(broken('modules-do-not-import-routers')).toEqual([
      'jobs/definitions/thing-job.ts -> server/trpc/routers/things/list-things.ts',
      'server/modules/things/use-case.ts -> server/trpc/routers/things/list-things.ts',
    ]);
    expect(broken('jobs-call-use-cases')).toEqual([
      'jobs/definitions/thing-job.ts -> server/trpc/routers/things/list-things.ts',
    ]);
  });

  it("let code outside a module import only its index, types included, and a module's own files not import it", () => {
    expect(broken('modules-import-public-surfaces')).toEqual([
      'app/(portal)/things/page.tsx -> server/modules/things/use-case.ts',
      'server/modules/others/reach-in.ts -> server/modules/things/internal-types.ts',
      'server/modules/others/reach-in.ts -> server/modules/things/use-case.ts',
      'server/trpc/routers/things/get-thing.ts -> server/modules/things/internal-types.ts',
    ]);
    expect(broken('modules-skip-their-own-surface')).toEqual([
      'server/modules/things/own-surface.ts -> server/modules/things/index.ts',
    ]);
  });

  it('refuse a cycle inside a module (types included) and a run-time cycle between modules', () => {
    expect(broken('no-cycles-inside-a-module')).toEqual([
      'server/modules/things/cycle-a.ts -> server/modules/things/cycle-b.ts',
    ]);
    // alpha and beta load each other; gamma only names a type of delta's, which vanishes at run time.
    expect(broken('no-cycles-between-modules')).toEqual([
      'server/modules/alpha/alpha.ts -> server/modules/beta/index.ts',
      'server/modules/fulfilment/index.ts -> server/modules/provisioning/index.ts',
    ]);
  });

  it('let a module import at run time only modules below it in the module order', () => {
    // Upwards (catalog), on its own level (notifications), and on an ordered level the one named after it
    // (identities -> access) are refused; a type (audit -> reports), a test's import (audit's), downwards
    // (access -> notifications) and, on an ordered level, to one named before (lifecycle -> identities) are not.
    expect(broken('modules-import-lower-levels')).toEqual([
      'server/modules/audit/audit.ts -> server/modules/catalog/index.ts',
      'server/modules/audit/audit.ts -> server/modules/notifications/index.ts',
      'server/modules/identities/index.ts -> server/modules/access/index.ts',
      'server/modules/provisioning/apply.ts -> server/modules/fulfilment/index.ts',
    ]);
  });

  it('give every module a level, the same as docs/engineering.md gives it', () => {
    const modules = fs
      .readdirSync(path.join(ROOT, 'server/modules'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    const levels = MODULE_ORDER.map((level) => (Array.isArray(level) ? level : level.inOrder));
    expect(levels.flat().sort()).toEqual(modules);
    // The table's rows: | level | modules (in that order) | may import |.
    const table = fs
      .readFileSync(path.join(ROOT, 'docs/engineering.md'), 'utf8')
      .split('### Module order')[1]!
      .split('\n')
      .filter((line) => /^\| \d \|/.test(line))
      .map((line) =>
        line
          .split('|')[2]!
          .replace('(in that order)', '')
          .split(',')
          .map((m) => m.trim()),
      );
    expect(table).toEqual(levels);
    const ordered = fs
      .readFileSync(path.join(ROOT, 'docs/engineering.md'), 'utf8')
      .match(/\| (\d) \| [^|]*\(in that order\)/);
    expect(Number(ordered?.[1])).toBe(MODULE_ORDER.findIndex((level) => !Array.isArray(level)));
  });

  it('keep the test harness out of benchmarks', () => {
    expect(broken('benches-share-bench-env')).toEqual([
      'scripts/bench/bench-thing.ts -> server/testing/harness.ts',
    ]);
  });

  it('keep provisioning from importing fulfilment, the one direction of the two', () => {
    expect(broken('fulfilment-above-provisioning')).toEqual([
      'server/modules/provisioning/apply.ts -> server/modules/fulfilment/index.ts',
    ]);
  });
});

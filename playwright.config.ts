import { defineConfig } from '@playwright/test';
import { chromiumPath } from './scripts/lib/e2e-browser.ts';
import { oidcPortalEnv } from './e2e/oidc-settings.ts';
import { PORTAL_COUNT, portals } from './e2e/portals.ts';

// E2E_PORT (the first portal's port; the next ones follow it), E2E_DATA_DIR and E2E_DIST_DIR are
// overridable so that two runs (two developers on one machine) do not collide.
const DIST_DIR = process.env.E2E_DIST_DIR ? ` --dist-dir ${process.env.E2E_DIST_DIR}` : '';
// npm test sets it once its typecheck stage has passed: the portal's build need not check the same types again.
const TYPECHECK = process.env.E2E_TYPES_CHECKED === 'true' ? ' --no-typecheck' : '';
// npm test's build is made for its one run (on CI, a fresh machine every time): no Turbopack cache to write.
const BUILD_CACHE = process.env.E2E_BUILD_CACHE === 'false' ? ' --no-build-cache' : '';
// Decided once, here in the runner, which alone sees --headed/--ui: Playwright's workers load this file
// again without the command line, and inherit the environment.
const chromium = chromiumPath();
if (chromium) process.env.PLAYWRIGHT_CHROMIUM_PATH = chromium;

/**
 * End-to-end tests drive a real Chromium against the whole portal, started exactly as `npm start`
 * starts it (scripts/start.ts) on throw-away data: real PostgreSQL, real slapd, the real worker.
 */
export default defineConfig({
  testDir: 'e2e',
  outputDir: process.env.E2E_OUTPUT_DIR ?? 'test-results/e2e',
  timeout: 120_000,
  expect: { timeout: 20_000 },
  // Files one after another on each worker, one worker per portal (e2e/portals.ts, docs/decisions/083):
  // a spec shares its portal only with the specs before it on its worker, never with one running beside it.
  fullyParallel: false,
  workers: PORTAL_COUNT,
  // One retry: a test that fails and then passes is reported as flaky by name (npm test's summary lists it,
  // docs/decisions/089) and fixed like any defect; a test that fails twice fails the run.
  retries: 1,
  reporter: [['list'], ['json']],
  // baseURL: each worker's own portal, set by the fixtures (e2e/fixtures.ts).
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 860 },
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    // A trace is recorded on a test's retry only (docs/decisions/096): recording one for every test cost the
    // browser about a third more CPU (screencast frames and snapshots), to be thrown away whenever the test passed.
    // A test that fails once is run again with its trace on, so a failure still comes with one.
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
  },
  // Playwright starts these one after another, each once the one before answers (its plugin setups run in
  // order): the first builds as `npm start` does, the next ones serve that same build (--no-build) and so
  // never rebuild the folder the first one serves from.
  // --not-durable: each portal's data is thrown away at the next run's --fresh; a commit waiting for its fsync
  // (its request or job waiting with it) buys nothing there (docs/decisions/117).
  webServer: portals().map(({ index, port, url, dataDir }) => ({
    command: `node --import tsx scripts/start.ts --data-dir ${dataDir} --fresh --not-durable --port ${port}${DIST_DIR}${index === 0 ? `${TYPECHECK}${BUILD_CACHE}` : ' --no-build'}`,
    url: `${url}/api/health`,
    timeout: 900_000,
    reuseExistingServer: false,
    // Sign-in through a real OIDC provider that e2e/oidc-sign-in.spec.ts starts on its own port (one for
    // every portal: only the worker running that spec starts it).
    env: oidcPortalEnv(),
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 30_000 },
  })),
});

import fs from 'node:fs';
import { defineConfig } from '@playwright/test';
import { oidcPortalEnv } from './e2e/oidc-settings.ts';

// Overridable so that two runs (two developers on one machine) do not collide.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const DATA_DIR = process.env.E2E_DATA_DIR ?? '.e2e-data';
const DIST_DIR = process.env.E2E_DIST_DIR ? ` --dist-dir ${process.env.E2E_DIST_DIR}` : '';
// npm test sets it once its typecheck stage has passed: the portal's build need not check the same types again.
const TYPECHECK = process.env.E2E_TYPES_CHECKED === 'true' ? ' --no-typecheck' : '';
// npm test's build is made for its one run (on CI, a fresh machine every time): no Turbopack cache to write.
const BUILD_CACHE = process.env.E2E_BUILD_CACHE === 'false' ? ' --no-build-cache' : '';
const chromium =
  process.env.PLAYWRIGHT_CHROMIUM_PATH ??
  (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

/**
 * End-to-end tests drive a real Chromium against the whole portal, started exactly as `npm start`
 * starts it (scripts/start.ts) on throw-away data: real PostgreSQL, real slapd, the real worker.
 */
export default defineConfig({
  testDir: 'e2e',
  outputDir: process.env.E2E_OUTPUT_DIR ?? 'test-results/e2e',
  timeout: 120_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json']],
  use: {
    baseURL: `http://localhost:${PORT}`,
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
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: `node --import tsx scripts/start.ts --data-dir ${DATA_DIR} --fresh --port ${PORT}${DIST_DIR}${TYPECHECK}${BUILD_CACHE}`,
    url: `http://localhost:${PORT}/api/health`,
    timeout: 900_000,
    reuseExistingServer: false,
    // Sign-in through a real OIDC provider that e2e/oidc-sign-in.spec.ts starts on its own port.
    env: oidcPortalEnv(),
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 30_000 },
  },
});

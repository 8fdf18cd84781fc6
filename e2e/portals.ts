/**
 * The portals an e2e run starts, one per Playwright worker (docs/decisions/083). Each has its own port,
 * its own data folder (its own PostgreSQL, slapd, worker and mail sink) and serves one worker's specs,
 * so a spec shares its portal's state only with the specs that ran before it on that worker.
 * playwright.config.ts starts them; the fixtures point each worker at its own.
 */
const FIRST_PORT = Number(process.env.E2E_PORT ?? 3100);
const DATA_DIR = process.env.E2E_DATA_DIR ?? '.e2e-data';

// One unless asked: on two cores two portals side by side were slower than one (docs/decisions/083,
// "Measured"); a machine with more cores may ask for more.
export const PORTAL_COUNT = Number(process.env.E2E_PORTALS ?? 1);
if (!Number.isInteger(PORTAL_COUNT) || PORTAL_COUNT < 1 || PORTAL_COUNT > 6)
  throw new Error(`E2E_PORTALS must be a whole number from 1 to 6, not "${process.env.E2E_PORTALS}"`);
// Above every portal's port (at most FIRST_PORT + 5): the OIDC provider that e2e/oidc-sign-in.spec.ts starts.
export const OIDC_DEFAULT_PORT = FIRST_PORT + 7;

export type TPortal = { index: number; port: number; url: string; dataDir: string };

/** Portal 0 keeps the port and folder a one-portal run always had. */
export function portal(index: number): TPortal {
  // `--workers` above E2E_PORTALS would send the extra workers to ports where nothing listens.
  if (index >= PORTAL_COUNT)
    throw new Error(
      `Playwright worker ${index} has no portal: E2E_PORTALS is ${PORTAL_COUNT}; run with --workers=${PORTAL_COUNT} at most`,
    );
  const port = FIRST_PORT + index;
  return {
    index,
    port,
    url: `http://localhost:${port}`,
    dataDir: index === 0 ? DATA_DIR : `${DATA_DIR}-${index}`,
  };
}

export const portals = (): TPortal[] => Array.from({ length: PORTAL_COUNT }, (_, i) => portal(i));

/**
 * The portal of the Playwright worker this code runs in. Playwright gives each worker its parallel
 * index (0 … workers − 1) in TEST_PARALLEL_INDEX, the same as testInfo.parallelIndex, and keeps it
 * for a worker that replaces a failed one.
 */
export const ownPortal = (): TPortal => portal(Number(process.env.TEST_PARALLEL_INDEX ?? 0));

// Runs `prisma generate` after install. Generation needs only Prisma's wasm schema parser, but the
// CLI insists on locating its schema engine (a binary it would download, which these machines
// cannot): any existing file satisfies that check. Migrations never use it (server/db/migrate.ts).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? fileURLToPath(import.meta.url),
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
};
const prisma = fileURLToPath(new URL('../node_modules/prisma/build/index.js', import.meta.url));
const result = spawnSync(process.execPath, [prisma, 'generate'], { env, stdio: 'inherit' });
process.exit(result.status ?? 1);

import { defineConfig } from 'prisma/config';

// Prisma's CLI is used only for `prisma generate` here: migrations are plain SQL files applied by
// server/db/migrate.ts (see docs/decisions/001-offline-migrations.md).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/gatehouse' },
});

import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { ClockFirstSequencer } from './server/testing/clock-first-sequencer.ts';

const alias = { '@': path.resolve(import.meta.dirname) };

export default defineConfig({
  resolve: { alias },
  test: {
    // Files that mostly wait on a clock start first (server/testing/clock-first-sequencer.ts).
    sequence: { sequencer: ClockFirstSequencer },
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          // Files share a worker's loaded modules instead of loading them anew per file (docs/decisions/096):
          // loading was 16 s of the stage's 43 s, its tests 3.4 s. No unit test keeps state across files.
          isolate: false,
          sequence: { groupOrder: 0 },
          include: ['server/**/*.test.ts', 'jobs/**/*.test.ts', 'app/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', 'node_modules/**'],
          setupFiles: ['server/testing/fail-on-console-error.ts'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'int',
          // As for unit tests: every file gets its own database and context, passed in, never a module's own.
          isolate: false,
          sequence: { groupOrder: 1 },
          include: ['server/**/*.int.test.ts', 'jobs/**/*.int.test.ts', 'scripts/**/*.int.test.ts'],
          globalSetup: ['server/testing/global-setup.ts'],
          setupFiles: ['server/testing/fail-on-console-error.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Two cores: files run two at a time, each in its own database cloned from a template.
          maxWorkers: 2,
          fileParallelism: true,
        },
      },
    ],
  },
});

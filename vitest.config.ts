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

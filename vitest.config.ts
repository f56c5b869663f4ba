import { defineConfig } from 'vitest/config';

// Two projects: fast pure-maths/state tests, and real-browser tests against the built dist/.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'tests/*.test.ts',
            'tests/text/**/*.test.ts',
            'tests/core/**/*.test.ts',
            'tests/worker/**/*.test.ts',
            'tests/state/**/*.test.ts',
            'tests/plots/**/*.test.ts',
          ],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

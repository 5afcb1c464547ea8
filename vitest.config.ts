import { defineConfig } from 'vitest/config';

/**
 * Three projects, one runner:
 * - unit: the pure core and the build transforms, in Node;
 * - dom: the content-script DOM side in happy-dom;
 * - e2e: the built extension in real Chromium and Firefox ESR (tests/e2e/harness.ts).
 * The e2e files run one at a time: each launches its browser once, and the machine has 2 cores.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'dom',
          include: ['tests/dom/**/*.test.ts'],
          environment: 'happy-dom',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});

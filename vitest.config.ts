import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    globalSetup: ['test/setup/install-lambda-node.ts'],
    reporters: ['default', './test/setup/skipped-suites-reporter.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    env: { DISABLE_PRERELEASE_WARNING: 'true' },
    coverage: {
      provider: 'v8',
      reporter: ['text-summary'],
      include: ['src/domain/**', 'src/app/**'],
      thresholds: { lines: 95 },
    },
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.spec.ts'],
    globalSetup: ['test/support/global-database.ts'],
    testTimeout: 20_000,
    hookTimeout: 90_000,
    // Two cores: files run two at a time, each in its own database.
    maxWorkers: 2,
  },
});

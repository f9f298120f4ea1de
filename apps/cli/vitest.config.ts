import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The CLI tests run the built command, which starts JVMs for the Apex checks.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});

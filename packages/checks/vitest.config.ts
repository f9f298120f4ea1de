import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Apex checks start a JVM; two cores make these slower than a laptop.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});

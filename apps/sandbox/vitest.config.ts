import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A run starts two orgs, deploys force-app to both and streams telemetry: seconds, not milliseconds.
    testTimeout: 240_000, // the first run loads SDR and @salesforce/core cold while turbo runs every other suite on two cores
    hookTimeout: 240_000,
  },
});

import { defineConfig } from 'vitest/config';

// The drills (issue 17; docs/operations.md, docs/fleet.md; `npm run test:drills`): real servers, real PostgreSQL clusters, a proxy and
// a pooler on loopback, killed and failed over on purpose. They take minutes, so they run apart from
// `npm test` (vitest.config.ts leaves test/drills out), one file at a time: each drill owns the
// machine's ports and processes while it runs. .ci/run runs them on the PostgreSQL server.
export default defineConfig({
  test: {
    include: ['test/drills/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    // Builds dist/server/main.mjs from the current sources, as for the reliability tests.
    globalSetup: ['test/support/globalSetup.ts'],
    reporters: ['default', ['./test/support/summaryReporter.ts', { leftOut: null }]],
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 600_000,
    hookTimeout: 300_000,
    teardownTimeout: 120_000,
  },
});

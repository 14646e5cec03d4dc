import { defineConfig } from 'vitest/config';

// The drills (docs/operations.md): real PostgreSQL clusters, PgBouncer and app servers on loopback,
// one file at a time; `npm run test:drills`, run by .ci/run.
export default defineConfig({
  test: {
    include: ['test/drills/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});

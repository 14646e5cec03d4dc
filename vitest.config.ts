import { defineConfig } from 'vitest/config';

// The browser tests drive the web app through the server, whose behaviour does not depend on the
// database kind; the database tests run on both. So with DATABASE_URL (the second pass of .ci/run)
// the browser tests are left out, and the summary says so (docs/decisions/0018).
const browserTests = ['test/e2e/**', 'test/support/browser.test.ts'];
const browsersLeftOut = process.env.DATABASE_URL
  ? `Browser tests (${browserTests.join(', ')}) left out of this pass: the server and web app behave the same on either database; run them without DATABASE_URL.`
  : null;
// The drills (test/drills: servers killed, clusters failed over) take minutes and run apart.
const drillsLeftOut =
  'Drills (test/drills/**) left out: they run with `npm run test:drills` (vitest.drills.config.ts).';
const leftOut = [browsersLeftOut, drillsLeftOut].filter(Boolean).join('\n');

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/drills/**', ...(browsersLeftOut ? browserTests : [])],
    globalSetup: ['test/support/globalSetup.ts'],
    reporters: ['default', ['./test/support/summaryReporter.ts', { leftOut }]],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // A browser page on a loaded two-core machine can take seconds to settle; 1 s (the default) flakes.
    expect: { poll: { timeout: 15_000 } },
  },
});

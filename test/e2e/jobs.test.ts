// The operator's page of scheduled work in a real browser: the jobs with when they run and when
// they last finished, "run now" by keyboard, a parked failure and its retry; at 390 px and with
// axe. Screenshots go to test-results.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobQueue } from '../../src/server/jobs/jobQueue.ts';
import { scheduledJobs } from '../../src/server/jobs/scheduledJobs.ts';
import {
  announceSkipWithoutChromium,
  type BrowserRun,
  checkPage,
  chromiumPath,
  signInPage,
  startBrowserRun,
} from '../support/browser.ts';
import { aUser, type TestUser } from '../support/factories.ts';

announceSkipWithoutChromium('test/e2e/jobs.test.ts');

/** The workers look for work every half second; a loaded machine takes longer. */
const pollFor = { timeout: 20_000, interval: 500 };

describe.skipIf(!chromiumPath)('the operator’s scheduled jobs in the browser', { timeout: 60_000 }, () => {
  let run: BrowserRun;
  let operator: TestUser;
  let failAgain = true;

  beforeAll(async () => {
    run = await startBrowserRun({
      jobs: (database, clock) =>
        startJobQueue(database, {
          jobs: [
            ...scheduledJobs(database),
            {
              name: 'emails',
              cron: '0 3 1 1 *', // never during the test: only "run now" sends it
              run: async () => {
                if (failAgain) throw new Error('SMTP server not reachable (ECONNREFUSED)');
              },
            },
          ],
          now: () => clock.now,
          onError: () => {},
          pollingIntervalSeconds: 0.5,
          retry: { limit: 0, delaySeconds: 1 },
        }),
    });
    operator = await aUser(run.database.db, null, [{ role: 'operator' }], { now: run.clock.now });
  });

  afterAll(async () => {
    expect(run?.problems ?? []).toEqual([]);
    await run?.close();
  });

  const main = (page: Page) => page.getByRole('main');
  const status = (page: Page, text: string) =>
    main(page).getByRole('status').filter({ hasText: text }).first().waitFor();

  it('shows each job, runs one now by keyboard, and retries a parked failure', async () => {
    const page = await signInPage(run, operator);
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Geplande taken' })
      .click();
    await main(page).getByRole('heading', { level: 1, name: 'Geplande taken' }).waitFor();
    const table = main(page).getByRole('table', { name: 'Taken' });
    await table.getByRole('cell', { name: 'Herinneringen (termijnen, evaluaties, toestemmingen)' }).waitFor();
    await table.getByRole('cell', { name: 'Werkdagen om 7.00 uur' }).waitFor();
    expect(await table.getByText('__pgboss').count()).toBe(0);

    // Run the reminders now, by keyboard.
    const runReminders = main(page).getByRole('button', {
      name: 'Nu uitvoeren: Herinneringen (termijnen, evaluaties, toestemmingen)',
    });
    await runReminders.focus();
    await page.keyboard.press('Enter');
    await status(page, 'staat klaar om uitgevoerd te worden');
    await expect
      .poll(async () => {
        await page.reload();
        const row = main(page).getByRole('row').filter({ hasText: 'Herinneringen' });
        return row.getByRole('cell').nth(5).innerText();
      }, pollFor)
      .not.toBe('Nog niet');

    // The e-mail job fails and is parked at once (no retries in this run); the operator retries it.
    await main(page).getByRole('button', { name: 'Nu uitvoeren: E-mail versturen' }).click();
    const failed = main(page).getByRole('table', { name: 'Mislukte taken, nieuwste eerst' });
    await expect
      .poll(async () => {
        await page.reload();
        return failed.getByText('SMTP server not reachable (ECONNREFUSED)').count();
      }, pollFor)
      .toBe(1);
    await checkPage(page, 'jobs-operator');
    failAgain = false;
    await failed.getByRole('button', { name: 'Opnieuw proberen: E-mail versturen' }).click();
    await status(page, 'E-mail versturen wordt opnieuw geprobeerd.');
    await expect
      .poll(async () => {
        await page.reload();
        await main(page).getByRole('heading', { level: 2, name: 'Mislukte taken' }).waitFor();
        return main(page).getByText('Er zijn geen mislukte taken.').count();
      }, pollFor)
      .toBe(1);

    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await checkPage(page, 'jobs-operator-390');
    await page.context().close();
  });
});

// Break-glass access in a real browser (docs/SECURITY.md A4): the operator opens read access to one
// child's file by keyboard — a reason too short is refused next to its field, what was typed stays —
// reads the file's front page, and closes it; the SWV's administrator sees the window in their
// list (who, how long, why, the child by file number, no name) and has a notification. At 390 px
// and with axe. Screenshots go to test-results.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  announceSkipWithoutChromium,
  type BrowserRun,
  checkPage,
  chromiumPath,
  signInPage,
  startBrowserRun,
} from '../support/browser.ts';
import { aSchool, aStudent, aSwv, aUser, type TestUser } from '../support/factories.ts';

announceSkipWithoutChromium('test/e2e/breakGlass.test.ts');

const reason = 'Storingsmelding 4412: het plan opent niet bij de IB’er';

describe.skipIf(!chromiumPath)('break-glass access in the browser', { timeout: 90_000 }, () => {
  let run: BrowserRun;
  let operator: TestUser;
  let admin: TestUser;
  let childId: string;

  beforeAll(async () => {
    run = await startBrowserRun();
    const db = run.database.db;
    const swv = await aSwv(db, { name: 'Samenwerkingsverband Passenderwijs' });
    await aSwv(db, { name: 'Samenwerkingsverband Elders' });
    const school = await aSchool(db, swv.id, { name: 'Basisschool De Regenboog' });
    childId = (await aStudent(db, swv.id, school.id, { givenName: 'Noortje', familyName: 'Zandbergen' })).id;
    operator = await aUser(db, null, [{ role: 'operator' }], {
      now: run.clock.now,
      displayName: 'Olga Operator',
    });
    admin = await aUser(db, swv.id, [{ role: 'swv_admin' }], { now: run.clock.now });
  });

  afterAll(async () => {
    expect(run?.problems ?? []).toEqual([]);
    await run?.close();
  });

  const main = (page: Page) => page.getByRole('main');

  it('lets the operator open, read and close by keyboard; the administrator sees it, on a phone too', async () => {
    const page = await signInPage(run, operator);
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Noodtoegang' })
      .click();
    await main(page).getByRole('heading', { level: 1, name: 'Noodtoegang tot een dossier' }).waitFor();
    await main(page).getByText('U opende nog geen noodtoegang.').waitFor();

    // By keyboard: the SWV, the file number, a reason that is too short.
    await main(page).getByRole('combobox', { name: 'Samenwerkingsverband' }).focus();
    await main(page)
      .getByRole('combobox', { name: 'Samenwerkingsverband' })
      .selectOption({ label: 'Samenwerkingsverband Passenderwijs' });
    await page.keyboard.press('Tab');
    await page.keyboard.type(childId);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Even kijken');
    await main(page).getByRole('button', { name: 'Noodtoegang openen' }).press('Enter');
    await main(page).getByText('Schrijf een reden van minstens 20 tekens, op één regel.').first().waitFor();
    expect(await main(page).getByLabel('Nummer van het dossier').inputValue()).toBe(childId);
    await checkPage(page, 'break-glass-operator-error');

    await main(page).getByLabel('Reden').fill(reason);
    await main(page).getByRole('button', { name: 'Noodtoegang openen' }).press('Enter');
    await main(page).getByText('De noodtoegang is open.').waitFor();
    // The file's front page, read only.
    const file = main(page).getByRole('region', { name: 'Dossier (alleen lezen)' });
    await file.getByText('Noortje Zandbergen').waitFor();
    await file.getByText('Basisschool De Regenboog').waitFor();
    const own = main(page).getByRole('table', { name: 'Noodtoegang die u opende, nieuwste eerst' });
    await own.getByText(reason).waitFor();
    await checkPage(page, 'break-glass-operator');

    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await checkPage(page, 'break-glass-operator-390');

    // Closing, by keyboard: the file is gone from the page.
    await main(page)
      .getByRole('button', { name: `Sluiten: noodtoegang tot dossier ${childId}` })
      .press('Enter');
    await main(page).getByText('De noodtoegang is gesloten.').waitFor();
    await own.getByText(/^Gesloten om/).waitFor();
    expect(await main(page).getByRole('region', { name: 'Dossier (alleen lezen)' }).count()).toBe(0);
    await page.context().close();

    // The administrator: a notification, and the list without the child's name.
    const adminPage = await signInPage(run, admin);
    await adminPage.goto('/notifications');
    await adminPage.getByText('opende noodtoegang tot het dossier van een kind').first().waitFor();
    await adminPage
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Noodtoegang' })
      .click();
    const list = main(adminPage).getByRole('table', { name: 'Noodtoegang tot dossiers, nieuwste eerst' });
    await list.getByText(reason).waitFor();
    await list.getByText('Olga Operator').waitFor();
    await list.getByText(childId).waitFor();
    expect(await main(adminPage).getByText('Noortje').count()).toBe(0);
    await checkPage(adminPage, 'break-glass-admin');
    await adminPage.setViewportSize({ width: 390, height: 844 });
    expect(await adminPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await checkPage(adminPage, 'break-glass-admin-390');
    await adminPage.context().close();
  });
});

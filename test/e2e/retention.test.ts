// Retention in a real browser (docs/SECURITY.md E2): the administrator sets a period by keyboard,
// sees the dry run with the child by number only, and confirms the deletion; at 390 px and with axe.
// Screenshots go to test-results.
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { student } from '../../src/server/db/schema/index.ts';
import {
  announceSkipWithoutChromium,
  type BrowserRun,
  checkPage,
  chromiumPath,
  signInPage,
  startBrowserRun,
} from '../support/browser.ts';
import { aSchool, aStudent, aSwv, aUser, type TestUser } from '../support/factories.ts';

announceSkipWithoutChromium('test/e2e/retention.test.ts');

describe.skipIf(!chromiumPath)('retention in the browser', { timeout: 90_000 }, () => {
  let run: BrowserRun;
  let admin: TestUser;
  let childId: string;

  beforeAll(async () => {
    run = await startBrowserRun();
    const db = run.database.db;
    const swv = await aSwv(db, { name: 'Samenwerkingsverband Passenderwijs' });
    const school = await aSchool(db, swv.id, { name: 'Basisschool De Regenboog' });
    admin = await aUser(db, swv.id, [{ role: 'swv_admin' }], { now: run.clock.now });
    // Left three years before today: due after two years, not after five.
    const child = await aStudent(db, swv.id, school.id, { givenName: 'Hugo', familyName: 'Zwanenburg' });
    childId = child.id;
    const year = run.clock.now.getUTCFullYear() - 3;
    await db
      .update(student)
      .set({ leftOn: `${year}-01-15` })
      .where(eq(student.id, child.id));
  });

  afterAll(async () => {
    expect(run?.problems ?? []).toEqual([]);
    await run?.close();
  });

  const main = (page: Page) => page.getByRole('main');

  it('sets a period by keyboard, shows the dry run by number only and deletes after confirmation', async () => {
    const page = await signInPage(run, admin);
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Bewaartermijnen' })
      .click();
    await main(page).getByRole('heading', { level: 1, name: 'Bewaartermijnen' }).waitFor();
    const items = main(page).getByRole('table', { name: 'Dossiers die aan de beurt zijn' });
    await items.getByRole('cell', { name: childId }).waitFor();
    expect(
      await main(page)
        .getByText(/Hugo|Zwanenburg/)
        .count(),
    ).toBe(0);
    await main(page).getByRole('table', { name: 'Rijen die verwijderd zouden worden, per tabel' }).waitFor();
    await checkPage(page, 'retention-admin');

    // Five years for the child's file, by keyboard: nothing is due any more.
    const select = main(page).getByLabel('Aantal jaren: Dossier van het kind');
    await select.focus();
    await select.selectOption('5');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await main(page).getByRole('status').filter({ hasText: 'is opgeslagen' }).first().waitFor();
    await main(page).getByText('Er is vandaag niets aan de beurt om te verwijderen.').waitFor();

    // Back to two years: the child is due again; deleting needs the confirmation first.
    await main(page).getByLabel('Aantal jaren: Dossier van het kind').selectOption('2');
    await main(page).getByRole('button', { name: 'Opslaan: Dossier van het kind' }).click();
    await items.getByRole('cell', { name: childId }).waitFor();
    const remove = main(page).getByRole('button', { name: 'Definitief verwijderen' });
    await remove.focus();
    await page.keyboard.press('Enter');
    await main(page).getByRole('alert').filter({ hasText: 'Vink eerst aan' }).waitFor();
    await main(page)
      .getByRole('checkbox', { name: /Ik heb de proefrun bekeken/ })
      .focus();
    await page.keyboard.press('Space');
    await remove.focus();
    await page.keyboard.press('Enter');
    await main(page).getByRole('status').filter({ hasText: '1 dossiers van kinderen' }).first().waitFor();
    await main(page).getByText('Er is vandaag niets aan de beurt om te verwijderen.').waitFor();
    const [left] = await run.database.db.select().from(student).where(eq(student.id, childId));
    expect(left).toBeUndefined();

    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await checkPage(page, 'retention-admin-390');
    await page.context().close();
  });
});

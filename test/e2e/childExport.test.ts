// The export of everything about a child (docs/SECURITY.md E1) in a real browser: the parents and the
// IB'er find it on the child's overview, each with words of their own, and download it by keyboard
// alone on a 390 px phone; a teacher sees no such button. Checked by axe; screenshots go to
// test-results/screenshots.
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
import { aGuardian, aSchool, aStudent, aSwv, aUser, type TestUser } from '../support/factories.ts';

announceSkipWithoutChromium('test/e2e/childExport.test.ts');

describe.skipIf(!chromiumPath)('the export of a child’s file in the browser', { timeout: 90_000 }, () => {
  let run: BrowserRun;
  let childId: string;
  const users = {} as Record<'ib' | 'teacher' | 'parent', TestUser>;

  beforeAll(async () => {
    run = await startBrowserRun();
    const db = run.database.db;
    const swv = await aSwv(db, { name: 'Samenwerkingsverband Passenderwijs' });
    const school = await aSchool(db, swv.id, { name: 'Basisschool De Regenboog' });
    const child = await aStudent(db, swv.id, school.id, { givenName: 'Sanne', familyName: 'Vries' });
    childId = child.id;
    const person = (displayName: string, memberships: Parameters<typeof aUser>[2]) =>
      aUser(db, swv.id, memberships, { now: run.clock.now, displayName });
    users.ib = await person('Fatima El Amrani', [{ role: 'school_ib', schoolId: school.id }]);
    users.teacher = await person('Anouk Hendriks', [
      { role: 'teacher', schoolId: school.id, groups: ['5A'] },
    ]);
    users.parent = await person('Mark de Vries', [{ role: 'parent' }]);
    await aGuardian(db, swv.id, child.id, users.parent.id);
  });

  afterAll(async () => {
    expect(run?.problems ?? []).toEqual([]);
    await run?.close();
  });

  const main = (page: Page) => page.locator('main');
  const overview = async (page: Page) => {
    await page.goto(`/students/${childId}`);
    await main(page).getByRole('heading', { level: 1, name: 'Sanne Vries' }).waitFor();
  };
  const focused = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
  async function tabTo(page: Page, text: string) {
    for (let presses = 0; presses < 60; presses++) {
      await page.keyboard.press('Tab');
      if ((await focused(page)) === text) return;
    }
    throw new Error(`no focus on ${text}`);
  }

  it('lets a parent download it by keyboard on a 390 px phone, in plain Dutch', async () => {
    const page = await signInPage(run, users.parent);
    await page.setViewportSize({ width: 390, height: 844 });
    await overview(page);
    const section = main(page).getByRole('region', { name: 'Inzage: alles over dit kind' });
    await section.waitFor();
    expect(await section.innerText()).toContain('alles wat u in Passend kunt zien');
    await checkPage(page, 'student-export-parent-phone');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await tabTo(page, 'Overzicht downloaden (PDF)');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(/^inzage-Sanne-Vries-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(await download.failure()).toBeNull();

    await tabTo(page, 'Overzicht downloaden voor een computer (JSON)');
    const [json] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(json.suggestedFilename()).toMatch(/\.json$/);
    await page.context().close();
  });

  it('offers the IB’er the complete export with a word on answering a request', async () => {
    const page = await signInPage(run, users.ib);
    await overview(page);
    const section = main(page).getByRole('region', { name: 'Inzage: alles over dit kind' });
    await section.waitFor();
    expect(await section.innerText()).toContain('schriftelijk verzoek om inzage');
    await checkPage(page, 'student-export-ib');
    // The parent's download above is on the child's access log, in words.
    await page.goto(`/students/${childId}/access-log`);
    await main(page).getByText('Inzage-overzicht van het hele dossier', { exact: false }).first().waitFor();
    expect(await main(page).innerText()).toContain('Mark de Vries');
    await page.context().close();
  });

  it('shows a teacher no export', async () => {
    const page = await signInPage(run, users.teacher);
    await overview(page);
    await main(page).getByRole('heading', { level: 3, name: 'Schoolloopbaan' }).waitFor();
    expect(await main(page).getByText('Inzage: alles over dit kind').count()).toBe(0);
    await page.context().close();
  });
});

// The OSO hand-over dossier in a real browser (issue 14, point 2): the IB'er of test school 00YY00
// reads in the official PaO example on a phone, by keyboard: a 2017 dossier is refused with its
// message, the 2019.1 example's pupil is not a child of the school yet so the IB'er creates the
// child, the preview shows the counts and the attachments, reading in takes it in, and the child's
// "Overdrachtsdossier" tab shows the dossier. The teacher of the child's group sees the tab without
// the mother's secret address. axe on every state.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school as schoolTable, student as studentTable } from '../../src/server/db/schema/index.ts';
import {
  announceSkipWithoutChromium,
  type BrowserRun,
  checkPage,
  chromiumPath,
  signInPage,
  startBrowserRun,
} from '../support/browser.ts';
import { aSchool, aStudent, aSwv, aUser, type TestUser } from '../support/factories.ts';

announceSkipWithoutChromium('test/e2e/osoImport.test.ts');

const files = path.resolve('test/support/files/oso');
const paoText = readFileSync(path.join(files, 'Voorbeelddossier_PaO_POSWV_full.xml'), 'utf8');
/** The example with the mother's (Tanja's) address made secret. */
const paoSecret = Buffer.from(
  paoText.replace(/(<voornaam>Tanja<\/voornaam>[\s\S]*?<adresgeheim>)false(<\/adresgeheim>)/, '$1true$2'),
);

describe.skipIf(!chromiumPath)('the OSO dossier import in the browser', { timeout: 180_000 }, () => {
  let run: BrowserRun;
  let schoolId = '';
  let swvId = '';
  const users = {} as Record<'ib' | 'teacher', TestUser>;

  beforeAll(async () => {
    run = await startBrowserRun();
    const db = run.database.db;
    const swv = await aSwv(db, { name: 'Samenwerkingsverband Passenderwijs' });
    swvId = swv.id;
    const school = await aSchool(db, swv.id, { name: 'Testschool' });
    await db
      .update(schoolTable)
      .set({ brin: '00YY', locationCode: '00YY00' })
      .where(eq(schoolTable.id, school.id));
    schoolId = school.id;
    await aStudent(db, swv.id, school.id, { givenName: 'Noor', familyName: 'Bakker', groupName: '8A' });
    users.ib = await aUser(db, swv.id, [{ role: 'school_ib', schoolId: school.id }], {
      now: run.clock.now,
      displayName: 'Fatima El Amrani',
    });
    users.teacher = await aUser(db, swv.id, [{ role: 'teacher', schoolId: school.id, groups: ['8A'] }], {
      now: run.clock.now,
      displayName: 'Jeroen de Wit',
    });
  });

  afterAll(async () => {
    expect(run?.problems ?? []).toEqual([]);
    await run?.close();
  });

  const main = (page: Page) => page.locator('main');
  const noWiderThan390 = async (page: Page) =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const focused = (page: Page) => page.evaluate(() => document.activeElement?.textContent);

  async function preview(page: Page, file: { name: string; buffer: Buffer }) {
    const input = main(page).getByLabel('OSO-dossier');
    await input.setInputFiles({ ...file, mimeType: 'application/xml' });
    await input.focus();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Bekijk wat er wordt ingelezen');
    await page.keyboard.press('Enter');
  }

  let childId = '';

  it("lets the school's IB'er read in the official example on a phone, by keyboard", async () => {
    const page = await signInPage(run, users.ib);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/schools/${schoolId}/students`);
    await main(page).getByRole('link', { name: 'Overdrachtsdossier inlezen' }).click();
    await main(page).getByRole('heading', { level: 1, name: 'Overdrachtsdossier inlezen' }).waitFor();
    await noWiderThan390(page);
    await checkPage(page, 'oso-start-phone');

    // A dossier of version 2017: refused, with what to do.
    await preview(page, {
      name: 'dossier-2017.xml',
      buffer: readFileSync(path.join(files, 'Voorbeelddossier_2017.1_PaO_POSWV_full.xml')),
    });
    const refusal = main(page).getByRole('alert');
    await refusal.getByRole('heading', { name: 'Het dossier is geweigerd' }).waitFor();
    await refusal.getByText(/OSO-versie 2017\. Passend leest alleen versie 2019\.1/).waitFor();
    await noWiderThan390(page);
    await checkPage(page, 'oso-refused-2017-phone');

    // The 2019.1 example: the pupil is not a child of the school yet.
    await preview(page, { name: 'dossier.xml', buffer: paoSecret });
    const answer = main(page).getByRole('region', { name: 'Wat er wordt ingelezen' });
    await answer.getByText(/^Leerling in het dossier: Daan van de Berg, geboren 17/).waitFor();
    expect(await focused(page)).toBe('Wat er wordt ingelezen');
    await answer.getByRole('group', { name: 'Van welk kind is dit dossier?' }).waitFor();
    await noWiderThan390(page);
    await checkPage(page, 'oso-choose-phone');
    // By keyboard: Tab to the one choice (create the child), Space, Tab to the button, Enter.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    expect(await answer.getByLabel('Nieuw kind aanmaken: Daan van de Berg').isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Dit kind gebruiken');
    await page.keyboard.press('Enter');
    await answer.getByText('Het dossier komt bij een nieuw kind: Daan van de Berg.').waitFor();
    await answer.getByText(/^Toetsresultaten \(LVS\): 5 nieuw/).waitFor();
    await answer
      .getByText(/groepsplan\.txt, overig\): niet ingelezen: alleen PDF, Word en afbeeldingen/)
      .waitFor();
    await noWiderThan390(page);
    await checkPage(page, 'oso-preview-phone');

    // Read in: the button after the counts.
    await answer.getByRole('button', { name: 'Inlezen' }).focus();
    await page.keyboard.press('Enter');
    const done = main(page).getByRole('region', { name: 'Ingelezen' });
    await done
      .getByText('Het overdrachtsdossier is ingelezen in het dossier van Daan van de Berg.')
      .waitFor();
    await noWiderThan390(page);
    await checkPage(page, 'oso-applied-phone');

    await done.getByRole('link', { name: 'Naar het dossier van Daan van de Berg' }).click();
    await main(page).getByRole('heading', { level: 2, name: 'Overdrachtsdossier' }).waitFor();
    await main(page).getByText('Testschool 00YY00', { exact: false }).first().waitFor();
    // The IB'er sees the mother's secret address.
    await main(page)
      .getByText(/7311KD/)
      .waitFor();
    await noWiderThan390(page);
    await checkPage(page, 'oso-tab-ib-phone');
    childId = new URL(page.url()).pathname.split('/')[2] ?? '';
  });

  it('shows the teacher the tab without the secret address', async () => {
    // The new child into the teacher's group.
    await run.database.db.update(studentTable).set({ groupName: '8A' }).where(eq(studentTable.id, childId));
    expect(swvId).not.toBe('');
    const page = await signInPage(run, users.teacher);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/students/${childId}/oso`);
    await main(page).getByRole('heading', { level: 2, name: 'Overdrachtsdossier' }).waitFor();
    await main(page).getByText('Adres geheim: alleen de IB’er en de consulent zien het.').waitFor();
    expect(await main(page).textContent()).not.toMatch(/7311KD|geheim@geheim/);
    await noWiderThan390(page);
    await checkPage(page, 'oso-tab-teacher-phone');
  });
});

// The roster import in a real browser (issue 14, point 1): the IB'er of the school with location
// code 99ZZ00 imports the official EDEXML 2.1 example on a phone, by keyboard: a broken file is
// refused with its line and record, the example's preview shows the changes with names, applying
// takes them in and the child appears in the school's list. The SWV administrator reaches the
// page from the schools and sees the file's pupil numbers, no names; and takes in DUO's register of
// the province's primary schools on a phone, by keyboard: the SWV's 98 locations. axe on every state.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school as schoolTable } from '../../src/server/db/schema/index.ts';
import {
  announceSkipWithoutChromium,
  type BrowserRun,
  checkPage,
  chromiumPath,
  signInPage,
  startBrowserRun,
} from '../support/browser.ts';
import { aSchool, aStudent, aSwv, aUser, type TestUser } from '../support/factories.ts';

announceSkipWithoutChromium('test/e2e/rosterImport.test.ts');

const examplePath = path.resolve('test/support/files/edexml/EDEXML.Voorbeeld.2.1.xml');

describe.skipIf(!chromiumPath)('the roster import in the browser', { timeout: 180_000 }, () => {
  let run: BrowserRun;
  let schoolId = '';
  const users = {} as Record<'ib' | 'admin', TestUser>;

  beforeAll(async () => {
    run = await startBrowserRun();
    const db = run.database.db;
    // PO 26.01: the SWV of the city of Utrecht, whose postcodes hold 98 of the register's locations.
    const swv = await aSwv(db, { name: 'Samenwerkingsverband Passenderwijs', registerCode: 'PO 26.01' });
    const school = await aSchool(db, swv.id, { name: 'Basisschool De Regenboog' });
    // The official example's school: BRIN 99ZZ, dependance 00.
    await db
      .update(schoolTable)
      .set({ brin: '99ZZ', locationCode: '99ZZ00' })
      .where(eq(schoolTable.id, school.id));
    schoolId = school.id;
    await aStudent(db, swv.id, school.id, { givenName: 'Noor', familyName: 'Bakker', groupName: '4B' });
    users.ib = await aUser(db, swv.id, [{ role: 'school_ib', schoolId: school.id }], {
      now: run.clock.now,
      displayName: 'Fatima El Amrani',
    });
    users.admin = await aUser(db, swv.id, [{ role: 'swv_admin' }], {
      now: run.clock.now,
      displayName: 'Anouk Smit',
    });
  });

  afterAll(async () => {
    expect(run?.problems ?? []).toEqual([]);
    await run?.close();
  });

  const main = (page: Page) => page.locator('main');
  const noWiderThan390 = async (page: Page) =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  /** Chooses the file, then sends it for the preview from the keyboard. */
  async function preview(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
    const input = main(page).getByLabel('EDEXML-bestand');
    await input.setInputFiles(file);
    await input.focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Bekijk wat er verandert');
    await page.keyboard.press('Enter');
  }

  it("lets the school's IB'er import the official example on a phone, by keyboard", async () => {
    const page = await signInPage(run, users.ib);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/schools/${schoolId}/students`);
    await main(page).getByRole('link', { name: 'Leerlingen importeren (EDEXML)' }).click();
    await main(page).getByRole('heading', { level: 1, name: 'Leerlingen importeren (EDEXML)' }).waitFor();

    // A broken file: refused whole, each problem with its line and record.
    const example = readFileSync(examplePath, 'utf8');
    await preview(page, {
      name: 'kapot.xml',
      mimeType: 'application/xml',
      buffer: Buffer.from(example.replace('<geboortedatum>2006-06-21', '<geboortedatum>21-06-2006')),
    });
    const refusal = main(page).getByRole('alert');
    await refusal.getByRole('heading', { name: 'Het bestand is geweigerd' }).waitFor();
    await refusal.getByText(/^regel \d+, leerling 00001: /).waitFor();
    await noWiderThan390(page);
    await checkPage(page, 'roster-refused-phone');

    // The example: counts first, then the lists, with names.
    await preview(page, {
      name: 'leerlingen.xml',
      mimeType: 'application/xml',
      buffer: Buffer.from(example),
    });
    const answer = main(page).getByRole('region', { name: 'Wat verandert er' });
    await answer
      .getByText('EDEXML 2.1, schooljaar 2014-2015, school 99ZZ00: 3 leerlingen in het bestand.')
      .waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Wat verandert er');
    await answer.getByText('Wimpie imp ie (leerling 00001)').waitFor();
    await answer.getByText(/Noor Bakker \(met de hand ingevoerd\)/).waitFor();
    await answer.getByText('leerling 00002: geen geboortedatum').waitFor();
    await noWiderThan390(page);
    await checkPage(page, 'roster-preview-phone');

    // Apply: from the heading, Tab reaches "Toepassen".
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Toepassen');
    await page.keyboard.press('Enter');
    const done = main(page).getByRole('region', { name: 'Ingelezen' });
    await done.getByText('Het bestand is ingelezen: 1 toegevoegd, 0 gewijzigd, 0 uitgeschreven.').waitFor();
    await noWiderThan390(page);
    await checkPage(page, 'roster-applied-phone');

    await done.getByRole('link', { name: 'Naar de leerlingenlijst' }).click();
    await main(page)
      .getByRole('link', { name: /Wimpie/ })
      .waitFor();
    await checkPage(page, 'roster-list-after');
  });

  it('shows the SWV administrator the pupil numbers and counts, no names', async () => {
    const page = await signInPage(run, users.admin);
    await page.goto('/admin/schools');
    await main(page)
      .getByRole('link', { name: 'Importeren: leerlingen van Basisschool De Regenboog' })
      .click();
    await preview(page, {
      name: 'leerlingen.xml',
      mimeType: 'application/xml',
      buffer: readFileSync(examplePath),
    });
    const answer = main(page).getByRole('region', { name: 'Wat verandert er' });
    await answer.getByText(/alleen aantallen en de leerlingnummers/).waitFor();
    // Applied by the IB'er before: Wimpie is unchanged now.
    await answer
      .getByText('Er verandert niets: de leerlingen in Passend komen overeen met het bestand.')
      .waitFor();
    // Nothing to take in: nothing to apply.
    expect(await answer.getByRole('button', { name: 'Toepassen' }).count()).toBe(0);
    expect(await main(page).textContent()).not.toMatch(/Wimpie|Noor|Bakker/);
    await checkPage(page, 'roster-preview-admin');
  });

  it('lets the SWV administrator take in DUO’s register on a phone, by keyboard', async () => {
    const page = await signInPage(run, users.admin);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/admin/schools');
    await main(page).getByRole('link', { name: 'Inlezen uit het DUO-register' }).click();
    await main(page)
      .getByRole('heading', { level: 1, name: 'Scholen inlezen uit het register van DUO' })
      .waitFor();
    expect(await main(page).getByLabel('Soort scholen in het bestand').inputValue()).toBe('bao');
    const input = main(page).getByLabel('Bestand van DUO (CSV)');
    await input.setInputFiles({
      name: 'alle-schoolvestigingen-basisonderwijs.csv',
      mimeType: 'text/csv',
      buffer: readFileSync(path.resolve('test/support/files/duo/schoolvestigingen-bo-provincie-utrecht.csv')),
    });
    await input.focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const answer = main(page).getByRole('region', { name: 'Dit verandert er' });
    await answer.getByText('Drie Koningenschool').waitFor();
    expect(await answer.locator('dl').innerText()).toMatch(/Nieuw\s+98/);
    await noWiderThan390(page);
    await checkPage(page, 'school-register-preview-390');
    // The focus is on the answer's heading: Tab reaches Toepassen.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Toepassen');
    await page.keyboard.press('Enter');
    await main(page).getByText('98 scholen toegevoegd, 0 bijgewerkt.').waitFor();
    await checkPage(page, 'school-register-done-390');
    await main(page).getByRole('link', { name: 'Naar de scholen' }).first().click();
    await main(page).getByRole('link', { name: 'Drie Koningenschool', exact: true }).waitFor();
  });
});

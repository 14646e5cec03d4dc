// The OSO hand-over dossier in a real browser (issue 14, point 3): the sending school's IB'er, on a
// phone and by keyboard, ticks the parts the parents consented to at the hand-over and downloads
// the dossier; it is valid against OSO 2019.1 and holds only those parts. The receiving school's
// IB'er then sees the parts and downloads it too. 390 px, axe on every state.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, amsterdamToday } from '../../src/domain/calendar.ts';
import { validateOsoDossier } from '../../src/server/modules/transitions/osoExport.ts';
import {
  announceSkipWithoutChromium,
  type BrowserRun,
  checkPage,
  chromiumPath,
  signInPage,
  startBrowserRun,
} from '../support/browser.ts';
import {
  aConsent,
  aGuardian,
  anActivePlan,
  aSchool,
  aStudent,
  aSwv,
  aUser,
  type TestUser,
} from '../support/factories.ts';

announceSkipWithoutChromium('test/e2e/osoExport.test.ts');

describe.skipIf(!chromiumPath)('the OSO hand-over dossier in the browser', { timeout: 180_000 }, () => {
  let run: BrowserRun;
  let childId: string;
  let transitionPath = '';
  const users = {} as Record<'ib' | 'receivingIb', TestUser>;

  beforeAll(async () => {
    run = await startBrowserRun();
    const db = run.database.db;
    const swv = await aSwv(db, { name: 'Samenwerkingsverband Passenderwijs PO' });
    const school = await aSchool(db, swv.id, { name: 'Basisschool De Regenboog' });
    const sbo = await aSchool(db, swv.id, { name: 'SBO De Brug', kind: 'sbo' });
    const child = await aStudent(db, swv.id, school.id, {
      givenName: 'Zoë',
      familyName: 'Ünal-de Wit',
      groupName: '6B',
      supportLevel: 3,
    });
    childId = child.id;
    users.ib = await aUser(db, swv.id, [{ role: 'school_ib', schoolId: school.id }], {
      now: run.clock.now,
      displayName: 'Fatima El Amrani',
    });
    users.receivingIb = await aUser(db, swv.id, [{ role: 'school_ib', schoolId: sbo.id }], {
      now: run.clock.now,
      displayName: 'Joost Mulder',
    });
    const parent = await aUser(db, swv.id, [{ role: 'parent' }], { now: run.clock.now });
    await aGuardian(db, swv.id, child.id, parent.id);
    await anActivePlan(db, { swvId: swv.id, studentId: child.id, userId: users.ib.id });
    await aConsent(db, {
      swvId: swv.id,
      studentId: child.id,
      givenByUserId: parent.id,
      purpose: 'hand_over_to_school',
      givenOn: amsterdamToday(run.clock.now),
    });
  });

  afterAll(async () => {
    expect(run?.problems ?? []).toEqual([]);
    await run?.close();
  });

  const main = (page: Page) => page.locator('main');
  const narrow = async (page: Page) =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  async function download(page: Page) {
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      main(page).getByRole('link', { name: 'Overdrachtsdossier (OSO) downloaden' }).click(),
    ]);
    return { name: file.suggestedFilename(), xml: readFileSync(await file.path(), 'utf8') };
  }

  it('lets the sending IB’er tick the consented parts at the hand-over by keyboard, and download the dossier', async () => {
    const page = await signInPage(run, users.ib);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/students/${childId}/transitions`);
    await main(page).getByRole('button', { name: 'Overstap starten' }).click();
    const form = main(page).getByRole('form', { name: 'Overstap starten' });
    await form.getByLabel('Zoek de nieuwe school').fill('Brug');
    const school = form.getByLabel('Nieuwe school', { exact: true });
    await expect.poll(() => school.locator('option').count()).toBe(2);
    await school.selectOption({ index: 1 });
    const today = amsterdamToday(run.clock.now);
    await form.getByLabel('Aangemeld op de nieuwe school op').fill(addDays(today, -3));
    await form.getByLabel('Overstap op (eerste schooldag)').fill(addDays(today, 30));
    await form.getByLabel('Overdrachtsverslag').fill('Zoë werkt goed met een vaste plek & een dagplanning.');
    await form.getByRole('button', { name: 'Overstap starten' }).click();
    await main(page).getByRole('heading', { level: 1, name: 'Overstap van Zoë Ünal-de Wit' }).waitFor();
    transitionPath = new URL(page.url()).pathname;
    const oso = main(page).getByRole('region', { name: 'Overdrachtsdossier (OSO)' });
    await oso.getByText('Het overdrachtsdossier is er zodra het dossier is overgedragen.').waitFor();

    // The hand-over by keyboard: the step, then Tab through the parts (Space ticks), then Enter.
    const steps = main(page).getByRole('form', { name: 'Volgende stap' });
    const choice = steps.getByLabel('Volgende stap', { exact: true });
    await choice.selectOption({ label: 'Dossier overdragen' });
    await steps.getByRole('group', { name: 'Wat mag mee in het overdrachtsdossier (OSO)?' }).waitFor();
    await choice.focus();
    await page.keyboard.press('Tab'); // Kind en ouders
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab'); // Schoolloopbaan: not consented
    await page.keyboard.press('Tab'); // Ondersteuning
    await page.keyboard.press('Space');
    expect(await steps.getByLabel(/^Ondersteuning: niveau/).isChecked()).toBe(true);
    expect(await steps.getByLabel(/^Schoolloopbaan/).isChecked()).toBe(false);
    await narrow(page);
    await checkPage(page, 'oso-hand-over-parts-390');
    await page.keyboard.press('Tab'); // Documenten
    await page.keyboard.press('Tab'); // Verzuim
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Dossier overdragen');
    await page.keyboard.press('Enter');
    await main(page).getByRole('status').getByText('Opgeslagen.').waitFor();
    await oso.getByText('Kind en ouders (namen en e-mailadressen van de ouders)').waitFor();
    await oso.getByText('Ondersteuning: niveau en groeidocument of OPP met de doelen').waitFor();
    expect(await oso.getByText(/^Schoolloopbaan/).count()).toBe(0);
    await narrow(page);
    await checkPage(page, 'oso-handed-over-390');

    const { name, xml } = await download(page);
    expect(name).toBe(`OSO-Zoe-Unal-de-Wit-${today}.xml`);
    expect(validateOsoDossier(xml)).toEqual([]);
    expect(xml).toContain('<achternaam>Ünal-de Wit</achternaam><roepnaam>Zoë</roepnaam>');
    expect(xml).toContain('<verzorger>');
    expect(xml).toContain('<onderwijsondersteuning>');
    expect(xml).not.toContain('<schoolloopbaanlijst>');
    await page.context().close();
  });

  it('lets the receiving school’s IB’er download it once handed over', async () => {
    const page = await signInPage(run, users.receivingIb);
    await page.goto(transitionPath);
    const oso = main(page).getByRole('region', { name: 'Overdrachtsdossier (OSO)' });
    await oso.getByText('Onderdelen met toestemming van de ouders:').waitFor();
    await checkPage(page, 'oso-receiving-school');
    const { xml } = await download(page);
    expect(validateOsoDossier(xml)).toEqual([]);
    await page.context().close();
  });
});

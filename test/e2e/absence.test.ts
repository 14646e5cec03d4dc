// Children at home in a real browser (issue 13, points 1–5): a school's absence report opens a
// watch; an attendance officer registers a child enrolled nowhere (no student record) on a phone;
// the administrator sets the escalation ladder; the thresholds fire on their day (the job run with
// a moved clock) and escalate to the ladder's person; the child returns with an offer and a return
// plan and the case is closed. Keyboard where it matters, axe on every state, 390 px for leerplicht.
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, amsterdamToday } from '../../src/domain/calendar.ts';
import { queryRows } from '../../src/server/db/client.ts';
import { absenceWatch } from '../../src/server/db/schema/index.ts';
import { absenceThresholdsOf } from '../../src/server/modules/absence/absence.commands.ts';
import {
  announceSkipWithoutChromium,
  type BrowserRun,
  checkPage,
  chromiumPath,
  signInPage,
  startBrowserRun,
} from '../support/browser.ts';
import {
  anAttendanceOrganisation,
  aSchool,
  aStudent,
  aSwv,
  aTeam,
  aUser,
  type MembershipSpec,
  type TestUser,
} from '../support/factories.ts';

announceSkipWithoutChromium('test/e2e/absence.test.ts');

describe.skipIf(!chromiumPath)('children at home in the browser', { timeout: 180_000 }, () => {
  let run: BrowserRun;
  let swvId: string;
  let studentId: string;
  let returnedChildId: string;
  let schoolId: string;
  let casePath = '';
  const users = {} as Record<'ib' | 'officer' | 'consultant' | 'admin', TestUser>;

  beforeAll(async () => {
    run = await startBrowserRun();
    const db = run.database.db;
    const swv = await aSwv(db, { name: 'Samenwerkingsverband Utrecht', municipalities: ['Utrecht'] });
    swvId = swv.id;
    const school = await aSchool(db, swv.id, { name: 'Basisschool De Regenboog' });
    schoolId = school.id;
    studentId = (await aStudent(db, swv.id, school.id, { givenName: 'Daan', familyName: 'Smit' })).id;
    returnedChildId = (await aStudent(db, swv.id, school.id, { givenName: 'Noor', familyName: 'Bakker' })).id;
    const leerplicht = await anAttendanceOrganisation(db, swv.id, 'Utrecht');
    const person = (displayName: string, memberships: MembershipSpec[]) =>
      aUser(db, swv.id, memberships, { now: run.clock.now, displayName });
    users.ib = await person('Fatima El Amrani', [{ role: 'school_ib', schoolId: school.id }]);
    users.officer = await person('Peter de Leeuw', [{ role: 'partner', partnerOrganisationId: leerplicht }]);
    users.consultant = await person('Sander de Wit', [{ role: 'consultant' }]);
    users.admin = await person('Anouk Smit', [{ role: 'swv_admin' }]);
    await aTeam(db, swv.id, [school.id], [users.consultant.id]);
  });

  afterAll(async () => {
    expect(run?.problems ?? []).toEqual([]);
    await run?.close();
  });

  const main = (page: Page) => page.locator('main');
  const today = () => amsterdamToday(run.clock.now);
  const status = (page: Page, text: string | RegExp) =>
    main(page).getByRole('status').getByText(text).waitFor();

  it('opens a watch on the school’s absence report', async () => {
    const page = await signInPage(run, users.ib);
    // From the child's file.
    await page.goto(`/students/${studentId}`);
    await main(page).getByRole('link', { name: 'Verzuim melden' }).click();
    const form = main(page).getByRole('form', { name: 'De melding' });
    await form.getByLabel('Afwezig sinds').fill(addDays(today(), -10));
    await form
      .getByLabel('Toelichting')
      .fill('16 uur ongeoorloofd verzuim in 4 weken, gemeld bij het Verzuimloket.');
    await checkPage(page, 'absence-report-school-ib');
    await form.getByRole('button', { name: 'Melding versturen' }).click();
    await main(page).getByRole('heading', { level: 1, name: 'Thuiszitters' }).waitFor();
    const watches = main(page).getByRole('table', { name: 'Open verzuimmeldingen' });
    await watches.getByText('Daan Smit').waitFor();
    await watches.getByText('Verzuimmelding (16 uur in 4 weken)').waitFor();
    await checkPage(page, 'absence-list-school-ib');
  });

  it('lets the school close a watch when the child attends again, on a phone and by keyboard', async () => {
    const page = await signInPage(run, users.ib);
    await run.database.db.insert(absenceWatch).values({
      swvId,
      id: uuidv7(),
      studentId: returnedChildId,
      schoolId,
      municipality: 'Utrecht',
      kind: 'worry',
      absentSince: addDays(today(), -5),
      reportedOn: today(),
      reportedByUserId: users.ib.id,
      createdAt: run.clock.now,
    });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/absence');
    const watches = main(page).getByRole('table', { name: 'Open verzuimmeldingen' });
    await watches.getByText('Noor Bakker').waitFor();
    await checkPage(page, 'absence-watches-school-ib-390');
    const close = watches.getByRole('button', { name: /^Melding sluiten voor Noor Bakker/ });
    await close.focus();
    await page.keyboard.press('Enter');
    await status(page, 'De melding voor Noor Bakker is gesloten.');
    await watches.getByText('Noor Bakker').waitFor({ state: 'detached' });
    await watches.getByText('Daan Smit').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await checkPage(page, 'absence-watch-closed-school-ib-390');
  });

  it('lets the administrator set the escalation ladder by keyboard', async () => {
    const page = await signInPage(run, users.admin);
    await page.goto('/admin/absence-ladder');
    const rung = main(page).getByRole('group', { name: 'Bij 3 maanden' });
    const box = rung.getByLabel('Anouk Smit');
    await box.focus();
    await page.keyboard.press('Space');
    expect(await box.isChecked()).toBe(true);
    await main(page).getByRole('button', { name: 'Opslaan' }).focus();
    await page.keyboard.press('Enter');
    await status(page, 'De escalatieladder is opgeslagen.');
    await checkPage(page, 'absence-ladder-admin');
  });

  it('lets leerplicht register a child enrolled nowhere, on a phone, and see the school’s watch', async () => {
    const page = await signInPage(run, users.officer);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/absence');
    await main(page).getByRole('table', { name: 'Open verzuimmeldingen' }).getByText('Daan Smit').waitFor();
    await main(page).getByRole('link', { name: 'Thuiszitter registreren' }).click();
    const form = main(page).getByRole('form', { name: 'Gegevens van het verzuimdossier' });
    // Keyboard: the first field, then Tab through the form.
    await form.getByLabel('Voornaam van het kind').focus();
    await page.keyboard.type('Mila');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Jansen');
    await form.getByLabel('Geboortedatum').fill('2014-06-01');
    await form.getByLabel('Woongemeente').selectOption('Utrecht');
    await form.getByLabel('Thuis sinds').fill(addDays(today(), -20));
    await form.getByLabel('Reden').fill('Na verhuizing nergens ingeschreven.');
    await form.getByLabel('Leerplichtambtenaar').selectOption({ label: 'Peter de Leeuw' });
    await checkPage(page, 'absence-register-leerplicht-390');
    await form.getByRole('button', { name: 'Dossier openen' }).click();
    await main(page).getByRole('heading', { level: 1, name: 'Verzuimdossier van Mila Jansen' }).waitFor();
    await main(page).getByText('Niet ingeschreven (geen leerlingdossier)').waitFor();
    casePath = new URL(page.url()).pathname;
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await checkPage(page, 'absence-case-leerplicht-390');
  });

  it('fires the thresholds on their day and escalates along the ladder', async () => {
    const caseId = casePath.split('/').at(-1)!;
    const runOn = (date: string) =>
      run.database.db.transaction((tx) => absenceThresholdsOf(tx, swvId, new Date(`${date}T05:45:00Z`)));
    const startedOn = addDays(today(), -20);
    // The job with a moved clock: nothing a day before the 4 weeks; on the day the officer hears.
    await runOn(addDays(startedOn, 27));
    const notices = () =>
      queryRows(run.database.db, sql`select kind, occasion from notification where subject_id = ${caseId}`);
    expect(await notices()).toEqual([]);
    await runOn(addDays(startedOn, 28));
    expect(await notices()).toEqual([{ kind: 'absence_threshold', occasion: 'four_weeks' }]);
    const [year, month, day] = startedOn.split('-').map(Number) as [number, number, number];
    const threeMonths = new Date(Date.UTC(year, month - 1 + 3, day)).toISOString().slice(0, 10);
    await runOn(threeMonths);
    // The administrator, added by the ladder at 3 months, now opens the case and sees the timeline.
    const page = await signInPage(run, users.admin);
    await page.goto(casePath);
    const timeline = main(page).getByRole('list').filter({ hasText: 'Dossier geopend' });
    await timeline.getByText(/Grens van 4 weken bereikt/).waitFor();
    await timeline.getByText(/Grens van 3 maanden bereikt/).waitFor();
    await timeline.getByText(/Geëscaleerd — toegevoegd: Anouk Smit/).waitFor();
    await checkPage(page, 'absence-case-escalated-admin');
  });

  it('brings the child back with an offer and a return plan, and closes the case', async () => {
    const page = await signInPage(run, users.officer);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(casePath);
    await main(page).getByRole('button', { name: 'Nieuw aanbod vastleggen' }).click();
    const offer = main(page).getByRole('form', { name: 'Nieuw aanbod vastleggen' });
    // Over 40 hours is refused with the rule in words.
    await offer.getByLabel('Uur onderwijs per week').fill('30');
    await offer.getByLabel('Uur zorg per week').fill('12');
    await offer.getByRole('button', { name: 'Opslaan' }).click();
    await main(page)
      .getByRole('alert')
      .getByText('Een aanbod is 0 tot 40 uur per week, onderwijs en zorg samen.')
      .waitFor();
    await offer.getByLabel('Uur onderwijs per week').fill('6');
    await offer.getByLabel('Uur zorg per week').fill('2');
    await offer.getByRole('button', { name: 'Opslaan' }).click();
    await status(page, 'Het aanbod is vastgelegd.');
    await main(page)
      .getByText(/^Nu: 6 uur onderwijs en 2 uur zorg per week/)
      .waitFor();

    await main(page).getByRole('button', { name: 'Stap toevoegen' }).click();
    const step = main(page).getByRole('form', { name: 'Stap toevoegen' });
    await step.getByLabel('Wat').fill('Twee ochtenden per week op school');
    await step.getByLabel('Wie').fill('Mentor');
    await step.getByLabel('Uiterlijk').fill(addDays(today(), 14));
    await step.getByRole('button', { name: 'Opslaan' }).click();
    await status(page, 'De stap is toegevoegd.');
    const done = main(page).getByRole('button', { name: 'Gedaan: Twee ochtenden per week op school' });
    await done.focus();
    await page.keyboard.press('Enter');
    await status(page, 'De stap is afgerond.');
    await checkPage(page, 'absence-case-offer-plan-390');

    await main(page).getByRole('button', { name: 'Dossier afsluiten' }).click();
    const end = main(page).getByRole('form', { name: 'Afgesloten' });
    await end.getByLabel('Hoe is het afgelopen?').selectOption({ label: 'Naar een andere school' });
    await end.getByRole('button', { name: 'Dossier afsluiten' }).click();
    await status(page, 'Het dossier is afgesloten.');
    await main(page)
      .getByText(/: Naar een andere school$/)
      .waitFor();
    expect(await main(page).getByRole('button', { name: 'Nieuw aanbod vastleggen' }).count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await checkPage(page, 'absence-case-closed-390');
  });

  it('shows the figures on a reference date from the address', async () => {
    const page = await signInPage(run, users.consultant);
    await page.goto(`/absence/figures?on=${addDays(today(), -1)}`);
    await main(page)
      .getByText(/^Thuiszitters op .*: 1$/)
      .waitFor();
    await checkPage(page, 'absence-figures-consultant');
  });
});

// The SWV administrator's pages in a real browser: users (list, filter, create with the activation
// link shown once, a second administrator's approval of the role, the newcomer's activation, the
// audit trail; edit, block, reset the second factor), schools, boards, teams, partner
// organisations, the SWV's settings with the clock of requests and its school holidays — with errors next to the fields, what was typed kept, and
// axe on every page; the page that tells others they have no access; and the idle warning counting
// from the last call the server answered. Screenshots go to test-results.

import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../../src/server/auth/totp.ts';
import { schoolHoliday, swv as swvTable } from '../../src/server/db/schema/index.ts';
import {
  announceSkipWithoutChromium,
  type BrowserRun,
  chromiumPath,
  expectNoAxeViolations,
  saveScreenshot,
  signInPage,
  startBrowserRun,
} from '../support/browser.ts';
import {
  aPartnerOrganisation,
  aSchool,
  aStudent,
  aSwv,
  aUser,
  signIn as signInByApi,
  type TestUser,
} from '../support/factories.ts';

announceSkipWithoutChromium('test/e2e/admin.test.ts');

const minutes = (n: number) => n * 60 * 1000;

describe.skipIf(!chromiumPath)('the SWV administrator in the browser', { timeout: 60_000 }, () => {
  let run: BrowserRun;
  let swvId: string;
  let admin: TestUser;
  let secondAdmin: TestUser;
  let ib: TestUser;
  let consultant: TestUser;
  let schoolName: string;
  let schoolOption: string;
  let childIds: string[];

  beforeAll(async () => {
    run = await startBrowserRun();
    const db = run.database.db;
    const swv = await aSwv(db, { name: 'Samenwerkingsverband Passenderwijs' });
    swvId = swv.id;
    const school = await aSchool(db, swv.id, { name: 'Basisschool De Regenboog' });
    schoolName = school.name;
    schoolOption = `${school.name} (${school.locationCode})`;
    await aPartnerOrganisation(db, swv.id, [school.id]);
    admin = await aUser(db, swv.id, [{ role: 'swv_admin' }], { now: run.clock.now });
    secondAdmin = await aUser(db, swv.id, [{ role: 'swv_admin' }], {
      now: run.clock.now,
      displayName: 'Tweede beheerder',
    });
    ib = await aUser(db, swv.id, [{ role: 'school_ib', schoolId: school.id }]);
    childIds = [
      (await aStudent(db, swv.id, school.id, { givenName: 'Femke', familyName: 'Zwanenburg' })).id,
      (await aStudent(db, swv.id, school.id, { givenName: 'Daan', familyName: 'Oudshoorn' })).id,
    ];
    consultant = await aUser(db, swv.id, [{ role: 'consultant' }], { now: run.clock.now });
  });

  afterAll(async () => {
    expect(run?.problems ?? []).toEqual([]);
    await run?.close();
  });

  const nav = (page: Page, name: string) =>
    page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name, exact: true }).click();

  async function signIn(page: Page, user: TestUser, password = user.password) {
    await page.goto('/login');
    await page.getByLabel('E-mailadres').fill(user.email);
    await page.getByLabel('Wachtwoord').fill(password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    if (user.totpSecret) {
      // A code works once: every sign-in uses the next time step.
      run.clock.advance(30_000);
      await page.getByLabel('Code', { exact: true }).fill(currentTotp(user.totpSecret, run.clock.now));
      await page.getByRole('button', { name: 'Controleren' }).click();
    }
    await page.getByRole('heading', { level: 1, name: /Welkom/ }).waitFor();
  }

  it('lists the users with their roles and schools, and filters them', async () => {
    const page = await signInPage(run, admin);
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Gebruikers' })
      .click();
    const table = page.getByRole('table', { name: 'Gebruikers van het samenwerkingsverband' });
    await table.waitFor();
    await page.getByText(`Intern begeleider — ${schoolName}`).waitFor();
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'admin-users');

    await page.getByLabel('Zoek gebruikers').fill(ib.email);
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    await page.getByText('1 van 4 getoond').waitFor();
    await page.context().close();
  });

  it('creates a user by keyboard, keeping what was typed through errors; a second administrator approves the role and the newcomer activates the account', async () => {
    const page = await signInPage(run, admin);
    await page.goto('/admin/users/new');
    await page.getByRole('heading', { level: 1, name: 'Nieuwe gebruiker' }).waitFor();

    // Nothing filled in: the summary takes focus and its links lead to the fields.
    await page.getByRole('button', { name: 'Gebruiker aanmaken' }).press('Enter');
    const summary = page.getByRole('alert').filter({ hasText: 'Er is een probleem' });
    await summary.waitFor();
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('passend-admin-summary');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'admin-user-new-errors');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-displayName');

    await page.keyboard.type('Fatima de Vries');
    await page.keyboard.press('Tab');
    await page.keyboard.type(consultant.email);
    await page.getByRole('combobox', { name: 'Rol 1' }).selectOption({ label: 'Intern begeleider' });
    await page.getByRole('combobox', { name: 'School', exact: true }).selectOption({ label: schoolOption });

    // The server refuses an address that already has an account here; everything typed stays.
    await page.getByRole('button', { name: 'Gebruiker aanmaken' }).press('Enter');
    await page
      .getByText('Er is in dit samenwerkingsverband al een account met dit e-mailadres.')
      .first()
      .waitFor();
    expect(await page.getByLabel('Naam', { exact: true }).inputValue()).toBe('Fatima de Vries');
    expect(await page.getByLabel('E-mailadres').inputValue()).toBe(consultant.email);
    await expectNoAxeViolations(page);

    await page.getByLabel('E-mailadres').fill('fatima.devries@example.test');
    await page.getByRole('button', { name: 'Gebruiker aanmaken' }).press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Gebruiker aangemaakt' }).waitFor();
    // An activation link, shown once: never a password.
    const link = (await page.getByTestId('activation-link').textContent()) ?? '';
    expect(link).toMatch(/\/activate#[\w-]{43}$/);
    await page.getByText('Deze link ziet u maar één keer').waitFor();
    await page.getByText('pas in als een tweede beheerder ze goedkeurt').waitFor();
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'admin-user-created');
    await page.setViewportSize({ width: 390, height: 844 });
    await saveScreenshot(page, 'admin-user-created-390');
    await page.setViewportSize({ width: 1280, height: 800 });

    // The administrator who asked for the IB role cannot approve it.
    await nav(page, 'Goedkeuringen');
    const grants = page.getByRole('table', { name: 'Rollen die wachten op goedkeuring' });
    await grants.getByText('Fatima de Vries').waitFor();
    await grants.getByText('Een andere beheerder beslist hierover.').waitFor();
    expect(await grants.getByRole('button', { name: 'Goedkeuren' }).count()).toBe(0);
    await page.context().close();

    // Before approval the newcomer activates the account and signs in, without the role yet.
    const newcomer = await run.newPage();
    await newcomer.goto(link.replace(/^https?:\/\/[^/]+/, ''));
    await newcomer.getByRole('heading', { level: 1, name: 'Account activeren' }).waitFor();
    // The token leaves the address bar at once.
    expect(newcomer.url()).not.toContain('#');
    await newcomer.getByLabel('Nieuw wachtwoord').fill('kort');
    await newcomer.getByRole('button', { name: 'Wachtwoord instellen' }).press('Enter');
    await newcomer.getByText('Het wachtwoord moet minstens 12 tekens hebben.').first().waitFor();
    await expectNoAxeViolations(newcomer);
    await newcomer.setViewportSize({ width: 390, height: 844 });
    await saveScreenshot(newcomer, 'activate-390');
    await newcomer.getByLabel('Nieuw wachtwoord').fill('mijn eigen zin voor passend');
    await newcomer.keyboard.press('Enter');
    await newcomer.getByText('Uw account is geactiveerd.').waitFor();
    await expectNoAxeViolations(newcomer);
    await newcomer.context().close();

    // The second administrator approves it, by keyboard, after a question.
    const approver = await run.newPage();
    await signIn(approver, secondAdmin);
    await nav(approver, 'Goedkeuringen');
    const row = approver.getByRole('row').filter({ hasText: 'Fatima de Vries' });
    await row.waitFor();
    await expectNoAxeViolations(approver);
    await saveScreenshot(approver, 'admin-role-grants');
    await row.getByRole('button', { name: 'Goedkeuren' }).press('Enter');
    await approver.getByText('Weet u zeker dat Fatima de Vries de rol').waitFor();
    await approver.getByRole('button', { name: 'Goedkeuren' }).first().press('Enter');
    await approver.getByText(/Fatima de Vries heeft de rol Intern begeleider/).waitFor();
    await approver.getByText('Er wacht niets op goedkeuring.').waitFor();
    await approver.setViewportSize({ width: 390, height: 844 });
    await saveScreenshot(approver, 'admin-role-grants-390');

    // The audit trail says who asked, who approved, and that the account was activated.
    await approver.setViewportSize({ width: 1280, height: 800 });
    await nav(approver, 'Beheerlog');
    const log = approver.getByRole('table', { name: 'Gebeurtenissen, nieuwste eerst' });
    await log.getByText('Rol goedgekeurd — Intern begeleider').waitFor();
    await log.getByText('Rol aangevraagd — Intern begeleider').waitFor();
    await log.getByText('Account geactiveerd').waitFor();
    await expectNoAxeViolations(approver);
    await saveScreenshot(approver, 'admin-audit');
    await approver.setViewportSize({ width: 390, height: 844 });
    await saveScreenshot(approver, 'admin-audit-390');
    await approver.context().close();

    // Signed in again, the new IB'er lands on a home page.
    const ibPage = await run.newPage();
    await signIn(ibPage, {
      id: '',
      email: 'fatima.devries@example.test',
      password: 'mijn eigen zin voor passend',
      totpSecret: null,
      swvId: null,
    });
    await ibPage.context().close();
    // The longest walk of this file: two administrators and the newcomer, each in a browser.
  }, 180_000);

  it('blocks a user and resets their second factor, each after asking', async () => {
    const page = await signInPage(run, admin);
    await page.goto(`/admin/users/${consultant.id}`);
    await page.getByRole('heading', { level: 2, name: 'Account' }).waitFor();
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'admin-user-edit');

    await page.getByRole('button', { name: 'Tweede stap opnieuw instellen' }).click();
    await page.getByText(/Weet u zeker dat u de tweede stap/).waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Annuleren' }).click();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Tweede stap opnieuw instellen',
    );

    await page.getByRole('button', { name: 'Tweede stap opnieuw instellen' }).click();
    await page.getByRole('button', { name: 'Ja, opnieuw instellen' }).click();
    await page.getByText(/De tweede stap van .* is gewist/).waitFor();

    await page.getByRole('button', { name: 'Account blokkeren' }).click();
    await page.getByRole('button', { name: 'Ja, blokkeren' }).click();
    await page.getByText(/Het account van .* is geblokkeerd/).waitFor();
    await page.getByRole('button', { name: 'Account vrijgeven' }).waitFor();

    await page.getByRole('link', { name: 'Terug naar alle gebruikers' }).click();
    const row = page.getByRole('row').filter({ hasText: consultant.email });
    await expect.poll(() => row.textContent()).toMatch(/Geblokkeerd/);
    await page.context().close();
  });

  it("shows what an employee did with children's files per day, counting and naming no child, on a phone", async () => {
    const reader = await signInByApi(run, ib);
    for (const id of [...childIds, childIds[0]!]) {
      expect((await reader.get(`/api/students/${id}`)).statusCode).toBe(200);
    }
    const page = await signInPage(run, admin);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/admin/users/${ib.id}`);
    await page.getByRole('heading', { level: 2, name: 'Inzage in dossiers' }).waitFor();
    const table = page.getByRole('table', { name: /^Inzage door .* per dag$/ });
    const row = table.getByRole('row').nth(1);
    await row.waitFor();
    // Two children, three reads, nothing changed, downloaded or refused.
    expect((await row.locator('td').allInnerTexts()).slice(0, 5)).toEqual(['2', '3', '0', '0', '0']);
    const main = await page.locator('main').innerText();
    expect(main).not.toMatch(/Zwanenburg|Oudshoorn|Femke|Daan/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'admin-user-access-390');
    await page.context().close();
  });

  it('adds a school, refusing a BRIN that is not one, and edits it', async () => {
    const page = await signInPage(run, admin);
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Scholen' }).click();
    await page.getByRole('table', { name: 'Scholen van het samenwerkingsverband' }).waitFor();
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'admin-schools');

    await page.getByRole('link', { name: 'Nieuwe school' }).click();
    await page.getByLabel('Naam', { exact: true }).fill('SBO De Wissel');
    await page.getByLabel('BRIN en vestiging').fill('12A');
    await page.getByLabel('Soort').selectOption('sbo');
    await page.getByLabel('Wijk').fill('Noordoost');
    await page.getByLabel('Gemeente').fill('Utrecht');
    await page.getByLabel('Aantal leerlingen').fill('1.250');
    await page.getByRole('button', { name: 'School toevoegen' }).click();
    await page
      .getByText(/2 cijfers, 2 letters en 2 cijfers/)
      .first()
      .waitFor();
    expect(await page.getByLabel('Naam', { exact: true }).inputValue()).toBe('SBO De Wissel');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'admin-school-new-errors');

    await page.getByLabel('BRIN en vestiging').fill('12ab01');
    await page.getByRole('button', { name: 'School toevoegen' }).click();
    await page.getByText('School SBO De Wissel is toegevoegd.').waitFor();
    await page.getByRole('link', { name: 'Bekijk SBO De Wissel' }).click();
    await page.getByText('BRIN en vestiging: 12AB01 (vast)').waitFor();
    expect(await page.getByLabel('Aantal leerlingen').inputValue()).toBe('1250');
    await page.getByLabel('Aantal leerlingen').fill('1300');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('De wijzigingen zijn opgeslagen.').waitFor();
    await expectNoAxeViolations(page);
    await page.context().close();
  });

  it('creates a team with a school and a consultant', async () => {
    const page = await signInPage(run, admin);
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Teams' }).click();
    await page.getByText('Er zijn nog geen teams.').waitFor();
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'Nieuw team' }).click();
    await page.getByLabel('Naam', { exact: true }).fill('Team Noordwest');
    await page.getByLabel('Wijk').fill('Noordwest');
    await page.getByLabel(new RegExp(schoolName)).check();
    await page.getByLabel(new RegExp(consultant.email)).check();
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'admin-team-new');
    await page.getByRole('button', { name: 'Team aanmaken' }).click();
    await page.getByText('Team Team Noordwest is aangemaakt.').waitFor();

    await page.getByRole('link', { name: 'Terug naar alle teams' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Team Noordwest' });
    await expect.poll(() => row.textContent()).toContain(schoolName);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'admin-teams');
    await page.context().close();
  });

  it('edits the SWV’s settings, says what an empty field needs, and shows the new name at once', async () => {
    const page = await signInPage(run, admin);
    await nav(page, 'Instellingen');
    await page
      .getByRole('heading', { level: 1, name: 'Instellingen van het samenwerkingsverband' })
      .waitFor();
    await page.getByLabel('Vakantieregio').waitFor();
    // The clock of requests, with its defaults.
    expect(await page.getByLabel('Beslistermijn in werkdagen').inputValue()).toBe('10');
    expect(await page.getByLabel('Termijn bij een crisisplaatsing in werkdagen').inputValue()).toBe('1');
    expect(await page.getByLabel('De termijn staat stil in de schoolvakanties').isChecked()).toBe(false);
    expect(await page.getByLabel('Consulenten beslissen over arrangementen').isChecked()).toBe(false);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'admin-settings');

    await page.getByLabel('Naam', { exact: true }).fill('');
    await page.getByLabel('Gemeenten').fill('Woerden, Montfoort, Oudewater');
    await page.getByLabel('Beslistermijn in werkdagen').fill('61');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Er is een probleem' });
    await summary.getByRole('link', { name: 'Vul de naam in.' }).waitFor();
    await page
      .locator('#field-decisionWorkingDays-error')
      .getByText('Vul een beslistermijn in van 1 tot 60 werkdagen.')
      .waitFor();
    // Next to its field, and what was typed is still there.
    await page.locator('#field-name-error').getByText('Vul de naam in.').waitFor();
    expect(await page.getByLabel('Gemeenten').inputValue()).toBe('Woerden, Montfoort, Oudewater');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'admin-settings-errors');

    await page.getByLabel('Naam', { exact: true }).fill('Samenwerkingsverband Passenderwijs Utrecht West');
    await page.getByLabel('Vakantieregio').selectOption({ label: 'Noord' });
    await page.getByLabel('Beslistermijn in werkdagen').fill('12');
    await page.getByLabel('Consulenten beslissen over arrangementen').check();
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByRole('status').getByText('De instellingen zijn opgeslagen.').waitFor();
    await page.locator('.passend-header__swv').getByText('Passenderwijs Utrecht West').waitFor();
    const [stored] = await run.database.db.select().from(swvTable).where(eq(swvTable.id, swvId));
    expect(stored).toMatchObject({
      name: 'Samenwerkingsverband Passenderwijs Utrecht West',
      municipalities: ['Woerden', 'Montfoort', 'Oudewater'],
      holidayRegion: 'noord',
      decisionWorkingDays: 12,
      crisisWorkingDays: 1,
      skipSchoolHolidays: false,
      consultantsDecide: true,
    });
    await expectNoAxeViolations(page);

    // The monitor's participation reference, in a form of its own: 3,5 until set; two decimals refused.
    const reference = page.getByLabel('Referentie voor deelname aan SBO, SO en VSO (%)');
    expect(await reference.inputValue()).toBe('3,5');
    await reference.fill('3,25');
    await page.getByRole('button', { name: 'Referentie vastleggen' }).click();
    await page
      .locator('#field-participationReference-error')
      .getByText('Vul een percentage van 0 tot 100 in, met hoogstens één decimaal.')
      .waitFor();
    await reference.fill('3,2');
    await page.getByRole('button', { name: 'Referentie vastleggen' }).click();
    await page.getByRole('status').getByText('De referentie is opgeslagen.').waitFor();
    const [withReference] = await run.database.db.select().from(swvTable).where(eq(swvTable.id, swvId));
    expect(withReference!.participationReferenceTenths).toBe(32);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'admin-settings-reference');
    await page.context().close();
  });

  it('enters the school holidays of a school year by keyboard, refusing an overlap next to its row, on a phone too', async () => {
    const page = await signInPage(run, admin);
    await nav(page, 'Schoolvakanties');
    await page.getByRole('heading', { level: 1, name: 'Schoolvakanties' }).waitFor();
    await page.getByText('Voor 2026-2027 zijn nog geen schoolvakanties ingevoerd.').waitFor();
    await page
      .getByText('De termijn van aanvragen telt deze vakanties nu mee als werkdagen.', { exact: false })
      .waitFor();
    expect(await page.getByLabel('Schooljaar').inputValue()).toBe('2026-2027');

    // A new row takes focus in its first field.
    await page.getByRole('button', { name: 'Vakantie toevoegen' }).click();
    const first = page.getByRole('group', { name: 'Vakantie 1', exact: true });
    await expect
      .poll(() => first.getByLabel('Vakantie', { exact: true }).evaluate((e) => e === document.activeElement))
      .toBe(true);
    await page.keyboard.type('Herfstvakantie');
    await first.getByLabel('Eerste dag').fill('2026-10-17');
    await first.getByLabel('Laatste dag').fill('2026-10-25');
    await page.getByRole('button', { name: 'Vakantie toevoegen' }).click();
    const second = page.getByRole('group', { name: 'Vakantie 2', exact: true });
    await second.getByLabel('Vakantie', { exact: true }).fill('Kerstvakantie');
    await second.getByLabel('Eerste dag').fill('2026-10-24');
    await second.getByLabel('Laatste dag').fill('2026-11-01');
    await page.getByRole('button', { name: 'Vakanties opslaan' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Er is een probleem' });
    await summary.getByRole('link', { name: 'Deze vakantie valt samen met een andere vakantie.' }).waitFor();
    await page
      .locator('#field-holidays-1-firstDay-error')
      .getByText('Deze vakantie valt samen met een andere vakantie.')
      .waitFor();
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'admin-school-holidays-errors');

    // A third row, removed again: focus goes back to the button that adds one.
    await page.getByRole('button', { name: 'Vakantie toevoegen' }).click();
    await page.getByRole('button', { name: 'Vakantie 3 verwijderen' }).click();
    await expect
      .poll(() =>
        page
          .getByRole('button', { name: 'Vakantie toevoegen' })
          .evaluate((e) => e === document.activeElement),
      )
      .toBe(true);
    await second.getByLabel('Eerste dag').fill('2026-12-19');
    await second.getByLabel('Laatste dag').fill('2027-01-03');
    await page.getByRole('button', { name: 'Vakanties opslaan' }).click();
    await page.getByRole('status').getByText('De schoolvakanties van 2026-2027 zijn opgeslagen.').waitFor();
    const table = page.getByRole('table', { name: 'Schoolvakanties 2026-2027' });
    await table.getByRole('rowheader', { name: 'Herfstvakantie' }).waitFor();
    await table.getByRole('rowheader', { name: 'Kerstvakantie' }).waitFor();
    const stored = await run.database.db
      .select({ name: schoolHoliday.name, firstDay: schoolHoliday.firstDay, lastDay: schoolHoliday.lastDay })
      .from(schoolHoliday)
      .where(eq(schoolHoliday.swvId, swvId))
      .orderBy(schoolHoliday.firstDay);
    expect(stored).toEqual([
      { name: 'Herfstvakantie', firstDay: '2026-10-17', lastDay: '2026-10-25' },
      { name: 'Kerstvakantie', firstDay: '2026-12-19', lastDay: '2027-01-03' },
    ]);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'admin-school-holidays');

    // The next school year is empty, and this one still holds its holidays.
    await page.getByLabel('Schooljaar').selectOption('2027-2028');
    await page.getByText('Voor 2027-2028 zijn nog geen schoolvakanties ingevoerd.').waitFor();
    await page.getByLabel('Schooljaar').selectOption('2026-2027');
    await table.getByRole('rowheader', { name: 'Herfstvakantie' }).waitFor();

    await page.setViewportSize({ width: 390, height: 844 });
    await first.getByLabel('Laatste dag').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'admin-school-holidays-phone');
    await page.context().close();
  });

  it('adds a board, refusing a code that is no DUO number, and links a school to it', async () => {
    const page = await signInPage(run, admin);
    await nav(page, 'Besturen');
    await page.getByText('Er zijn nog geen besturen.').waitFor();
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'Nieuw bestuur' }).click();
    await page.getByLabel('Naam', { exact: true }).fill('Stichting Penta Primair');
    await page.getByLabel('Bevoegd-gezagnummer').fill('4153');
    await page.getByRole('button', { name: 'Bestuur toevoegen' }).click();
    await page
      .locator('#field-code-error')
      .getByText(/vijf cijfers/)
      .waitFor();
    expect(await page.getByLabel('Naam', { exact: true }).inputValue()).toBe('Stichting Penta Primair');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'admin-board-new-errors');

    await page.getByLabel('Bevoegd-gezagnummer').fill('41534');
    await page.getByRole('button', { name: 'Bestuur toevoegen' }).click();
    await page.getByText('Bestuur Stichting Penta Primair is toegevoegd.').waitFor();
    await page.getByRole('link', { name: 'Bekijk Stichting Penta Primair' }).click();
    expect(await page.getByLabel('Bevoegd-gezagnummer').inputValue()).toBe('41534');

    // The school's page now offers the board.
    await nav(page, 'Scholen');
    await page.getByRole('link', { name: schoolName, exact: true }).click();
    await page.getByLabel('Bestuur').selectOption({ label: 'Stichting Penta Primair (41534)' });
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('De wijzigingen zijn opgeslagen.').waitFor();
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'admin-school-edit');

    await nav(page, 'Besturen');
    const row = page.getByRole('row').filter({ hasText: 'Stichting Penta Primair' });
    await expect.poll(() => row.textContent()).toContain('41534');
    expect((await row.locator('td').last().textContent())?.trim()).toBe('1');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'admin-boards');
    await page.context().close();
  });

  it('adds a partner organisation at a school and renames it', async () => {
    const page = await signInPage(run, admin);
    await nav(page, 'Partnerorganisaties');
    await page.getByRole('table', { name: 'Partnerorganisaties van het samenwerkingsverband' }).waitFor();
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'Nieuwe partnerorganisatie' }).click();
    await page.getByRole('button', { name: 'Partnerorganisatie toevoegen' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Er is een probleem' });
    await summary.getByRole('link', { name: 'Kies de soort partnerorganisatie.' }).waitFor();
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'admin-partner-new-errors');

    await page.getByLabel('Naam', { exact: true }).fill('JGZ Utrecht West');
    await page.getByLabel('Soort').selectOption({ label: 'Jeugdgezondheidszorg (JGZ)' });
    await page.getByLabel(new RegExp(schoolName)).check();
    await page.getByRole('button', { name: 'Partnerorganisatie toevoegen' }).click();
    await page.getByText('Partnerorganisatie JGZ Utrecht West is toegevoegd.').waitFor();
    await page.getByRole('link', { name: 'Bekijk JGZ Utrecht West' }).click();
    expect(await page.getByLabel(new RegExp(schoolName)).isChecked()).toBe(true);
    await page.getByLabel('Naam', { exact: true }).fill('JGZ Regio Utrecht West');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('De wijzigingen zijn opgeslagen.').waitFor();
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'admin-partner-edit');

    await page.getByRole('link', { name: 'Terug naar alle partnerorganisaties' }).click();
    const row = page.getByRole('row').filter({ hasText: 'JGZ Regio Utrecht West' });
    await expect.poll(() => row.textContent()).toContain('Jeugdgezondheidszorg (JGZ)');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'admin-partners');
    await page.context().close();
  });

  it('offers the admin pages only to the administrator, and tells others they have no access', async () => {
    const page = await signInPage(run, ib);
    expect(await page.getByRole('link', { name: 'Gebruikers' }).count()).toBe(0);
    for (const path of ['/admin/settings', '/admin/partners/new', `/admin/users/${admin.id}`]) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: 'Geen toegang' }).waitFor();
    }
    await page.getByText('U heeft geen toegang tot dit deel van Passend.').waitFor();
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'no-access');
    await page.getByRole('link', { name: 'Naar de startpagina' }).click();
    await page.getByRole('heading', { level: 1, name: /Welkom/ }).waitFor();
    await page.context().close();
  });

  it('counts the idle time from the last call the server answered, not from signing in', async () => {
    const page = await run.newPage();
    // The browser's clock starts where the server's is; both are moved, never waited for.
    await page.clock.install({ time: run.clock.now });
    await signIn(page, admin);
    const dialog = page.getByRole('alertdialog', { name: 'Wilt u ingelogd blijven?' });

    run.clock.advance(minutes(20));
    await page.clock.fastForward(minutes(20));
    await nav(page, 'Scholen');
    await page.getByRole('table', { name: 'Scholen van het samenwerkingsverband' }).waitFor();

    // 29½ minutes after signing in, 9½ after the last call: no warning (the old count warned at 28).
    run.clock.advance(minutes(9.5));
    await page.clock.fastForward(minutes(9.5));
    // Give a warning that was due the time to show (real time: the page's clock stands still).
    await page.waitForTimeout(500);
    expect(await dialog.isVisible()).toBe(false);

    // 28½ minutes after the last call: the warning, and the session is still there to keep.
    run.clock.advance(minutes(19));
    await page.clock.fastForward(minutes(19));
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Ingelogd blijven' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await nav(page, 'Teams');
    await page.getByRole('heading', { level: 1, name: 'Teams' }).waitFor();
    expect(page.url()).not.toContain('/login');
    await page.context().close();
  });
});

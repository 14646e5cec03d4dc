// The child's file in a real browser: the IB'er finds a child in the school's list, opens the file
// and works in it; a parent opens their child's file and reads who looked at it; a teacher of
// another group is refused. axe checks every page; screenshots go to test-results/screenshots.
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
import {
  aGuardian,
  anActivePlan,
  aSchool,
  aStudent,
  aSwv,
  aTeam,
  aUser,
  type MembershipSpec,
  type TestUser,
} from '../support/factories.ts';

announceSkipWithoutChromium('test/e2e/students.test.ts');

describe.skipIf(!chromiumPath)("the child's file in the browser", { timeout: 60_000 }, () => {
  let run: BrowserRun;
  let schoolId: string;
  let sanneId: string;
  const users = {} as Record<'ib' | 'teacherOtherGroup' | 'parent' | 'consultant', TestUser>;

  beforeAll(async () => {
    run = await startBrowserRun();
    const db = run.database.db;
    const swv = await aSwv(db, { name: 'Samenwerkingsverband Passenderwijs' });
    const school = await aSchool(db, swv.id, { name: 'Basisschool De Regenboog' });
    schoolId = school.id;
    const sanne = await aStudent(db, swv.id, school.id, {
      givenName: 'Sanne',
      familyName: 'Vries',
      groupName: '5A',
    });
    await db.update(student).set({ familyNamePrefix: 'de' }).where(eq(student.id, sanne.id));
    sanneId = sanne.id;
    // Classmates to search and filter among, and enough pupils for a second page of 25.
    const others = [
      { givenName: 'Daan', prefix: 'de', familyName: 'Vries', groupName: '7B', level: 1 },
      { givenName: 'Julia', prefix: '', familyName: 'Mulder', groupName: '7B', level: 2 },
      { givenName: 'Sem', prefix: '', familyName: 'Visser', groupName: '7B', level: 3 },
      ...Array.from({ length: 26 }, (_, i) => ({
        givenName: 'Kim',
        prefix: '',
        familyName: `Bakker ${String(i + 1).padStart(2, '0')}`,
        groupName: '3B',
        level: 1,
      })),
    ];
    const ids: Record<string, string> = {};
    for (const other of others) {
      const row = await aStudent(db, swv.id, school.id, other);
      await db
        .update(student)
        .set({ familyNamePrefix: other.prefix, supportLevel: other.level })
        .where(eq(student.id, row.id));
      ids[other.familyName] = row.id;
    }
    const person = (displayName: string, memberships: MembershipSpec[]) =>
      aUser(db, swv.id, memberships, { now: run.clock.now, displayName });
    users.ib = await person('Fatima El Amrani', [{ role: 'school_ib', schoolId: school.id }]);
    users.teacherOtherGroup = await person('Anouk Hendriks', [
      { role: 'teacher', schoolId: school.id, groups: ['7B'] },
    ]);
    users.parent = await person('Mark de Vries', [{ role: 'parent' }]);
    await aGuardian(db, swv.id, sanne.id, users.parent.id);
    users.consultant = await person('Joost van Dijk', [{ role: 'consultant' }]);
    await aTeam(db, swv.id, [school.id], [users.consultant.id]);
    // Sem, at level 3, has an active plan.
    await anActivePlan(db, { swvId: swv.id, studentId: ids.Visser!, userId: users.ib.id });
  });

  afterAll(async () => {
    expect(run?.problems ?? []).toEqual([]);
    await run?.close();
  });

  /** Signs in through the login page; an SWV role gives a fresh code from its authenticator. */
  const signIn = (user: TestUser) => signInPage(run, user);

  const main = (page: Page) => page.locator('main');
  /**
   * Waits until nothing is loading any more, checks that nothing failed (no alert unless the test
   * provoked one), then checks the page with axe and saves a screenshot.
   */
  async function check(page: Page, screenshot: string, { expectAlert = false } = {}) {
    await checkPage(page, screenshot);
    if (!expectAlert) expect(await main(page).getByRole('alert').allInnerTexts()).toEqual([]);
  }

  /** The names in the list's table, in order. */
  const listedNames = async (page: Page) => {
    // The last results stay on screen, marked busy, while the next ones load.
    await expect.poll(() => main(page).locator('[aria-busy="true"]').count()).toBe(0);
    const table = main(page).getByRole('table', { name: /^Leerlingen op achternaam/ });
    await table.waitFor();
    return (await table.locator('tbody th').allInnerTexts()).map((text) => text.trim());
  };

  it("lets the IB'er find a child in the school's list by name, group and level, a page at a time", async () => {
    const page = await signIn(users.ib);
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Leerlingen' })
      .click();
    await main(page)
      .getByRole('heading', { level: 1, name: 'Leerlingen van Basisschool De Regenboog' })
      .waitFor();
    await main(page).getByRole('status').getByText('30 leerlingen').waitFor();
    expect(await listedNames(page)).toHaveLength(25);
    await check(page, 'student-list-school-ib');
    await main(page).getByRole('link', { name: 'Volgende pagina' }).click();
    await main(page).getByRole('table', { name: 'Leerlingen op achternaam, pagina 2 van 2' }).waitFor();
    expect(await listedNames(page)).toEqual([
      'Kim Bakker 26',
      'Julia Mulder',
      'Sem Visser',
      'Daan de Vries',
      'Sanne de Vries',
    ]);

    await main(page).getByLabel('Naam').fill('vries');
    await main(page).getByRole('button', { name: 'Zoeken' }).click();
    await main(page).getByRole('status').getByText('2 leerlingen gevonden').waitFor();
    expect(await listedNames(page)).toEqual(['Daan de Vries', 'Sanne de Vries']);
    expect(new URL(page.url()).search).toBe('?q=vries');

    await main(page).getByLabel('Naam').fill('');
    await main(page).getByLabel('Groep', { exact: true }).fill('7B');
    await main(page)
      .getByLabel('Ondersteuningsniveau')
      .selectOption({ label: 'Niveau 2 — extra zorg in de school' });
    await main(page).getByRole('button', { name: 'Zoeken' }).click();
    await main(page).getByRole('status').getByText('1 leerling gevonden').waitFor();
    expect(await listedNames(page)).toEqual(['Julia Mulder']);
    await check(page, 'student-list-filtered');

    await main(page).getByLabel('Groep', { exact: true }).fill('');
    await main(page).getByLabel('Ondersteuningsniveau').selectOption({ label: 'Alle niveaus' });
    await main(page).getByLabel('Plan').selectOption({ label: 'Met actief plan' });
    await main(page).getByRole('button', { name: 'Zoeken' }).click();
    await main(page).getByRole('status').getByText('1 leerling gevonden').waitFor();
    expect(await listedNames(page)).toEqual(['Sem Visser']);
    const row = main(page)
      .getByRole('table', { name: /^Leerlingen op achternaam/ })
      .locator('tbody tr');
    expect(await row.locator('td').last().innerText()).toBe('Actief, evaluatie 15 maart 2027');
    await page.goBack();

    // Back to the name search, and into Sanne's file.
    await page.goBack();
    await main(page).getByRole('status').getByText('2 leerlingen gevonden').waitFor();
    await main(page).getByRole('link', { name: 'Sanne de Vries' }).click();
    await main(page).getByRole('heading', { level: 1, name: 'Sanne de Vries' }).waitFor();
    await page.context().close();
  });

  it("lets the IB'er add a new pupil, whose file opens", async () => {
    const page = await signIn(users.ib);
    await page.goto(`/schools/${schoolId}/students`);
    await main(page).getByRole('link', { name: 'Nieuwe leerling' }).click();
    await main(page).getByRole('heading', { level: 1, name: 'Nieuwe leerling' }).waitFor();
    await main(page).getByRole('button', { name: 'Leerling toevoegen' }).click();
    const summary = main(page).getByRole('alert');
    await summary.waitFor();
    expect((await summary.getByRole('listitem').allInnerTexts()).map((text) => text.trim())).toEqual([
      'Vul de voornaam in.',
      'Vul de achternaam in.',
      'Vul de geboortedatum in.',
    ]);
    await check(page, 'student-new-errors', { expectAlert: true });
    await main(page).getByLabel('Voornaam').fill('Noor');
    await main(page).getByLabel('Tussenvoegsel').fill('van den');
    await main(page).getByLabel('Achternaam').fill('Berg');
    await main(page).getByLabel('Geboortedatum').fill('2017-03-08');
    await main(page).getByLabel('Groep').fill('4A');
    await main(page).getByRole('button', { name: 'Leerling toevoegen' }).click();
    await main(page).getByRole('heading', { level: 1, name: 'Noor van den Berg' }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/students\/[0-9a-f-]{36}$/);
    await expect
      .poll(() => main(page).locator('.passend-student-facts').innerText())
      .toContain('8 maart 2017');
    await page.context().close();
  });

  it("brings the consultant from the team's schools on the home page to a school's list", async () => {
    const page = await signIn(users.consultant);
    await main(page).getByRole('link', { name: 'Basisschool De Regenboog' }).click();
    await main(page)
      .getByRole('heading', { level: 1, name: 'Leerlingen van Basisschool De Regenboog' })
      .waitFor();
    await main(page)
      .getByRole('status')
      .getByText(/\d+ leerlingen/)
      .waitFor();
    // Consultants read and advise; adding pupils is the school's.
    expect(await main(page).getByRole('link', { name: 'Nieuwe leerling' }).count()).toBe(0);
    await check(page, 'student-list-consultant');
    await page.context().close();
  });

  it("shows the IB'er the file's header, breadcrumbs and tabs", async () => {
    const page = await signIn(users.ib);
    await page.goto(`/students/${sanneId}`);
    await main(page).getByRole('heading', { level: 1, name: 'Sanne de Vries' }).waitFor();
    const breadcrumbs = page.getByRole('navigation', { name: 'Kruimelpad' });
    expect((await breadcrumbs.getByRole('link').allTextContents()).map((text) => text.trim())).toEqual([
      'Start',
      'Leerlingen van Basisschool De Regenboog',
      'Sanne de Vries',
    ]);
    expect(
      await breadcrumbs
        .getByRole('link', { name: 'Leerlingen van Basisschool De Regenboog' })
        .getAttribute('href'),
    ).toBe(`/schools/${schoolId}/students`);
    const facts = main(page).locator('.passend-student-facts');
    await expect.poll(() => facts.innerText()).toContain('Niveau 1 — basisondersteuning in de groep');
    expect(await facts.innerText()).toContain('12 april 2016');
    const tabs = page.getByRole('navigation', { name: 'Onderdelen van het dossier' });
    expect(await tabs.getByRole('link', { name: 'Overzicht' }).getAttribute('aria-current')).toBe('page');
    await check(page, 'student-overview-school-ib');
    await page.context().close();
  });

  it("lets the IB'er change the child's data, with errors next to the fields", async () => {
    const page = await signIn(users.ib);
    await page.goto(`/students/${sanneId}/overview`);
    await main(page).getByRole('button', { name: 'Gegevens wijzigen' }).click();
    const form = main(page).getByRole('form', { name: 'Gegevens van het kind wijzigen' });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-givenName');
    await form.getByLabel('Voornaam').fill('');
    await form.getByLabel('Groep').fill('6A');
    await form.getByRole('button', { name: 'Gegevens opslaan' }).click();
    // The summary takes focus and names the field; what was typed stays.
    await main(page).getByRole('alert').getByText('Vul de voornaam in.').waitFor();
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('passend-admin-summary');
    expect(await form.getByLabel('Groep').inputValue()).toBe('6A');
    await check(page, 'student-data-error', { expectAlert: true });
    await form.getByLabel('Voornaam').fill('Sanne');
    await form.getByRole('button', { name: 'Gegevens opslaan' }).click();
    await main(page).getByRole('status').getByText('De gegevens zijn opgeslagen.').waitFor();
    // The header shows the new group at once.
    await expect.poll(() => main(page).locator('.passend-student-facts').innerText()).toContain('6A');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Gegevens wijzigen');
    await page.context().close();
  });

  it("lets the IB'er set level 3 with a reason, shown in the history, and explains why level 4 is refused", async () => {
    const page = await signIn(users.ib);
    await page.goto(`/students/${sanneId}`);
    await main(page).getByRole('button', { name: 'Niveau wijzigen' }).click();
    const form = main(page).getByRole('form', { name: 'Ondersteuningsniveau wijzigen' });
    await form.getByLabel('Nieuw niveau').selectOption({ label: 'Niveau 3 — met hulp van buiten de school' });
    await form.getByLabel('Reden').fill('De school vraagt de consulent om mee te denken over het lezen.');
    await form.getByRole('button', { name: 'Niveau vastleggen' }).click();
    await main(page).getByRole('status').getByText('Niveau 3 is vastgelegd.').waitFor();
    await expect
      .poll(() => main(page).locator('.passend-student-facts').innerText())
      .toContain('Niveau 3 — met hulp van buiten de school');
    const history = main(page).getByRole('table', {
      name: 'Geschiedenis van het ondersteuningsniveau van Sanne',
    });
    await history.getByText('De school vraagt de consulent om mee te denken over het lezen.').waitFor();
    expect(await history.locator('tbody tr').first().innerText()).toContain('Van niveau 1 naar 3');
    expect(await history.locator('tbody tr').first().innerText()).toContain('Fatima El Amrani');

    // Level 4 without a plan: refused, and the page says what level 4 needs.
    await main(page).getByRole('button', { name: 'Niveau wijzigen' }).click();
    await form.getByLabel('Nieuw niveau').selectOption('4');
    await form.getByLabel('Reden').fill('Extra ondersteuning nodig.');
    await form.getByRole('button', { name: 'Niveau vastleggen' }).click();
    const refusal = 'Niveau 4 kan nog niet: er is geen actief plan.';
    await main(page).getByRole('alert').getByText(refusal, { exact: false }).waitFor();
    expect(await form.locator('.utrecht-form-field-error-message').innerText()).toContain(
      'een plan nodig met een ontwikkelingsperspectief (OPP)',
    );
    await check(page, 'student-level4-refused', { expectAlert: true });
    await expect
      .poll(() => main(page).locator('.passend-student-facts').innerText())
      .toContain('Niveau 3 — met hulp van buiten de school');
    await page.context().close();
  });

  it("lets a parent open their child's file from home and read who looked at it", async () => {
    // The IB'er looks at Sanne's file first.
    const ibPage = await signIn(users.ib);
    await ibPage.goto(`/students/${sanneId}`);
    await main(ibPage).getByRole('heading', { level: 1, name: 'Sanne de Vries' }).waitFor();
    await ibPage.context().close();

    const page = await signIn(users.parent);
    await main(page)
      .getByRole('table', { name: 'Uw kinderen met hun school en groep' })
      .getByRole('link', { name: 'Sanne de Vries' })
      .click();
    await main(page).getByRole('heading', { level: 1, name: 'Sanne de Vries' }).waitFor();
    const tabs = page.getByRole('navigation', { name: 'Onderdelen van het dossier' });
    // The overview first, the access log last; other features' tabs between.
    const tabNames = await tabs.getByRole('link').allTextContents();
    expect([tabNames[0], tabNames.at(-1)]).toEqual(['Overzicht', 'Wie heeft het dossier bekeken']);
    // Parents read; they get no forms to change the data or the level.
    await main(page).getByRole('heading', { level: 3, name: 'Gegevens' }).waitFor();
    expect(await main(page).getByRole('button', { name: 'Gegevens wijzigen' }).count()).toBe(0);
    expect(await main(page).getByRole('button', { name: 'Niveau wijzigen' }).count()).toBe(0);
    await check(page, 'student-overview-parent');

    await tabs.getByRole('link', { name: 'Wie heeft het dossier bekeken' }).click();
    expect(new URL(page.url()).pathname).toBe(`/students/${sanneId}/access-log`);
    // The IB'er's reads of today are one line (test/e2e/accessLog.test.ts has the view in full).
    const ibVisit = main(page).locator('.passend-log__line').filter({ hasText: 'Fatima El Amrani' }).first();
    await ibVisit.waitFor();
    expect(await ibVisit.innerText()).toContain('Intern begeleider, namens Basisschool De Regenboog');
    expect(await ibVisit.innerText()).toContain('Bekeken: Dossier');
    await check(page, 'student-access-log-parent-file');

    // A period in the future: nobody yet.
    await main(page).getByLabel('Vanaf').fill('2099-01-01');
    await main(page).getByRole('button', { name: 'Toon deze periode' }).click();
    await main(page)
      .getByText('In deze periode heeft niemand anders het dossier bekeken of gewijzigd.')
      .waitFor();
    expect(new URL(page.url()).search).toBe('?from=2099-01-01');
    await main(page).getByRole('link', { name: 'Toon alles' }).click();
    await ibVisit.waitFor();
    await page.context().close();
  });

  it('moves between the tabs by keyboard alone, with focus on the chosen tab', async () => {
    const page = await signIn(users.ib);
    await page.goto(`/students/${sanneId}`);
    await main(page).getByRole('heading', { level: 1, name: 'Sanne de Vries' }).waitFor();
    const focusedText = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    async function tabTo(text: string, key = 'Tab') {
      for (let presses = 0; presses < 40; presses++) {
        await page.keyboard.press(key);
        if ((await focusedText()) === text) return;
      }
      throw new Error(`no focus on ${text}`);
    }
    await tabTo('Wie heeft het dossier bekeken');
    await page.keyboard.press('Enter');
    await main(page).getByLabel('Ook mijn eigen acties tonen').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('student-tab-heading');
    expect(await focusedText()).toBe('Wie heeft het dossier bekeken');
    await tabTo('Overzicht', 'Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-current'))).toBe(null);
    await page.keyboard.press('Enter');
    await main(page).getByRole('heading', { level: 3, name: 'Gegevens' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('student-tab-heading');
    expect(new URL(page.url()).pathname).toBe(`/students/${sanneId}/overview`);
    // Back in history is the access log again, the tab marked as current.
    await page.goBack();
    await main(page).getByLabel('Ook mijn eigen acties tonen').waitFor();
    const tabs = page.getByRole('navigation', { name: 'Onderdelen van het dossier' });
    expect(
      await tabs.getByRole('link', { name: 'Wie heeft het dossier bekeken' }).getAttribute('aria-current'),
    ).toBe('page');
    await check(page, 'student-access-log-school-ib');
    await page.context().close();
  });

  it('tells a teacher of another group plainly that the file is not theirs', async () => {
    const page = await signIn(users.teacherOtherGroup);
    await page.goto(`/students/${sanneId}`);
    await main(page)
      .getByRole('heading', { level: 1, name: 'U heeft geen toegang tot dit dossier' })
      .waitFor();
    expect(await main(page).innerText()).not.toContain('Sanne');
    await check(page, 'student-forbidden-teacher');
    await page.context().close();
  });

  it('says a file that does not exist does not exist', async () => {
    const page = await signIn(users.ib);
    await page.goto('/students/0190a6f2-0000-7000-8000-000000000000/overview');
    await main(page).getByRole('heading', { level: 1, name: 'Dit dossier bestaat niet' }).waitFor();
    await check(page, 'student-not-found');
    await page.context().close();
  });
});

// The child's file in a real browser: the IB'er finds a child in the school's list, opens the file
// and works in it; a parent opens their child's file and reads who looked at it; a teacher of
// another group is refused. axe checks every page; screenshots go to test-results/screenshots.
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../../src/server/auth/totp.ts';
import { appUser, student } from '../../src/server/db/schema/index.ts';
import {
  announceSkipWithoutChromium,
  type BrowserRun,
  chromiumPath,
  expectNoAxeViolations,
  saveScreenshot,
  startBrowserRun,
} from '../support/browser.ts';
import {
  aGuardian,
  aSchool,
  aStudent,
  aSwv,
  aUser,
  type MembershipSpec,
  type TestUser,
} from '../support/factories.ts';

announceSkipWithoutChromium('test/e2e/students.test.ts');

describe.skipIf(!chromiumPath)("the child's file in the browser", { timeout: 60_000 }, () => {
  let run: BrowserRun;
  let schoolId: string;
  let sanneId: string;
  const users = {} as Record<'ib' | 'teacherOtherGroup' | 'parent', TestUser>;

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
    const person = async (displayName: string, memberships: MembershipSpec[]) => {
      const user = await aUser(db, swv.id, memberships, { now: run.clock.now });
      await db.update(appUser).set({ displayName }).where(eq(appUser.id, user.id));
      return user;
    };
    users.ib = await person('Fatima El Amrani', [{ role: 'school_ib', schoolId: school.id }]);
    users.teacherOtherGroup = await person('Anouk Hendriks', [
      { role: 'teacher', schoolId: school.id, groups: ['7B'] },
    ]);
    users.parent = await person('Mark de Vries', [{ role: 'parent' }]);
    await aGuardian(db, swv.id, sanne.id, users.parent.id);
  });

  afterAll(async () => {
    expect(run?.problems ?? []).toEqual([]);
    await run?.close();
  });

  /** Signs in through the login page; an SWV role gives a fresh code from its authenticator. */
  async function signIn(user: TestUser): Promise<Page> {
    const page = await run.newPage();
    await page.goto('/login');
    await page.getByLabel('E-mailadres').fill(user.email);
    await page.getByLabel('Wachtwoord').fill(user.password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    if (user.totpSecret) {
      run.clock.advance(30_000);
      await page.getByLabel('Code', { exact: true }).fill(currentTotp(user.totpSecret, run.clock.now));
      await page.getByRole('button', { name: 'Controleren' }).click();
    }
    await page.getByRole('heading', { level: 1, name: /Welkom/ }).waitFor();
    return page;
  }

  const main = (page: Page) => page.locator('main');
  /** Waits until nothing is loading any more, then checks the page with axe and saves a screenshot. */
  async function check(page: Page, screenshot: string) {
    await expect.poll(() => main(page).getByRole('status').filter({ hasText: 'laden' }).count()).toBe(0);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, screenshot);
  }

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
    await expect.poll(() => main(page).getByText('Niveau 1 — basisondersteuning').count()).toBe(1);
    await main(page).getByText('12 april 2016').waitFor();
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
    await main(page).getByRole('alert').getByText('Vul de voornaam in (hoogstens 200 tekens).').waitFor();
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('passend-admin-summary');
    expect(await form.getByLabel('Groep').inputValue()).toBe('6A');
    await check(page, 'student-data-error');
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
    await form
      .getByLabel('Nieuw niveau')
      .selectOption({ label: 'Niveau 3 — met expertise van buiten de school' });
    await form.getByLabel('Reden').fill('De school vraagt de consulent om mee te denken over het lezen.');
    await form.getByRole('button', { name: 'Niveau vastleggen' }).click();
    await main(page).getByRole('status').getByText('Niveau 3 is vastgelegd.').waitFor();
    await expect
      .poll(() => main(page).locator('.passend-student-facts').innerText())
      .toContain('Niveau 3 — basisondersteuning');
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
    await check(page, 'student-level4-refused');
    await expect
      .poll(() => main(page).locator('.passend-student-facts').innerText())
      .toContain('Niveau 3 — basisondersteuning');
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
    expect(await tabs.getByRole('link').allTextContents()).toEqual([
      'Overzicht',
      'Wie heeft het dossier bekeken',
    ]);
    // Parents read; they get no forms to change the data or the level.
    await main(page).getByRole('heading', { level: 3, name: 'Gegevens' }).waitFor();
    expect(await main(page).getByRole('button', { name: 'Gegevens wijzigen' }).count()).toBe(0);
    expect(await main(page).getByRole('button', { name: 'Niveau wijzigen' }).count()).toBe(0);
    await check(page, 'student-overview-parent');

    await tabs.getByRole('link', { name: 'Wie heeft het dossier bekeken' }).click();
    expect(new URL(page.url()).pathname).toBe(`/students/${sanneId}/access-log`);
    const log = main(page).getByRole('table', { name: 'Wie heeft het dossier van Sanne bekeken?' });
    const ibVisit = log.locator('tbody tr').filter({ hasText: 'Fatima El Amrani' }).first();
    await ibVisit.waitFor();
    const cells = (await ibVisit.locator('th, td').allInnerTexts()).map((text) => text.trim());
    expect(cells.slice(1)).toEqual([
      'Fatima El Amrani',
      'Intern begeleider',
      'Basisschool De Regenboog',
      'Dossier bekeken',
      'Toegestaan',
    ]);
    expect(cells[0]).toMatch(/^\d{1,2} \w+ \d{4} om \d{2}:\d{2}$/);
    await check(page, 'student-access-log-parent');

    // A period in the future: nobody yet.
    await main(page).getByLabel('Vanaf').fill('2099-01-01');
    await main(page).getByRole('button', { name: 'Toon deze periode' }).click();
    await main(page).getByText('In deze periode heeft niemand het dossier bekeken of gewijzigd.').waitFor();
    expect(new URL(page.url()).search).toBe('?from=2099-01-01');
    await main(page).getByRole('link', { name: 'Toon alles' }).click();
    await log.waitFor();
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
    await main(page).getByRole('table', { name: 'Wie heeft het dossier van Sanne bekeken?' }).waitFor();
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
    await main(page).getByRole('table', { name: 'Wie heeft het dossier van Sanne bekeken?' }).waitFor();
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

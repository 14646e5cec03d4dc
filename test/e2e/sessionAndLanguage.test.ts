// The session and the language in a real browser: switching to English (and it sticking), the
// language following the account across browsers, the words of a secondary-education SWV, the
// idle warning and its "stay signed in", expiry after 30 idle minutes (the server's clock and the
// browser's are moved, never waited for), and the whole sign-in and home page by keyboard alone.
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../../src/server/auth/totp.ts';
import { appUser } from '../../src/server/db/schema/index.ts';
import {
  announceSkipWithoutChromium,
  type BrowserRun,
  chromiumPath,
  expectNoAxeViolations,
  saveScreenshot,
  startBrowserRun,
} from '../support/browser.ts';
import { aSchool, aStudent, aSwv, aUser, type TestUser } from '../support/factories.ts';

announceSkipWithoutChromium('test/e2e/sessionAndLanguage.test.ts');

const minutes = (n: number) => n * 60 * 1000;

describe.skipIf(!chromiumPath)('session and language in the browser', { timeout: 60_000 }, () => {
  let run: BrowserRun;
  let ib: TestUser;
  let consultant: TestUser;
  let mentor: TestUser;
  let voSchoolId: string;

  beforeAll(async () => {
    run = await startBrowserRun();
    const db = run.database.db;
    const swv = await aSwv(db, { name: 'Samenwerkingsverband Utrecht PO' });
    const school = await aSchool(db, swv.id, { name: 'Basisschool De Klimop' });
    ib = await aUser(db, swv.id, [{ role: 'school_ib', schoolId: school.id }]);
    consultant = await aUser(db, swv.id, [{ role: 'consultant' }], { now: run.clock.now });
    const vo = await aSwv(db, { name: 'SWV Sterk VO Utrecht', sector: 'VO', registerCode: 'VO 26.01' });
    const lyceum = await aSchool(db, vo.id, { kind: 'vo', name: 'Het Lyceum aan de Vecht' });
    voSchoolId = lyceum.id;
    mentor = await aUser(db, vo.id, [{ role: 'teacher', schoolId: lyceum.id, groups: ['2B'] }]);
    await aStudent(db, vo.id, lyceum.id, { groupName: '2B', givenName: 'Daan', supportLevel: 2 });
  });

  const languageOf = async (user: TestUser) =>
    (await run.database.db.select().from(appUser).where(eq(appUser.id, user.id)))[0]?.language;

  afterAll(async () => {
    expect(run?.problems ?? []).toEqual([]);
    await run?.close();
  });

  async function signIn(page: Page, user: TestUser, welcome = /Welkom/) {
    await page.goto('/login');
    await page.getByLabel('E-mailadres').fill(user.email);
    await page.getByLabel('Wachtwoord').fill(user.password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { level: 1, name: welcome }).waitFor();
  }

  it('switches to English, and stays English after a reload', async () => {
    const page = await run.newPage();
    await page.goto('/login');
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');

    await page.getByLabel('Taal').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await page.getByLabel('E-mail address').fill(ib.email);
    await page.getByLabel('Password').fill(ib.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: /Welcome/ }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'home-school-ib-english');
    await page.context().close();
  });

  it('follows the account: its language wins at sign-in, and a choice made signed in is kept', async () => {
    const user = await aUser(run.database.db, ib.swvId, [{ role: 'parent' }]);
    await run.database.db.update(appUser).set({ language: 'en' }).where(eq(appUser.id, user.id));
    // A Dutch browser: the account says English.
    const page = await run.newPage();
    await signIn(page, user, /Welcome/);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    // Switching while signed in saves the choice on the account.
    await page.getByLabel('Language').selectOption('nl');
    await page.getByRole('heading', { level: 1, name: /Welkom/ }).waitFor();
    await expect.poll(() => languageOf(user)).toBe('nl');
    await page.context().close();

    // Another browser where English was chosen before signing in: the account's Dutch wins.
    const other = await run.newPage();
    await other.goto('/login');
    await other.getByLabel('Taal').selectOption('en');
    await other.getByLabel('E-mail address').fill(user.email);
    await other.getByLabel('Password').fill(user.password);
    await other.getByRole('button', { name: 'Sign in' }).click();
    await other.getByRole('heading', { level: 1, name: /Welkom/ }).waitFor();
    expect(await other.locator('html').getAttribute('lang')).toBe('nl');
    await expectNoAxeViolations(other);
    await other.context().close();
  });

  it('speaks of mentor and klas in a secondary-education SWV', async () => {
    const page = await run.newPage();
    await signIn(page, mentor);
    const main = page.locator('main');
    await main.getByText('Mentor', { exact: true }).waitFor();
    await main.getByRole('heading', { level: 2, name: 'Uw klassen op Het Lyceum aan de Vecht' }).waitFor();
    const table = main.getByRole('table', {
      name: 'Leerlingen in uw klassen die extra ondersteuning krijgen',
    });
    await table.getByRole('columnheader', { name: 'Klas' }).waitFor();
    await table.getByRole('cell', { name: 'Niveau 2 — extra zorg in de school' }).waitFor();
    expect(await main.getByText(/\b(groep|groepen|leerkracht|intern begeleider)\b/i).count()).toBe(0);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'home-vo-mentor');

    await page.goto(`/schools/${voSchoolId}/students`);
    await main.getByText('U ziet de leerlingen van uw klassen: 2B.').waitFor();
    await main.getByText('1 leerling', { exact: true }).waitFor();
    await main.getByRole('columnheader', { name: 'Klas' }).waitFor();
    await main.getByLabel('Klas', { exact: true }).waitFor();
    expect(await main.getByText(/\b(groep|groepen|leerkracht|intern begeleider)\b/i).count()).toBe(0);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'student-list-vo-mentor');

    // The same words in English: a class, not a group.
    await page.getByLabel('Taal').selectOption('en');
    await main.getByText('You see the pupils of your classes: 2B.').waitFor();
    await page.context().close();
  });

  it('warns two minutes before the idle session ends, and "stay signed in" extends it', async () => {
    const page = await run.newPage();
    // The browser's clock starts where the server's is, so both agree on idleExpiresAt.
    await page.clock.install({ time: run.clock.now });
    await signIn(page, ib);

    run.clock.advance(minutes(28.5));
    await page.clock.fastForward(minutes(28.5));
    const dialog = page.getByRole('alertdialog', { name: 'Wilt u ingelogd blijven?' });
    await dialog.waitFor();
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'idle-warning');

    await dialog.getByRole('button', { name: 'Ingelogd blijven' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // The session now runs for another 30 minutes from here: 20 minutes later it is still there.
    run.clock.advance(minutes(20));
    await page.clock.fastForward(minutes(20));
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /Welkom/ }).waitFor();
    await page.context().close();
  });

  it('signs out after 30 idle minutes and says so on the login page', async () => {
    const page = await run.newPage();
    // The browser's clock starts where the server's is, so both agree on idleExpiresAt.
    await page.clock.install({ time: run.clock.now });
    await signIn(page, ib);

    run.clock.advance(minutes(31));
    await page.clock.fastForward(minutes(31));
    await page.waitForURL(/\/login\?next=/);
    await page.getByText('U bent automatisch uitgelogd').waitFor();
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'login-expired');
    await page.context().close();
  });

  /** Presses Tab until the focused element matches; fails if focus ever becomes invisible. */
  async function tabTo(page: Page, description: RegExp, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
    const maxTabs = 20;
    for (let tab = 0; tab < maxTabs; tab++) {
      await page.keyboard.press(key);
      const focused = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element || element === document.body) return null;
        const style = getComputedStyle(element);
        const isVisible = style.outlineStyle !== 'none' || style.boxShadow !== 'none';
        const name = element.getAttribute('aria-label') ?? element.innerText ?? '';
        return { text: `${element.tagName.toLowerCase()}#${element.id} ${name.trim()}`, isVisible };
      });
      if (!focused) continue;
      expect(focused.isVisible, `visible focus on ${focused.text}`).toBe(true);
      if (description.test(focused.text)) return;
    }
    throw new Error(`No element matching ${description} within ${maxTabs} tabs`);
  }

  it('signs in with a second factor and uses the home page by keyboard alone', async () => {
    const page = await run.newPage();
    await page.goto('/login');
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();

    await tabTo(page, /Naar de inhoud/);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('content');
    await tabTo(page, /^input#email/);
    await page.keyboard.type(consultant.email);
    await tabTo(page, /^input#password/);
    await page.keyboard.type(consultant.password);
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { level: 1, name: 'Tweede stap' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('code');
    run.clock.advance(30_000);
    await page.keyboard.type(currentTotp(consultant.totpSecret!, run.clock.now));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /Welkom/ }).waitFor();

    await tabTo(page, /^select#language/);
    await page.keyboard.press('ArrowDown');
    await page.getByRole('heading', { level: 1, name: /Welcome/ }).waitFor();
    await expect.poll(() => languageOf(consultant)).toBe('en');
    await tabTo(page, /^a# Home/);
    await page.keyboard.press('Enter');
    // After navigating, focus is on the page's heading.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await tabTo(page, /Sign out/, 'Shift+Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.context().close();
  });
});

// Sign-in in a real browser: password only (school), with a second factor (SWV role), setting the
// second factor up, wrong password, sign-out, and a deep link that returns after sign-in. axe checks
// every page on the way; screenshots go to test-results/screenshots.
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
import { aSchool, aSwv, aUser, type TestUser } from '../support/factories.ts';

announceSkipWithoutChromium('test/e2e/signIn.test.ts');

describe.skipIf(!chromiumPath)('signing in in the browser', { timeout: 60_000 }, () => {
  let run: BrowserRun;
  let swvName: string;
  let ib: TestUser;
  let consultant: TestUser;
  let newConsultant: TestUser;

  beforeAll(async () => {
    run = await startBrowserRun();
    const db = run.database.db;
    const swv = await aSwv(db, { name: 'Samenwerkingsverband Passenderwijs' });
    swvName = swv.name;
    const school = await aSchool(db, swv.id, { name: 'Basisschool De Regenboog' });
    ib = await aUser(db, swv.id, [{ role: 'school_ib', schoolId: school.id }]);
    consultant = await aUser(db, swv.id, [{ role: 'consultant' }], { now: run.clock.now });
    newConsultant = await aUser(db, swv.id, [{ role: 'consultant' }], { withSecondFactor: false });
    // Names as people have them, so the screenshots look like the real thing.
    await db.update(appUser).set({ displayName: 'Fatima El Amrani' }).where(eq(appUser.id, ib.id));
    await db.update(appUser).set({ displayName: 'Joost van Dijk' }).where(eq(appUser.id, consultant.id));
  });

  afterAll(async () => {
    expect(run?.problems ?? []).toEqual([]);
    await run?.close();
  });

  async function signInWithPassword(page: Page, user: TestUser, password = user.password) {
    await page.getByLabel('E-mailadres').fill(user.email);
    await page.getByLabel('Wachtwoord').fill(password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
  }

  it('shows the login page without a failing request or a console error', async () => {
    const page = await run.newPage();
    const failures: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failures.push(`${response.status()} ${response.url()}`);
    });
    page.on('requestfailed', (request) => failures.push(`failed ${request.url()}`));
    page.on('console', (message) => {
      if (message.type() === 'error') failures.push(message.text());
    });
    const sessionReads: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/auth/me') sessionReads.push(request.url());
    });
    // Straight to the login page, and by way of a page that needs a session.
    for (const path of ['/login', '/']) {
      // Until the network is idle: the next visit would otherwise abort the page's own reads.
      await page.goto(path, { waitUntil: 'networkidle' });
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Inloggen');
    }
    expect(failures).toEqual([]);
    // Signed out, the app knows it from the absent session hint and does not ask who is signed in.
    expect(sessionReads).toEqual([]);
    await page.context().close();
  });

  it('says plainly when the password is wrong, and keeps the e-mail address', async () => {
    const page = await run.newPage();
    await page.goto('/login');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Inloggen');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'login');

    await signInWithPassword(page, ib, 'not the password');
    await page.getByText('Het e-mailadres of wachtwoord klopt niet.').first().waitFor();
    expect(await page.getByLabel('E-mailadres').inputValue()).toBe(ib.email);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'login-wrong-password');

    // WCAG 1.4.10: on a phone's width the page reflows into one column.
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'login-phone');
    await page.context().close();
  });

  it('signs a school user in with a password alone, and out again', async () => {
    const page = await run.newPage();
    await page.goto('/');
    await page.waitForURL(/\/login\?next=/);
    await signInWithPassword(page, ib);
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('heading', { level: 1, name: /Welkom/ }).waitFor();
    await page.getByText(swvName).first().waitFor();
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'home-school-ib');

    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL(/\/login/);
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    // Signed out means signed out: the home page now asks to sign in again.
    await page.goto('/');
    await page.waitForURL(/\/login\?next=/);
    await page.context().close();
  });

  it('asks an SWV role for the code of the authenticator app', async () => {
    const page = await run.newPage();
    await page.goto('/login');
    await signInWithPassword(page, consultant);
    await page.getByRole('heading', { level: 1, name: 'Tweede stap' }).waitFor();
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'second-factor');

    await page.getByLabel('Code', { exact: true }).fill('000000');
    await page.getByRole('button', { name: 'Controleren' }).click();
    await page.getByText('Deze code klopt niet.').first().waitFor();
    await expectNoAxeViolations(page);

    run.clock.advance(30_000);
    await page.getByLabel('Code', { exact: true }).fill(currentTotp(consultant.totpSecret!, run.clock.now));
    await page.getByRole('button', { name: 'Controleren' }).click();
    await page.getByRole('heading', { level: 1, name: /Welkom/ }).waitFor();
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'home-consultant');
    await page.context().close();
  });

  it('sets up the second factor, shows the recovery codes once, then goes home', async () => {
    const page = await run.newPage();
    await page.goto('/login');
    await signInWithPassword(page, newConsultant);
    await page.getByRole('heading', { level: 1, name: 'Tweede stap instellen' }).waitFor();
    const manual = page.getByText(/Voer deze sleutel in de app in/);
    await manual.waitFor();
    const secret = /: ([A-Z2-7]+)\s*$/.exec((await manual.textContent()) ?? '')?.[1];
    expect(secret).toBeTruthy();
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'totp-setup');

    await page.getByLabel('Code', { exact: true }).fill(currentTotp(secret!, run.clock.now));
    await page.getByRole('button', { name: 'Instellen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Uw herstelcodes' }).waitFor();
    expect(await page.getByRole('listitem').count()).toBe(10);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'recovery-codes');

    await page.getByRole('button', { name: 'Ik heb de codes bewaard' }).click();
    await page.getByRole('heading', { level: 1, name: /Welkom/ }).waitFor();
    await page.context().close();
  });

  it('returns to the deep link after sign-in', async () => {
    const page = await run.newPage();
    await page.goto('/?view=mine');
    await page.waitForURL(/\/login\?next=/);
    await signInWithPassword(page, ib);
    await page.waitForURL((url) => url.pathname === '/' && url.search === '?view=mine');
    await page.getByRole('heading', { level: 1, name: /Welkom/ }).waitFor();
    await page.context().close();
  });

  it('shows a page that does not exist as not found', async () => {
    const page = await run.newPage();
    await page.goto('/does/not/exist');
    await page.getByRole('heading', { level: 1, name: 'Pagina niet gevonden' }).waitFor();
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'not-found');
    await page.context().close();
  });
});

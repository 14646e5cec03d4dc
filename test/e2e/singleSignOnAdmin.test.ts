// The SWV administrator's page for sign-in through the organisation (single sign-on): the settings
// with errors next to the fields, the client secret that is never shown back, the return address to
// register at the provider, and the fresh code of the administrator's own second factor that every
// save needs; a new provider, or trusting its second factor, waits for a second administrator, who
// approves it on the same page (docs/SECURITY.md C8). axe at desktop width and at 390 px; screenshots
// go to test-results.
import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../../src/server/auth/totp.ts';
import { adminEvent, swvOidc } from '../../src/server/db/schema/index.ts';
import {
  announceSkipWithoutChromium,
  type BrowserRun,
  chromiumPath,
  expectNoAxeViolations,
  saveScreenshot,
  signInPage,
  startBrowserRun,
} from '../support/browser.ts';
import { aSwv, aUser, type TestUser } from '../support/factories.ts';

announceSkipWithoutChromium('test/e2e/singleSignOnAdmin.test.ts');

const secret = 'een-geheim-van-de-inlogdienst-42';

describe.skipIf(!chromiumPath)('the single sign-on settings in the browser', { timeout: 120_000 }, () => {
  let run: BrowserRun;
  let swvId: string;
  let admin: TestUser;
  let secondAdmin: TestUser;
  let consultant: TestUser;

  beforeAll(async () => {
    run = await startBrowserRun();
    const db = run.database.db;
    const swv = await aSwv(db, { name: 'Samenwerkingsverband Passenderwijs' });
    swvId = swv.id;
    admin = await aUser(db, swv.id, [{ role: 'swv_admin' }], { now: run.clock.now });
    secondAdmin = await aUser(db, swv.id, [{ role: 'swv_admin' }], { now: run.clock.now });
    consultant = await aUser(db, swv.id, [{ role: 'consultant' }], { now: run.clock.now });
  });

  afterAll(async () => {
    expect(run?.problems ?? []).toEqual([]);
    await run?.close();
  });

  /** A fresh code of the administrator's authenticator app: each code works once. */
  const freshCode = () => {
    run.clock.advance(30_000);
    return currentTotp(admin.totpSecret!, run.clock.now);
  };
  const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });
  const savedPending =
    'De wijziging is opgeslagen en wacht op goedkeuring door een tweede beheerder. Tot dan gelden de huidige instellingen.';

  /** The second administrator approves the change waiting, after the question. */
  async function approveAsSecondAdmin(screenshot?: string) {
    const page = await signInPage(run, secondAdmin);
    await page.goto('/admin/single-sign-on');
    const pending = page.getByTestId('sso-pending');
    await pending.getByRole('heading', { level: 2, name: 'Wijziging wacht op goedkeuring' }).waitFor();
    await expectNoAxeViolations(page);
    if (screenshot) await saveScreenshot(page, screenshot);
    await pending.getByRole('button', { name: 'Goedkeuren' }).click();
    await pending.getByRole('button', { name: 'Goedkeuren' }).click();
    await page.getByText('De wijziging is goedgekeurd en geldt nu.').waitFor();
    await page.context().close();
  }

  it('saves the settings with a fresh code, never shows the secret back, and shows the return address', async () => {
    const page = await signInPage(run, admin);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Inloggen via de organisatie' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Inloggen via de organisatie' }).waitFor();
    const redirectUri = `${run.baseUrl}/api/auth/oidc/callback`;
    expect(await page.getByTestId('sso-redirect-uri').textContent()).toBe(redirectUri);
    await page.getByText('Er is nog geen geheim opgeslagen.').waitFor();
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'admin-sso');
    await page.getByRole('button', { name: 'Adres kopiëren' }).click();
    await page.getByRole('status').getByText('Het adres is gekopieerd.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(redirectUri);

    // Nothing filled in: the summary names the fields, by keyboard.
    await page.getByRole('button', { name: 'Opslaan' }).press('Enter');
    const summary = page.getByRole('alert').filter({ hasText: 'Er is een probleem' });
    await summary.getByRole('link', { name: /Vul het adres van de inlogdienst in/ }).waitFor();
    await summary.getByRole('link', { name: /Vul de client-id in/ }).waitFor();
    await summary.getByRole('link', { name: /Vul de code van 6 cijfers/ }).waitFor();
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'admin-sso-errors');

    // A wrong code: refused by the server, next to its field; what was typed stays.
    await field(page, 'Adres van de inlogdienst (issuer)').fill('https://login.example.test');
    await field(page, 'Client-id').fill('passend');
    await field(page, 'Client-geheim').fill(secret);
    await field(page, 'Inloggen via de organisatie aanzetten').check();
    await field(page, 'Code uit uw authenticator-app').fill('000000');
    await page.getByRole('button', { name: 'Opslaan' }).press('Enter');
    await page
      .locator('#field-secondFactorCode-error')
      .getByText(/Vul de code van 6 cijfers/)
      .waitFor();
    expect(await field(page, 'Adres van de inlogdienst (issuer)').inputValue()).toBe(
      'https://login.example.test',
    );
    expect(await field(page, 'Client-geheim').inputValue()).toBe(secret);
    const rowsBefore = await run.database.db.select().from(swvOidc).where(eq(swvOidc.swvId, swvId));
    expect(rowsBefore).toEqual([]);

    await field(page, 'Code uit uw authenticator-app').fill(freshCode());
    await page.getByRole('button', { name: 'Opslaan' }).press('Enter');
    await page.getByRole('status').getByText(savedPending).waitFor();
    // The secret and the code are used once: both fields are empty again.
    expect(await field(page, 'Client-geheim').inputValue()).toBe('');
    expect(await field(page, 'Code uit uw authenticator-app').inputValue()).toBe('');
    // Waiting: nothing in force yet, and the one who asked cannot approve it.
    const pending = page.getByTestId('sso-pending');
    await pending
      .getByText('U hebt deze wijziging aangevraagd; een andere beheerder beslist erover.')
      .waitFor();
    expect(await pending.getByRole('button', { name: 'Goedkeuren' }).count()).toBe(0);
    expect(await run.database.db.select().from(swvOidc).where(eq(swvOidc.swvId, swvId))).toEqual([]);
    await approveAsSecondAdmin('admin-sso-pending');
    await page.reload();
    await page.getByText('Er is een geheim opgeslagen.').waitFor();
    expect(await page.getByTestId('sso-pending').count()).toBe(0);
    const [stored] = await run.database.db.select().from(swvOidc).where(eq(swvOidc.swvId, swvId));
    expect(stored).toMatchObject({
      issuer: 'https://login.example.test',
      clientId: 'passend',
      enabled: true,
      providerEnforcesMfa: false,
    });
    expect(stored!.clientSecret).not.toContain(secret);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'admin-sso-saved');
    await page.context().close();
  });

  it('keeps the stored secret when the field stays empty, and logs every change', async () => {
    const page = await signInPage(run, admin);
    await page.goto('/admin/single-sign-on');
    await page.getByText('Er is een geheim opgeslagen.').waitFor();
    expect(await field(page, 'Client-geheim').inputValue()).toBe('');
    expect(await page.content()).not.toContain(secret);
    expect(await field(page, 'Inloggen via de organisatie aanzetten').isChecked()).toBe(true);

    await field(page, 'De inlogdienst vraagt altijd zelf een tweede stap').check();
    await field(page, 'Code uit uw authenticator-app').fill(freshCode());
    await page.getByRole('button', { name: 'Opslaan' }).press('Enter');
    await page.getByRole('status').getByText(savedPending).waitFor();
    await approveAsSecondAdmin();
    const [stored] = await run.database.db.select().from(swvOidc).where(eq(swvOidc.swvId, swvId));
    expect(stored).toMatchObject({ enabled: true, providerEnforcesMfa: true });
    const events = await run.database.db
      .select()
      .from(adminEvent)
      .where(and(eq(adminEvent.swvId, swvId), eq(adminEvent.kind, 'sso_change_requested')))
      .orderBy(adminEvent.at);
    expect(
      events.map((event) => (event.details as { clientSecretChanged: boolean }).clientSecretChanged),
    ).toEqual([true, false]);

    // On a phone: nothing cut off, axe clean.
    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'admin-sso-390');
    await page.context().close();
  });

  it('offers the page to the administrator only', async () => {
    const page = await signInPage(run, consultant);
    expect(await page.getByRole('link', { name: 'Inloggen via de organisatie' }).count()).toBe(0);
    await page.goto('/admin/single-sign-on');
    await page.getByRole('heading', { level: 1, name: 'Geen toegang' }).waitFor();
    await page.context().close();
  });
});

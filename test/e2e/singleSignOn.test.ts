// The single sign-on choice on the login page: a button per SWV that has it switched on, leading to
// the start of the OpenID Connect round trip, and a plain message when a round trip failed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  announceSkipWithoutChromium,
  type BrowserRun,
  chromiumPath,
  expectNoAxeViolations,
  saveScreenshot,
  startBrowserRun,
} from '../support/browser.ts';
import { anOidcProvider, aSwv } from '../support/factories.ts';

announceSkipWithoutChromium('test/e2e/singleSignOn.test.ts');

describe.skipIf(!chromiumPath)('single sign-on on the login page', { timeout: 60_000 }, () => {
  let run: BrowserRun;
  let withSso: { id: string; name: string };

  beforeAll(async () => {
    run = await startBrowserRun();
    const db = run.database.db;
    withSso = await aSwv(db, { name: 'SWV Utrecht PO' });
    const without = await aSwv(db, { name: 'Passenderwijs' });
    const disabled = await aSwv(db, { name: 'Sterk VO' });
    const provider = { issuer: 'https://login.example.test', clientId: 'passend', clientSecret: 's' };
    await anOidcProvider(db, withSso.id, provider);
    await anOidcProvider(db, disabled.id, { ...provider, enabled: false });
    expect(without.id).not.toBe(withSso.id);
  });
  afterAll(() => run?.close());

  it('offers a button only for the SWV that switched single sign-on on', async () => {
    const page = await run.newPage();
    await page.goto('/login');
    const buttons = page.getByRole('link', { name: /Inloggen via/ });
    await expect.poll(() => buttons.count()).toBe(1);
    expect(await buttons.first().textContent()).toBe('Inloggen via SWV Utrecht PO');
    expect(await buttons.first().getAttribute('href')).toBe(`/api/auth/oidc/${withSso.id}/start`);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'login-sso');
  });

  it('says plainly when signing in through the organisation failed', async () => {
    const page = await run.newPage();
    await page.goto('/login?sso=failed');
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Inloggen via uw organisatie is niet gelukt');
    await expectNoAxeViolations(page);
    expect(run.problems).toEqual([]);
  });
});

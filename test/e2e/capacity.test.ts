// Places and waiting lists in a real browser (issue 13, point 7): the administrator sets the places
// of an SBO school by keyboard; a consultant sees who waits where (longest first), puts a child with
// a granted TLV on the list from the child's file and then places the child; policy staff read the
// count on a reference date with small numbers hidden. 390 px, keyboard and axe on every state.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, amsterdamToday } from '../../src/domain/calendar.ts';
import { waitingEntry } from '../../src/server/db/schema/index.ts';
import {
  announceSkipWithoutChromium,
  type BrowserRun,
  checkPage,
  chromiumPath,
  signInPage,
  startBrowserRun,
} from '../support/browser.ts';
import {
  aRequest,
  aSchool,
  aStudent,
  aSwv,
  aTeam,
  aUser,
  type MembershipSpec,
  type TestUser,
} from '../support/factories.ts';

announceSkipWithoutChromium('test/e2e/capacity.test.ts');

describe.skipIf(!chromiumPath)('places and waiting lists in the browser', { timeout: 180_000 }, () => {
  let run: BrowserRun;
  let childId: string;
  let requestId: string;
  const users = {} as Record<'consultant' | 'admin' | 'policy', TestUser>;

  beforeAll(async () => {
    run = await startBrowserRun();
    const db = run.database.db;
    const today = amsterdamToday(run.clock.now);
    const swv = await aSwv(db, { name: 'Samenwerkingsverband Passenderwijs' });
    const school = await aSchool(db, swv.id, { name: 'Basisschool De Regenboog' });
    const sbo = await aSchool(db, swv.id, { name: 'SBO De Brug', kind: 'sbo' });
    await aSchool(db, swv.id, { name: 'SO De Kompas', kind: 'so' });
    const child = await aStudent(db, swv.id, school.id, { givenName: 'Noor', familyName: 'Bakker' });
    childId = child.id;
    const waiter = await aStudent(db, swv.id, school.id, { givenName: 'Daan', familyName: 'Jansen' });
    const person = (displayName: string, memberships: MembershipSpec[]) =>
      aUser(db, swv.id, memberships, { now: run.clock.now, displayName });
    users.consultant = await person('Sander de Wit', [{ role: 'consultant' }]);
    users.admin = await person('Anouk Smit', [{ role: 'swv_admin' }]);
    users.policy = await person('Pieter Mulder', [{ role: 'policy' }]);
    await aTeam(db, swv.id, [school.id], [users.consultant.id]);
    // Noor's TLV for SBO is granted; Daan has waited for SBO De Brug for four months already.
    requestId = await aRequest(db, {
      swvId: swv.id,
      schoolId: school.id,
      studentId: child.id,
      byUserId: users.consultant.id,
      state: 'decided',
      code: 'tlv_sbo',
    });
    await db.insert(waitingEntry).values({
      swvId: swv.id,
      id: crypto.randomUUID(),
      studentId: waiter.id,
      schoolId: sbo.id,
      category: 'none',
      since: addDays(today, -122),
      createdByUserId: users.consultant.id,
      createdAt: run.clock.now,
      updatedAt: run.clock.now,
    });
  });

  afterAll(async () => {
    expect(run?.problems ?? []).toEqual([]);
    await run?.close();
  });

  const main = (page: Page) => page.locator('main');
  const status = (page: Page, text: string | RegExp) =>
    main(page).getByRole('status').getByText(text).waitFor();

  it('lets the administrator set the places of an SBO school by keyboard, refusing a negative count', async () => {
    const page = await signInPage(run, users.admin);
    await page.getByRole('navigation').getByRole('link', { name: 'Plaatsen' }).first().click();
    await main(page).getByRole('heading', { level: 1, name: 'Plaatsen en bezetting' }).waitFor();
    await checkPage(page, 'capacity-places');
    const edit = main(page).getByRole('button', { name: 'Wijzigen: SBO De Brug, SBO' });
    await edit.focus();
    await page.keyboard.press('Enter');
    const form = main(page).getByRole('form', { name: /^Plaatsen van SBO De Brug/ });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-places');
    await page.keyboard.type('-1');
    await page.keyboard.press('Tab');
    await page.keyboard.type('118');
    await page.keyboard.press('Enter');
    await main(page).getByRole('alert').getByText('Vul een heel getal in van 0 tot 2000.').first().waitFor();
    await checkPage(page, 'capacity-places-error');
    await form.getByLabel('Plaatsen', { exact: true }).fill('120');
    await form.getByLabel('Plaatsen', { exact: true }).press('Enter');
    await status(page, 'De plaatsen zijn opgeslagen.');
    const row = main(page).getByRole('row', { name: /SBO De Brug/ });
    await row.getByText('120').waitFor();
    // Two places free; the one child waiting is a small number, hidden from the administrator.
    expect(await row.getByRole('cell').allTextContents()).toEqual(
      expect.arrayContaining(['120', '118', '2', 'minder dan 5']),
    );
  });

  it('lets a consultant put a child with a granted TLV on the list and then place the child', async () => {
    const page = await signInPage(run, users.consultant);
    // From the granted TLV's page to the child's waiting list.
    await page.goto(`/requests/${requestId}`);
    await main(page)
      .getByRole('link', { name: /^Wachtlijst van Noor Bakker/ })
      .click();
    expect(new URL(page.url()).pathname).toBe(`/students/${childId}/waiting`);
    await main(page).getByText('Noor staat op geen wachtlijst.').waitFor();
    await main(page).getByRole('button', { name: 'Op de wachtlijst zetten' }).click();
    const form = main(page).getByRole('form', { name: 'Op de wachtlijst zetten' });
    await form.getByLabel('Besluit waarop het kind wacht').selectOption({ index: 1 });
    await form.getByLabel('Wacht op (school of aanbieder)').selectOption({ label: 'SBO De Brug (SBO)' });
    await checkPage(page, 'capacity-put-on-list');
    await form.getByRole('button', { name: 'Op de wachtlijst zetten' }).click();
    await main(page).getByRole('heading', { level: 1, name: 'Wachtlijst: Noor Bakker' }).waitFor();

    // The list: who waits where, the longest wait first and marked.
    await page.getByRole('navigation').getByRole('link', { name: 'Wachtlijst' }).first().click();
    const table = main(page).getByRole('table', { name: 'Wachtende kinderen' });
    await table.getByText('Noor Bakker').waitFor();
    const names = await table.getByRole('link', { name: /Bakker|Jansen/ }).allTextContents();
    expect(names).toEqual(['Daan Jansen', 'Noor Bakker']);
    await table.getByText(/^122 dagen \(langer dan 3 maanden\)$/).waitFor();
    await checkPage(page, 'capacity-waiting-list');

    await table.getByRole('link', { name: 'Noor Bakker' }).click();
    const end = main(page).getByRole('form', { name: 'Wachten beëindigen' });
    await end.getByLabel('Hoe eindigt het wachten?').selectOption({ label: 'Geplaatst' });
    await end.getByRole('button', { name: 'Beëindigen' }).press('Enter');
    await status(page, 'Het wachten is beëindigd.');
    await main(page)
      .getByText(/^Geplaatst, /)
      .waitFor();
    expect(await end.count()).toBe(0);
    await checkPage(page, 'capacity-wait-placed');
  });

  it('shows the waiting list on a phone, and the count to policy staff with small numbers hidden', async () => {
    const page = await signInPage(run, users.consultant);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/waiting-list');
    await main(page).getByText('Daan Jansen').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await checkPage(page, 'capacity-waiting-list-phone');

    const policy = await signInPage(run, users.policy);
    await policy.setViewportSize({ width: 390, height: 844 });
    await policy.getByRole('button', { name: 'Menu' }).click();
    await policy.getByRole('navigation').getByRole('link', { name: 'Wachtlijsttelling' }).click();
    await main(policy).getByRole('heading', { level: 1, name: 'Wachtlijsttelling' }).waitFor();
    await main(policy)
      .getByText(/^Te weinig wachtenden op /)
      .waitFor();
    expect(await main(policy).getByText('Daan').count()).toBe(0);
    expect(await policy.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await checkPage(policy, 'capacity-counts-policy-phone');
  });
});

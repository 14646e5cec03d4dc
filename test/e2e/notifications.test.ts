// Notifications in a real browser (issue 12): the consultant sends a request back as incomplete and
// the IB'er sees the header's badge ("Meldingen, 2 ongelezen"), opens the inbox, reads the line with
// the child's first name, marks one read by keyboard and follows the other to the request; chooses
// how to hear of each kind by e-mail; on a 390 px phone too. The SWV administrator sees the held
// e-mail in the outbox. axe checks every state; screenshots go to test-results/screenshots.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notify } from '../../src/server/modules/notifications/notifications.commands.ts';
import { sendPendingEmails } from '../../src/server/modules/notifications/notifications.mail.ts';
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
  signIn as signInByApi,
  type TestUser,
} from '../support/factories.ts';

announceSkipWithoutChromium('test/e2e/notifications.test.ts');

describe.skipIf(!chromiumPath)('notifications in the browser', { timeout: 180_000 }, () => {
  let run: BrowserRun;
  let swvId: string;
  let requestId: string;
  const users = {} as Record<'ib' | 'consultant' | 'admin', TestUser>;

  beforeAll(async () => {
    run = await startBrowserRun();
    const db = run.database.db;
    const swv = await aSwv(db, { name: 'Samenwerkingsverband Passenderwijs' });
    swvId = swv.id;
    const school = await aSchool(db, swv.id, { name: 'Basisschool De Regenboog' });
    const child = await aStudent(db, swv.id, school.id, { givenName: 'Hugo', familyName: 'Verbeek' });
    const person = (displayName: string, memberships: MembershipSpec[]) =>
      aUser(db, swv.id, memberships, { now: run.clock.now, displayName });
    users.ib = await person('Fatima El Amrani', [{ role: 'school_ib', schoolId: school.id }]);
    users.consultant = await person('Sander de Wit', [{ role: 'consultant' }]);
    users.admin = await person('Anne de Boer', [{ role: 'swv_admin' }]);
    await aTeam(db, swv.id, [school.id], [users.consultant.id]);
    requestId = await aRequest(db, {
      swvId: swv.id,
      schoolId: school.id,
      studentId: child.id,
      byUserId: users.ib.id,
      state: 'submitted',
    });
  });

  afterAll(async () => {
    expect(run?.problems ?? []).toEqual([]);
    await run?.close();
  });

  const main = (page: Page) => page.locator('main');
  const badge = (page: Page) => page.locator('header .passend-notification-link');

  it('shows the IB’er the unread count in the header once a request is sent back', async () => {
    const consultant = await signInByApi(run, users.consultant);
    const sent = await consultant.post(`/api/requests/${requestId}/steps`, {
      revision: 1,
      step: 'send_back_incomplete',
      reasonCode: 'parents_consent',
    });
    expect(sent.statusCode, sent.body).toBe(200);
    run.clock.advance(60_000);
    await notify(run.database.db, run.clock.now, {
      swvId,
      userIds: [users.ib.id],
      kind: 'deadline_near',
      subjectType: 'request',
      subjectId: requestId,
      occasion: 'e2e',
      firstName: 'Hugo',
      link: `/requests/${requestId}`,
    });

    const page = await signInPage(run, users.ib);
    await badge(page).locator('.passend-notification-badge').waitFor();
    await page.locator('header').getByRole('link', { name: 'Meldingen, 2 ongelezen' }).waitFor();
    expect(await badge(page).locator('.passend-notification-badge').innerText()).toBe('2');
    await checkPage(page, 'notifications-header-badge');
    await page.context().close();
  });

  it('lists the notices in words with the first name, marks one read by keyboard and leads to the request', async () => {
    const page = await signInPage(run, users.ib);
    await badge(page).click();
    await main(page).getByRole('heading', { level: 1, name: 'Meldingen' }).waitFor();
    await main(page).getByText('2 ongelezen van 2').waitFor();
    const items = main(page).locator('.passend-notice');
    expect(await items.nth(0).innerText()).toContain(
      'De termijn van de aanvraag voor Hugo loopt binnen twee werkdagen af',
    );
    expect(await items.nth(1).innerText()).toContain('De aanvraag voor Hugo is teruggestuurd: niet compleet');
    expect(await main(page).innerText()).not.toContain('Verbeek');
    await checkPage(page, 'notifications-inbox');

    // By keyboard: focus the first "Gelezen" button and press Enter.
    const markFirst = main(page).getByRole('button', {
      name: 'Markeer als gelezen: De termijn van de aanvraag voor Hugo loopt binnen twee werkdagen af',
    });
    await markFirst.focus();
    await page.keyboard.press('Enter');
    await main(page).getByText('1 ongelezen van 2').waitFor();
    await page.locator('header').getByRole('link', { name: 'Meldingen, 1 ongelezen' }).waitFor();
    await checkPage(page, 'notifications-inbox-one-read');

    await main(page)
      .getByRole('link', { name: 'De aanvraag voor Hugo is teruggestuurd: niet compleet' })
      .click();
    await page.waitForURL(`**/requests/${requestId}`);
    await main(page).getByRole('heading', { level: 1 }).waitFor();
    await page.locator('header').getByRole('link', { name: 'Meldingen', exact: true }).waitFor();
    await page.context().close();
  });

  it('keeps the choice of e-mail per kind, by keyboard', async () => {
    const page = await signInPage(run, users.ib);
    await page.goto('/settings/notifications');
    await main(page).getByRole('heading', { level: 1, name: 'Meldingen instellen' }).waitFor();
    const group = main(page).getByRole('group', { name: /^Besluit op een aanvraag/ });
    await group.getByRole('radio', { name: 'Eén e-mail per dag' }).waitFor();
    expect(await group.getByRole('radio', { name: 'Eén e-mail per dag' }).isChecked()).toBe(true);
    await checkPage(page, 'notifications-preferences');
    await group.getByRole('radio', { name: 'Eén e-mail per dag' }).focus();
    // Arrow keys move the choice within the group.
    await page.keyboard.press('ArrowRight');
    expect(await group.getByRole('radio', { name: 'Geen e-mail' }).isChecked()).toBe(true);
    await main(page).getByRole('button', { name: 'Keuzes opslaan' }).click();
    await main(page).getByRole('status').getByText('Uw keuzes zijn opgeslagen.').waitFor();
    await page.reload();
    const again = main(page).getByRole('group', { name: /^Besluit op een aanvraag/ });
    await again.getByRole('radio', { name: 'Geen e-mail' }).waitFor();
    expect(await again.getByRole('radio', { name: 'Geen e-mail' }).isChecked()).toBe(true);
    await page.context().close();
  });

  it('reads on a 390 px phone: the badge beside the menu, the inbox without sideways scrolling', async () => {
    const page = await signInPage(run, users.ib);
    await page.setViewportSize({ width: 390, height: 844 });
    await badge(page).waitFor();
    expect(await badge(page).isVisible()).toBe(true);
    await badge(page).click();
    await main(page).getByRole('heading', { level: 1, name: 'Meldingen' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await checkPage(page, 'notifications-inbox-390');
    await page.goto('/settings/notifications');
    await main(page).getByRole('heading', { level: 1, name: 'Meldingen instellen' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await checkPage(page, 'notifications-preferences-390');
    await page.context().close();
  });

  it('shows the SWV administrator the held e-mails in the outbox', async () => {
    await sendPendingEmails(run.database, null, run.clock.now, run.baseUrl);
    const page = await signInPage(run, users.admin);
    await page.goto('/admin/outbox');
    await main(page).getByRole('heading', { level: 1, name: 'Verzonden e-mail' }).waitFor();
    const table = main(page).getByRole('table', { name: 'E-mails' });
    await table.getByText(users.ib.email).waitFor();
    await table.getByText('Vastgehouden').first().waitFor();
    await table.getByText('Tekst van de e-mail').first().click();
    await table.getByText(/De termijn van de aanvraag voor Hugo/).waitFor();
    await checkPage(page, 'notifications-outbox');
    await main(page)
      .getByRole('button', { name: `Opnieuw versturen: e-mail aan ${users.ib.email}` })
      .first()
      .click();
    await main(page)
      .getByRole('status')
      .getByText(/wordt bij de volgende ronde opnieuw verstuurd/)
      .waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await checkPage(page, 'notifications-outbox-390');
    await page.context().close();
  });

  it('alerts the SWV administrator to unusual bulk reading and leads, by keyboard, to the user on a phone', async () => {
    // As the sealer's watch gives it (src/server/modules/organisations/bulkReading.ts).
    await notify(run.database.db, run.clock.now, {
      swvId,
      userIds: [users.admin.id],
      kind: 'bulk_reading',
      subjectType: 'user',
      subjectId: users.consultant.id,
      occasion: run.clock.now.toISOString().slice(0, 13),
      link: `/admin/users/${users.consultant.id}`,
    });
    const page = await signInPage(run, users.admin);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/notifications');
    const alert = main(page).getByRole('link', {
      name: /Een medewerker opende het afgelopen uur de gegevens van ongewoon veel kinderen/,
    });
    await alert.waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await checkPage(page, 'notifications-bulk-reading-390');
    await alert.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/admin/users/${users.consultant.id}`);
    await main(page).getByText('Sander de Wit').first().waitFor();
    await page.context().close();
  });
});

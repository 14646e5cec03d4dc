// Objections, complaints and support-point signals in a real browser (issue 12, "Resolved when"):
// a parent objects to a TLV decision on a phone, in plain Dutch; the committee sees the LBT advice
// clock run in its queue, asks the LBT's advice, records it, holds the hearing and decides the
// objection upheld; the request's history shows all of it, and the parent reads that the decision
// is reconsidered. A parent files a complaint and the SWV closes it; a consultant registers a
// support-point signal. Keyboard only where it matters, axe on every state, 390 px for the parent.
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amsterdamToday } from '../../src/domain/calendar.ts';
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
  aRequest,
  aSchool,
  aStudent,
  aSwv,
  aTeam,
  aUser,
  type MembershipSpec,
  type TestUser,
} from '../support/factories.ts';

announceSkipWithoutChromium('test/e2e/objections.test.ts');

describe.skipIf(!chromiumPath)(
  'objections, complaints and signals in the browser',
  { timeout: 180_000 },
  () => {
    let run: BrowserRun;
    let requestId: string;
    let objectionPath = '';
    const users = {} as Record<'ib' | 'consultant' | 'committee' | 'admin' | 'parent', TestUser>;

    beforeAll(async () => {
      run = await startBrowserRun();
      const db = run.database.db;
      const swv = await aSwv(db, { name: 'Samenwerkingsverband Passenderwijs' });
      const school = await aSchool(db, swv.id, { name: 'Basisschool De Regenboog' });
      const child = await aStudent(db, swv.id, school.id, { givenName: 'Noor', familyName: 'Bakker' });
      const person = (displayName: string, memberships: MembershipSpec[]) =>
        aUser(db, swv.id, memberships, { now: run.clock.now, displayName });
      users.ib = await person('Fatima El Amrani', [{ role: 'school_ib', schoolId: school.id }]);
      users.consultant = await person('Sander de Wit', [{ role: 'consultant' }]);
      users.committee = await person('Karin Visser', [{ role: 'committee' }]);
      users.admin = await person('Anouk Smit', [{ role: 'swv_admin' }]);
      users.parent = await person('Mark Bakker', [{ role: 'parent' }]);
      await aTeam(db, swv.id, [school.id], [users.consultant.id]);
      await aGuardian(db, swv.id, child.id, users.parent.id);
      // A TLV for special basic education, rejected today by the committee.
      requestId = await aRequest(db, {
        swvId: swv.id,
        schoolId: school.id,
        studentId: child.id,
        byUserId: users.ib.id,
        state: 'decided',
        code: 'tlv_sbo',
      });
      await db.execute(
        sql`update support_request set outcome = 'rejected', decided_on = ${today()}, period_from = null,
            period_until = null, decision_reasons = 'De basisondersteuning met een arrangement volstaat.'
          where id = ${requestId}`,
      );
    });

    afterAll(async () => {
      expect(run?.problems ?? []).toEqual([]);
      await run?.close();
    });

    const main = (page: Page) => page.locator('main');
    function today() {
      return amsterdamToday(run.clock.now);
    }
    const status = (page: Page, text: string | RegExp) =>
      main(page).getByRole('status').getByText(text).waitFor();

    it('lets a parent object to the TLV decision on a phone, in plain Dutch', async () => {
      const page = await signInPage(run, users.parent);
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`/requests/${requestId}`);
      const part = main(page).getByRole('region', { name: 'Bezwaar' });
      await part.getByText('Er is geen bezwaar gemaakt tegen dit besluit.').waitFor();
      await part.getByText(/Bezwaar maken kan tot en met/).waitFor();
      await part.getByRole('button', { name: 'Bezwaar maken' }).click();
      const form = main(page).getByRole('form', { name: 'Bezwaar maken' });
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-grounds');
      await form.getByRole('button', { name: 'Bezwaar versturen' }).click();
      await main(page).getByRole('alert').getByText('Schrijf op waarom u het niet eens bent.').waitFor();
      await checkPage(page, 'objection-parent-form-error');
      await form
        .getByLabel('Waarom bent u het niet eens met het besluit?')
        .fill('Noor loopt vast in de klas; de extra hulp van dit jaar was niet genoeg.');
      // No reason for lateness is asked within the 6 weeks.
      expect(await form.getByLabel('Waarom maakt u nu pas bezwaar?').count()).toBe(0);
      await form.getByRole('button', { name: 'Bezwaar versturen' }).click();
      await status(page, 'Uw bezwaar is ontvangen.');
      await part.getByText(/^Wij hebben uw bezwaar ontvangen op /).waitFor();
      await part.getByText(/eerst advies aan de landelijke bezwaaradviescommissie/).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await checkPage(page, 'objection-parent-received-phone');
    });

    it('shows the committee the LBT clock and takes the objection through advice, hearing and decision', async () => {
      const page = await signInPage(run, users.committee);
      await page.getByRole('navigation').getByRole('link', { name: 'Bezwaren' }).first().click();
      await main(page).getByRole('heading', { level: 1, name: 'Bezwaren' }).waitFor();
      const table = main(page).getByRole('table', { name: /Open bezwaren/ });
      await table.getByText(/^Nog 14 dagen, uiterlijk/).waitFor();
      await checkPage(page, 'objections-queue');
      await table.getByRole('link', { name: /^Bezwaar tegen / }).click();
      await main(page)
        .getByRole('heading', { level: 1, name: /^Bezwaar tegen aanvraag/ })
        .waitFor();
      objectionPath = new URL(page.url()).pathname;
      await main(page)
        .locator('.passend-request-facts')
        .getByText(/^Nog 14 dagen, uiterlijk/)
        .waitFor();

      // A TLV's objection is first put to the LBT: the hearing is refused before that.
      const form = main(page).getByRole('form', { name: 'Volgende stap' });
      await form.getByLabel('Stap').selectOption({ label: 'Advies gevraagd aan de LBT' });
      // By keyboard: from the note to the submit button.
      const note = form.getByLabel('Toelichting');
      await note.fill('Dossier gestuurd naar de LBT.');
      await note.focus();
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Stap vastleggen');
      await page.keyboard.press('Enter');
      await status(page, 'De stap is vastgelegd.');
      await main(page)
        .locator('.passend-request-facts')
        .getByText(/^Gevraagd \(uiterlijk/)
        .waitFor();
      await checkPage(page, 'objection-advice-requested');

      const step = async (label: string, fill: (form: ReturnType<typeof main>) => Promise<void>) => {
        const next = main(page).getByRole('form', { name: 'Volgende stap' });
        await next.getByLabel('Stap').selectOption({ label });
        await fill(next);
        await next.getByRole('button', { name: 'Stap vastleggen' }).click();
        await main(page)
          .getByRole('region', { name: 'Tijdlijn' })
          .getByText(label, { exact: true })
          .waitFor();
      };
      await step('Advies LBT ontvangen', (next) =>
        next
          .getByLabel('Samenvatting van het advies')
          .fill('De LBT adviseert het bezwaar gegrond te verklaren.'),
      );
      await step('Hoorzitting', (next) => next.getByLabel('Toelichting').fill('Ouders en school gehoord.'));
      const decide = main(page).getByRole('form', { name: 'Volgende stap' });
      await decide.getByLabel('Stap').selectOption({ label: 'Beslissing op bezwaar' });
      await decide.getByLabel('Beslissing').selectOption({ label: 'gegrond' });
      await decide.getByRole('button', { name: 'Stap vastleggen' }).click();
      await main(page)
        .getByRole('alert')
        .getByText(/Kies gegrond of ongegrond/)
        .waitFor();
      await decide
        .getByLabel('Motivering')
        .fill('Met het advies van de LBT: Noor heeft meer nodig dan de basisondersteuning biedt.');
      await decide.getByRole('button', { name: 'Stap vastleggen' }).click();
      await main(page)
        .getByRole('region', { name: 'Tijdlijn' })
        .getByText('Beslissing op bezwaar: gegrond', { exact: true })
        .waitFor();
      await main(page)
        .getByText(/Het oorspronkelijke besluit wordt heroverwogen/)
        .waitFor();
      await checkPage(page, 'objection-decided');

      // The decision's history on the request shows the objection's course.
      await page.goto(`/requests/${requestId}`);
      const timeline = main(page).getByRole('region', { name: 'Tijdlijn' });
      for (const text of [
        'Bezwaar ontvangen',
        'Advies gevraagd aan de LBT',
        'Advies LBT ontvangen',
        'Beslissing op bezwaar: gegrond',
      ])
        await timeline.getByText(text, { exact: true }).waitFor();
      await main(page)
        .getByRole('region', { name: 'Bezwaar' })
        .getByText(/wordt heroverwogen/)
        .waitFor();
      await checkPage(page, 'objection-on-request');
    });

    it('tells the parent that the decision is reconsidered', async () => {
      const page = await signInPage(run, users.parent);
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`/requests/${requestId}`);
      const part = main(page).getByRole('region', { name: 'Bezwaar' });
      await part.getByText(/^Er is een beslissing op uw bezwaar genomen op /).waitFor();
      await part.getByText(/Het bezwaar is gegrond verklaard/).waitFor();
      await checkPage(page, 'objection-parent-decided-phone');
      expect(objectionPath).toMatch(/^\/objections\//);
    });

    it('takes a complaint from a parent and lets the SWV close it with an outcome', async () => {
      const parent = await signInPage(run, users.parent);
      await parent.setViewportSize({ width: 390, height: 844 });
      await parent.goto('/complaints');
      await main(parent).getByRole('heading', { level: 1, name: 'Een klacht indienen' }).waitFor();
      await main(parent).getByRole('button', { name: 'Klacht indienen' }).click();
      const form = main(parent).getByRole('form', { name: 'Klacht indienen' });
      await form.getByLabel('Waar gaat uw klacht over?').fill('Te lang wachten');
      await form.getByLabel('Wat is er gebeurd?').fill('Wij wachtten drie maanden op een gesprek.');
      await form.getByLabel('Over welk kind gaat het? (niet verplicht)').selectOption({ label: 'Noor' });
      await form.getByRole('button', { name: 'Klacht indienen' }).click();
      await status(parent, /Uw klacht is ontvangen/);
      await main(parent)
        .getByRole('table', { name: 'Uw klachten' })
        .getByText('Ontvangen', { exact: true })
        .waitFor();
      await checkPage(parent, 'complaint-parent-phone');

      const admin = await signInPage(run, users.admin);
      await admin.getByRole('navigation').getByRole('link', { name: 'Klachten' }).click();
      await main(admin).getByRole('heading', { level: 1, name: 'Klachten' }).waitFor();
      await checkPage(admin, 'complaints-staff-open');
      await main(admin)
        .getByRole('button', { name: /^Klacht behandelen, ontvangen op / })
        .click();
      const handle = main(admin).getByRole('form', { name: /^Klacht van .* behandelen$/ });
      await handle.getByLabel('Stand').selectOption({ label: 'Afgehandeld' });
      await handle.getByRole('button', { name: 'Opslaan' }).click();
      await main(admin)
        .getByRole('alert')
        .getByText(/Schrijf de uitkomst op/)
        .waitFor();
      await handle.getByLabel('Uitkomst').fill('Gesprek gevoerd en excuses gemaakt.');
      await handle.getByRole('button', { name: 'Opslaan' }).click();
      await status(admin, 'De klacht is vastgelegd.');
      await main(admin)
        .getByRole('table', { name: /Klachten/ })
        .getByText(/^Afgehandeld/)
        .waitFor();
      await checkPage(admin, 'complaints-staff');
    });

    it('lets a consultant register a support-point signal, without names', async () => {
      const page = await signInPage(run, users.consultant);
      await page.getByRole('navigation').getByRole('link', { name: 'Steunpunt' }).click();
      await main(page).getByRole('heading', { level: 1, name: 'Ouder- en jeugdsteunpunt' }).waitFor();
      await main(page).getByRole('button', { name: 'Signaal registreren' }).click();
      const form = main(page).getByRole('form', { name: 'Signaal registreren' });
      await form.getByText(/Zonder namen/).waitFor();
      await form.getByLabel('Soort').selectOption({ label: 'Bemiddeling' });
      await form.getByLabel('School').selectOption({ label: 'Basisschool De Regenboog' });
      await form.getByLabel('Samenvatting').fill('Ouders en school oneens over de begeleiding in groep 6.');
      await form.getByLabel('Uitkomst').selectOption({ label: 'Overeenstemming' });
      await form.getByRole('button', { name: 'Vastleggen' }).click();
      await status(page, 'Het signaal is vastgelegd.');
      await main(page)
        .getByRole('table', { name: /Signalen/ })
        .getByText('Bemiddeling')
        .waitFor();
      await checkPage(page, 'support-signals');
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await checkPage(page, 'support-signals-phone');
    });

    it('lets the administrator register a dispute, its ruling due in 10 weeks, beside the board’s counts', async () => {
      const page = await signInPage(run, users.admin);
      await page.getByRole('navigation').getByRole('link', { name: 'Geschillen' }).click();
      await main(page).getByRole('heading', { level: 1, name: 'Geschillen' }).waitFor();
      await main(page).getByRole('button', { name: 'Geschil registreren' }).click();
      const form = main(page).getByRole('form', { name: 'Geschil registreren' });
      await form.getByLabel('Onderwerp').selectOption({ label: 'Toelating' });
      await form.getByLabel('School').selectOption({ label: 'Basisschool De Regenboog' });
      await form.getByLabel('Korte omschrijving').fill('Weigering toelating na aanmelding.');
      await form.getByRole('button', { name: 'Vastleggen' }).click();
      await status(page, 'Het geschil is vastgelegd.');
      const table = main(page).getByRole('table', { name: /Geschillen, de nieuwste eerst/ });
      await table.getByText('Toelating', { exact: true }).waitFor();
      await table.getByRole('button', { name: /^Uitspraak vastleggen, geschil van / }).waitFor();
      // The board's counts: the objection decided above, the complaint closed, the signal registered.
      await main(page)
        .getByRole('table', { name: 'Bezwaren' })
        .getByText('gegrond', { exact: true })
        .waitFor();
      await main(page)
        .getByRole('table', { name: 'Signalen steunpunt' })
        .getByText('Bemiddeling — Overeenstemming')
        .waitFor();
      await checkPage(page, 'disputes');
    });
  },
);

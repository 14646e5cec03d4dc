// Transitions in a real browser (issue 13, point 6): a child moves from a primary school to a
// secondary school of another SWV. The primary school's IB'er starts the move from the child's file,
// picks the school among the schools on Passend and hands the file over; only what the parents
// consented to arrives, as a new file in the VO SWV. The secondary school's IB'er, on a phone, sees
// the child arriving with the risks and the days left of the term, and decides within it.
// Keyboard where it matters, axe on every state, 390 px for the receiving school.
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, amsterdamToday } from '../../src/domain/calendar.ts';
import { queryRows } from '../../src/server/db/client.ts';
import {
  announceSkipWithoutChromium,
  type BrowserRun,
  checkPage,
  chromiumPath,
  signInPage,
  startBrowserRun,
} from '../support/browser.ts';
import {
  aConsent,
  aGuardian,
  anActivePlan,
  aPartnerOrganisation,
  aSchool,
  aStudent,
  aSwv,
  aUser,
  type TestUser,
} from '../support/factories.ts';

announceSkipWithoutChromium('test/e2e/transitions.test.ts');

describe.skipIf(!chromiumPath)('a transition to another SWV in the browser', { timeout: 180_000 }, () => {
  let run: BrowserRun;
  let childId: string;
  let voSwvId: string;
  let transitionPath = '';
  const users = {} as Record<'ib' | 'voIb', TestUser>;

  beforeAll(async () => {
    run = await startBrowserRun();
    const db = run.database.db;
    const swv = await aSwv(db, { name: 'Samenwerkingsverband Passenderwijs PO' });
    const voSwv = await aSwv(db, { name: 'Sterk VO', sector: 'VO' });
    voSwvId = voSwv.id;
    const school = await aSchool(db, swv.id, { name: 'Basisschool De Regenboog' });
    const voSchool = await aSchool(db, voSwv.id, { name: 'Het Baken College', kind: 'vo' });
    const child = await aStudent(db, swv.id, school.id, {
      givenName: 'Noor',
      familyName: 'Bakker',
      groupName: '8A',
      supportLevel: 3,
    });
    childId = child.id;
    users.ib = await aUser(db, swv.id, [{ role: 'school_ib', schoolId: school.id }], {
      now: run.clock.now,
      displayName: 'Fatima El Amrani',
    });
    users.voIb = await aUser(db, voSwv.id, [{ role: 'school_ib', schoolId: voSchool.id }], {
      now: run.clock.now,
      displayName: 'Joost Mulder',
    });
    const parent = await aUser(db, swv.id, [{ role: 'parent' }], { now: run.clock.now });
    await aGuardian(db, swv.id, child.id, parent.id);
    await anActivePlan(db, { swvId: swv.id, studentId: child.id, userId: users.ib.id });
    // The parents consent to the hand-over, and (apart from it) to sharing with the buurtteam.
    await aConsent(db, {
      swvId: swv.id,
      studentId: child.id,
      givenByUserId: parent.id,
      purpose: 'hand_over_to_school',
      givenOn: today(),
    });
    await aConsent(db, {
      swvId: swv.id,
      studentId: child.id,
      givenByUserId: parent.id,
      partnerOrganisationId: await aPartnerOrganisation(db, swv.id, [school.id]),
    });
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

  it('lets the primary school start the move from the child’s file and hand the file over', async () => {
    const page = await signInPage(run, users.ib);
    await page.goto(`/students/${childId}/transitions`);
    await main(page).getByText('Er is geen overstap voor Noor.').waitFor();
    await main(page).getByRole('button', { name: 'Overstap starten' }).click();
    const form = main(page).getByRole('form', { name: 'Overstap starten' });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-search');
    await form.getByLabel('Zoek de nieuwe school').fill('Baken');
    const school = form.getByLabel('Nieuwe school', { exact: true });
    await expect.poll(() => school.locator('option').count()).toBe(2);
    const label = await school.locator('option').nth(1).innerText();
    expect(label).toMatch(/^Het Baken College \(Sterk VO\) — /);
    await school.selectOption({ label });
    await form.getByLabel('Aangemeld op de nieuwe school op').fill(addDays(today(), -5));
    await form.getByLabel('Overstap op (eerste schooldag)').fill(addDays(today(), 40));
    await form
      .getByLabel('Overdrachtsverslag')
      .fill('Noor leest graag en werkt goed met een dagplanning. Rust in de klas helpt haar.');
    await checkPage(page, 'transition-start');
    await form.getByRole('button', { name: 'Overstap starten' }).click();
    await main(page).getByRole('heading', { level: 1, name: 'Overstap van Noor Bakker' }).waitFor();
    transitionPath = new URL(page.url()).pathname;
    const facts = main(page).locator('.passend-student-facts');
    await facts.getByText('PO naar VO — Naar een ander samenwerkingsverband').waitFor();
    await facts.getByText('De ontvangende school beslist in haar eigen samenwerkingsverband').waitFor();
    await main(page).getByText('De ouders geven toestemming om het dossier over te dragen.').waitFor();
    await main(page)
      .getByRole('region', { name: 'Wat de nieuwe school moet weten' })
      .getByText('Lopend plan (OPP)')
      .waitFor();

    // Handing over, by keyboard: the step, then Tab past the OSO dossier's parts (none ticked:
    // only the mandatory data) to the button and Enter.
    const steps = main(page).getByRole('form', { name: 'Volgende stap' });
    const choice = steps.getByLabel('Volgende stap', { exact: true });
    await choice.selectOption({ label: 'Dossier overdragen' });
    await steps.getByText(/^Alleen met toestemming van de ouders/).waitFor();
    await choice.focus();
    for (let part = 0; part < 5; part++) await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Dossier overdragen');
    await page.keyboard.press('Enter');
    await status(page, 'Opgeslagen.');
    await facts.getByText(/^Overgedragen op /).waitFor();
    await checkPage(page, 'transition-handed-over-school-ib');
  });

  it('lets the secondary school see the child arriving with the risks, and decide within the term on a phone', async () => {
    // Only what the parents consented to crossed: the new file holds no plan, consent or parent.
    const [copy] = await queryRows<{ id: string; plans: number; consents: number; parents: number }>(
      run.database.db,
      sql`select s.id,
            (select count(*)::int from plan p where p.student_id = s.id) as plans,
            (select count(*)::int from consent c where c.student_id = s.id) as consents,
            (select count(*)::int from student_guardian g where g.student_id = s.id) as parents
          from student s where s.swv_id = ${voSwvId} and s.given_name = 'Noor'`,
    );
    expect(copy).toMatchObject({ plans: 0, consents: 0, parents: 0 });

    const page = await signInPage(run, users.voIb);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/transitions');
    await main(page).getByRole('heading', { level: 1, name: 'Overstappen' }).waitFor();
    const row = main(page).getByRole('table', { name: /Overstappen/ });
    await row.getByText('Lopend plan (OPP)').waitFor();
    await row.getByText(/^Nog 37 dagen/).waitFor();
    await row.getByText(/Basisschool De Regenboog \(Samenwerkingsverband Passenderwijs PO\)/).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await checkPage(page, 'transitions-arriving-vo-390');
    await row.getByRole('link', { name: 'Noor Bakker' }).click();
    await main(page).getByRole('heading', { level: 1, name: 'Overstap van Noor Bakker' }).waitFor();
    expect(new URL(page.url()).pathname).not.toBe(transitionPath);
    await main(page)
      .getByText(/^Noor leest graag en werkt goed met een dagplanning/)
      .waitFor();
    await main(page)
      .getByText(/^Overgedragen met toestemming van de ouders/)
      .waitFor();
    // The OSO dossier stays with the sending SWV (docs/decisions/0030-oso-dossier-export.md).
    await main(page)
      .getByText(/^Het overdrachtsdossier \(OSO\) blijft bij het samenwerkingsverband/)
      .waitFor();
    expect(
      await main(page)
        .getByRole('link', { name: /downloaden/ })
        .count(),
    ).toBe(0);

    const steps = main(page).getByRole('form', { name: 'Volgende stap' });
    await steps.getByLabel('Volgende stap', { exact: true }).selectOption({ label: 'Besluit vastleggen' });
    await steps.getByLabel('Besluit', { exact: true }).selectOption({ label: 'Geplaatst' });
    const start = steps.getByLabel('Startdatum op de nieuwe school');
    expect(await start.inputValue()).toBe(addDays(today(), 40));
    await start.focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await status(page, 'Opgeslagen.');
    await main(page)
      .getByText(/^Geplaatst\. Start op /)
      .waitFor();
    await main(page)
      .getByText(/^Nazorggesprek rond /)
      .waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await checkPage(page, 'transition-decided-vo-390');
  });
});

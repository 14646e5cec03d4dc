// The SWV's work with requests in a real browser: the committee's home shows its queue with the
// overdue request first, the queue page filters by keyboard, an administrator gives a request type
// its own deadline, and the budget page shows what granted arrangements commit against the budget.
// axe checks every page state; each page is also checked at 390 px; screenshots go to
// test-results/screenshots.
import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrangementBudget, requestType, supportRequest } from '../../src/server/db/schema/index.ts';
import {
  announceSkipWithoutChromium,
  type BrowserRun,
  chromiumPath,
  expectNoAxeViolations,
  saveScreenshot,
  signInPage,
  startBrowserRun,
} from '../support/browser.ts';
import { aSchool, aStudent, aSwv, aTeam, aUser, type TestUser } from '../support/factories.ts';

announceSkipWithoutChromium('test/e2e/requestWork.test.ts');

describe.skipIf(!chromiumPath)("the SWV's work lists and pages in the browser", { timeout: 180_000 }, () => {
  let run: BrowserRun;
  const users = {} as Record<'committee' | 'consultant' | 'admin' | 'ib' | 'policy', TestUser>;
  let swvId = '';
  let schoolYear = '';
  const types = {} as Record<'arrangement' | 'tlv' | 'crisis', { id: string; name: string }>;
  /** Today in Europe/Amsterdam, give or take days: the server's clock runs at the real time. */
  const day = (offset: number) =>
    new Date(run.clock.now.getTime() + offset * 86_400_000).toLocaleDateString('sv-SE', {
      timeZone: 'Europe/Amsterdam',
    });

  beforeAll(async () => {
    run = await startBrowserRun();
    const db = run.database.db;
    const swv = await aSwv(db, { name: 'Samenwerkingsverband De Vallei' });
    swvId = swv.id;
    const regenboog = await aSchool(db, swv.id, { name: 'Basisschool De Regenboog' });
    const kompas = await aSchool(db, swv.id, { name: 'Basisschool Het Kompas' });
    const person = (displayName: string, memberships: Parameters<typeof aUser>[2]) =>
      aUser(db, swv.id, memberships, { now: run.clock.now, displayName });
    users.committee = await person('Hanneke Vos', [{ role: 'committee' }]);
    users.consultant = await person('Joost van Dijk', [{ role: 'consultant' }]);
    users.admin = await person('Thomas Peters', [{ role: 'swv_admin' }]);
    users.policy = await person('Marieke Willems', [{ role: 'policy' }]);
    users.ib = await person('Fatima El Amrani', [{ role: 'school_ib', schoolId: regenboog.id }]);
    await aTeam(db, swv.id, [regenboog.id, kompas.id], [users.consultant.id]);

    // The catalogue the SWV started with.
    const catalogue = await db.select().from(requestType).where(eq(requestType.swvId, swv.id));
    const byCode = (code: string) => {
      const type = catalogue.find((candidate) => candidate.code === code);
      if (!type) throw new Error(`No request type ${code} in the catalogue`);
      return { id: type.id, name: type.name };
    };
    types.arrangement = byCode('arrangement');
    types.tlv = byCode('tlv_sbo');
    types.crisis = byCode('crisis_placement');

    const child = (schoolId: string, givenName: string, familyName: string) =>
      aStudent(db, swv.id, schoolId, { givenName, familyName }).then((row) => row.id);
    const mila = await child(regenboog.id, 'Mila', 'Jansen');
    const daan = await child(kompas.id, 'Daan', 'Smit');
    const noor = await child(regenboog.id, 'Noor', 'Bakker');
    const sem = await child(regenboog.id, 'Sem', 'Visser');
    const liam = await child(kompas.id, 'Liam', 'Mulder');

    let count = 0;
    async function aRequest(values: Partial<typeof supportRequest.$inferInsert> & { schoolId: string }) {
      count += 1;
      await db.insert(supportRequest).values({
        swvId: swv.id,
        id: uuidv7(),
        number: `2026-00${String(count).padStart(2, '0')}`,
        typeId: types.arrangement.id,
        requestedByUserId: users.ib.id,
        ...values,
      });
    }
    // In review, its deadline a week past: overdue, and handled by the committee member.
    await aRequest({
      schoolId: regenboog.id,
      studentId: mila,
      state: 'in_review',
      completeOn: day(-21),
      deadlineOn: day(-7),
      assignedToUserId: users.committee.id,
    });
    // A TLV at the other school, complete, with time left.
    await aRequest({
      schoolId: kompas.id,
      studentId: daan,
      typeId: types.tlv.id,
      state: 'complete',
      completeOn: day(-1),
      deadlineOn: day(13),
    });
    // A crisis placement on its own short clock.
    await aRequest({
      schoolId: regenboog.id,
      studentId: noor,
      typeId: types.crisis.id,
      state: 'in_review',
      completeOn: day(0),
      deadlineOn: day(3),
    });
    // Sent back incomplete: it waits for the school.
    await aRequest({ schoolId: regenboog.id, studentId: sem, state: 'incomplete' });
    // Granted: € 15.000 committed against a budget of € 10.000.
    await aRequest({
      schoolId: kompas.id,
      studentId: liam,
      state: 'in_progress',
      outcome: 'granted',
      completeOn: day(-30),
      deadlineOn: day(-16),
      decidedOn: day(-20),
      decidedByUserId: users.committee.id,
      decisionReasons: 'Past bij de onderwijsbehoeften.',
      periodFrom: day(-19),
      periodUntil: day(60),
      budgetCents: 1_500_000,
      hoursGranted: '40',
    });
    // A draft: the school's own work, which the SWV does not see.
    await aRequest({ schoolId: regenboog.id, studentId: noor, state: 'draft' });
    const today = new Date(run.clock.now);
    const startYear = today.getMonth() >= 7 ? today.getFullYear() : today.getFullYear() - 1;
    schoolYear = `${startYear}-${startYear + 1}`;
    await db.insert(arrangementBudget).values({ swvId: swv.id, schoolYear, amountCents: 1_000_000 });
  });

  afterAll(async () => {
    expect(run?.problems ?? []).toEqual([]);
    await run?.close();
  });

  const main = (page: Page) => page.locator('main');
  /** The first column of a table, by its caption: the requests' numbers. */
  async function rowNames(page: Page, caption: string | RegExp): Promise<string[]> {
    const table = main(page).getByRole('table', { name: caption });
    await table.waitFor();
    return (await table.locator('tbody th').allTextContents()).map((text) => text.trim());
  }
  /** axe, a screenshot, then the same at 390 px: no sideways scrolling, axe and a screenshot. */
  async function checkBothWidths(page: Page, screenshot: string) {
    await expect.poll(() => main(page).getByText('Bezig met laden').count()).toBe(0);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, screenshot);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, `${screenshot}-390`);
    await page.setViewportSize({ width: 1280, height: 800 });
  }
  /** Submits the queue's filters by keyboard: Enter on the form's button. */
  async function submitFilters(page: Page) {
    await main(page).getByRole('button', { name: 'Toon aanvragen' }).focus();
    await page.keyboard.press('Enter');
  }

  it("shows the committee's queue first on its home, the overdue request at the top", async () => {
    const page = await signInPage(run, users.committee);
    const panel = main(page).getByRole('region', { name: 'Open aanvragen' });
    await panel.getByText('4 open aanvragen, waarvan 1 over de termijn.').waitFor();
    const caption = 'De dringendste aanvragen, over de termijn eerst';
    // Overdue first, then by deadline; the one sent back has no deadline yet.
    expect(await rowNames(page, caption)).toEqual(['2026-0001', '2026-0003', '2026-0002', '2026-0004']);
    // Overdue in words, not colour alone; the crisis placement is marked.
    const first = panel.locator('tbody tr').first();
    expect(await first.innerText()).toMatch(/Te laat[\s\S]*Termijn verstreken \(\d+ werkdagen te laat\)/);
    expect(await first.getAttribute('class')).toContain('passend-work-row--late');
    expect(await panel.locator('tbody tr').nth(1).innerText()).toContain('Spoed');
    // Neither the decided request nor the school's draft is in the queue.
    expect(await panel.getByText('2026-0005').count()).toBe(0);
    expect(await panel.getByText('2026-0006').count()).toBe(0);
    await checkBothWidths(page, 'requests-home-committee');

    // The way to the whole queue, by keyboard.
    await panel.getByRole('link', { name: /^Alle open aanvragen/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Aanvragen' }).waitFor();
    await page.context().close();
  });

  it('filters the queue on school, type, overdue, assignee and state, by keyboard', async () => {
    const page = await signInPage(run, users.committee);
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Aanvragen' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Aanvragen' }).waitFor();
    const caption = /^Aanvragen, de kortste termijn eerst/;
    expect(await rowNames(page, caption)).toEqual(['2026-0001', '2026-0003', '2026-0002', '2026-0004']);
    await main(page).getByText('4 aanvragen', { exact: true }).waitFor();
    await checkBothWidths(page, 'requests-queue');

    // One school: only the TLV at Het Kompas.
    await main(page).getByLabel('School', { exact: true }).selectOption({ label: 'Basisschool Het Kompas' });
    await submitFilters(page);
    await main(page).getByText('1 aanvraag gevonden').waitFor();
    expect(await rowNames(page, caption)).toEqual(['2026-0002']);
    expect(page.url()).toContain('schoolId=');
    // Focus went to the result count, so the next Tab reaches the request.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('1 aanvraag gevonden');

    // Every state at that school: the granted arrangement too.
    await main(page).getByLabel('Stand').selectOption({ label: 'Alle aanvragen' });
    await submitFilters(page);
    await main(page).getByText('2 aanvragen gevonden').waitFor();
    expect((await rowNames(page, caption)).sort()).toEqual(['2026-0002', '2026-0005']);

    // Start again; the crisis placements only.
    await main(page).getByRole('link', { name: 'Filters wissen' }).click();
    await main(page).getByText('4 aanvragen', { exact: true }).waitFor();
    await main(page).getByLabel('Soort').selectOption({ label: types.crisis.name });
    await submitFilters(page);
    await main(page).getByText('1 aanvraag gevonden').waitFor();
    expect(await rowNames(page, caption)).toEqual(['2026-0003']);

    // Only the overdue ones, and only those assigned to me: the same request.
    await main(page).getByRole('link', { name: 'Filters wissen' }).click();
    await main(page).getByText('4 aanvragen', { exact: true }).waitFor();
    await main(page).getByLabel('Alleen over de termijn').check();
    await submitFilters(page);
    await main(page).getByText('1 aanvraag gevonden').waitFor();
    expect(await rowNames(page, caption)).toEqual(['2026-0001']);
    await main(page).getByLabel('Alleen over de termijn').uncheck();
    await main(page).getByLabel('Alleen aan mij toegewezen').check();
    await submitFilters(page);
    await expect.poll(() => page.url()).toContain('mine=true');
    await main(page).getByText('1 aanvraag gevonden').waitFor();
    expect(await rowNames(page, caption)).toEqual(['2026-0001']);
    await checkBothWidths(page, 'requests-queue-filtered');

    // Each number leads to its request.
    expect(
      await main(page).getByRole('link', { name: 'Aanvraag 2026-0001, Mila Jansen' }).getAttribute('href'),
    ).toMatch(/^\/requests\/[0-9a-f-]{36}$/);
    await page.context().close();
  });

  it("shows the IB'er what waits for the school on the home", async () => {
    const page = await signInPage(run, users.ib);
    const panel = main(page).getByRole('region', { name: 'Aanvragen van Basisschool De Regenboog' });
    const waiting = 'Aanvragen die de school nog moet indienen of aanvullen';
    // Sent back first, then the draft.
    expect(await rowNames(page, waiting)).toEqual(['2026-0004', '2026-0006']);
    await panel.getByText('Teruggestuurd: vul aan en stuur terug').waitFor();
    expect(await rowNames(page, 'Aanvragen die het samenwerkingsverband behandelt')).toEqual([
      '2026-0001',
      '2026-0003',
    ]);
    // Not the other school's.
    expect(await panel.getByText('2026-0002').count()).toBe(0);
    await checkBothWidths(page, 'requests-home-school-ib');
    await page.context().close();
  });

  it("lets the administrator give a request type its own deadline, and keeps a TLV the committee's", async () => {
    const page = await signInPage(run, users.admin);
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Soorten aanvragen' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Soorten aanvragen' }).waitFor();
    const table = main(page).getByRole('table', {
      name: 'De soorten aanvragen van het samenwerkingsverband',
    });
    const row = (name: string) =>
      table.locator('tbody tr').filter({ has: page.locator('th', { hasText: name }) });
    expect(await row(types.arrangement.name).innerText()).toContain(
      '10 werkdagen (van het samenwerkingsverband)',
    );
    expect(await row(types.crisis.name).innerText()).toContain('1 werkdag (van het samenwerkingsverband)');
    await checkBothWidths(page, 'admin-request-types');

    // The TLV's form says who decides instead of offering it.
    await main(page)
      .getByRole('link', { name: `${types.tlv.name} wijzigen` })
      .click();
    await main(page)
      .getByText('Over een toelaatbaarheidsverklaring (TLV) beslist altijd de commissie.')
      .waitFor();
    expect(await main(page).getByRole('radio', { name: 'Een consulent' }).count()).toBe(0);
    await main(page).getByRole('link', { name: 'Terug naar de soorten aanvragen' }).click();

    // The arrangement gets a deadline of its own, by keyboard.
    await main(page)
      .getByRole('link', { name: `${types.arrangement.name} wijzigen` })
      .click();
    await page.getByRole('heading', { level: 1, name: `${types.arrangement.name} wijzigen` }).waitFor();
    await main(page).getByRole('radio', { name: 'Een eigen termijn' }).check();
    const days = main(page).getByLabel('Aantal werkdagen');
    // Too many days first: the error says what to do, next to the field.
    await days.fill('61');
    await days.press('Enter');
    await main(page).getByRole('link', { name: 'Vul een aantal werkdagen in van 0 tot 60.' }).waitFor();
    await expectNoAxeViolations(page);
    await days.fill('5');
    await days.press('Enter');
    await main(page).getByText(`De wijzigingen in ${types.arrangement.name} zijn opgeslagen.`).waitFor();
    const [saved] = await run.database.db
      .select({ deadlineDays: requestType.deadlineDays })
      .from(requestType)
      .where(and(eq(requestType.swvId, swvId), eq(requestType.id, types.arrangement.id)));
    expect(saved?.deadlineDays).toBe(5);
    await checkBothWidths(page, 'admin-request-type-form');
    await main(page).getByRole('link', { name: 'Terug naar de soorten aanvragen' }).click();
    expect(await row(types.arrangement.name).innerText()).toContain('5 werkdagen');
    await page.context().close();
  });

  it('shows what granted arrangements commit against the budget, and warns when it is exceeded', async () => {
    const page = await signInPage(run, users.committee);
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Budget arrangementen' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Budget voor arrangementen' }).waitFor();
    await main(page)
      .getByRole('heading', { level: 2, name: `Budget en besteding ${schoolYear}` })
      .waitFor();
    const figures = await main(page).locator('dl').innerText();
    expect(figures).toMatch(/Budget\s+€\s?10\.000,00/);
    expect(figures).toMatch(/Vastgelegd door toekenningen\s+€\s?15\.000,00/);
    await main(page)
      .getByText(/kosten €\s?5\.000,00 meer dan het budget/)
      .waitFor();
    const perSchool = main(page).getByRole('table', { name: `Vastgelegd per school in ${schoolYear}` });
    expect(await perSchool.locator('tbody tr').first().innerText()).toMatch(
      /Basisschool Het Kompas\s+1\s+€\s?15\.000,00/,
    );
    // Only the administrator sets it.
    expect(await main(page).getByRole('button', { name: 'Budget opslaan' }).count()).toBe(0);
    await checkBothWidths(page, 'requests-budget');
    await page.context().close();

    // The administrator raises the budget: the warning goes.
    const admin = await signInPage(run, users.admin);
    await admin.goto('/requests/budget');
    const amount = main(admin).getByLabel(`Budget voor ${schoolYear}, in euro`);
    await expect.poll(() => amount.inputValue()).toBe('10000');
    await amount.fill('20.000');
    await amount.press('Enter');
    await main(admin).getByText(`Het budget voor ${schoolYear} is opgeslagen.`).waitFor();
    await expect.poll(() => main(admin).locator('dl').innerText()).toMatch(/Nog beschikbaar\s+€\s?5\.000,00/);
    expect(
      await main(admin)
        .getByText(/meer dan het budget/)
        .count(),
    ).toBe(0);
    await checkBothWidths(admin, 'requests-budget-admin');
    await admin.context().close();
  });
  it("lets the IB'er start a request for the school's team from the queue, by keyboard", async () => {
    const page = await signInPage(run, users.ib);
    await page.goto('/requests');
    const open = main(page).getByRole('button', { name: 'Nieuwe teamvraag' });
    await open.focus();
    await page.keyboard.press('Enter');
    // Focus is in the form's first field: the type (the IB'er works at one school).
    const type = main(page).getByLabel('Soort aanvraag');
    await expect.poll(() => type.evaluate((element) => element === document.activeElement)).toBe(true);
    // Only a team's types are offered.
    expect(await type.locator('option').allInnerTexts()).toEqual([
      'Kies…',
      'Scholing of ondersteuning voor een team',
    ]);
    await type.selectOption({ label: 'Scholing of ondersteuning voor een team' });
    await checkBothWidths(page, 'requests-team-new');
    await main(page).getByRole('button', { name: 'Aanvraag maken' }).press('Enter');
    await main(page)
      .getByRole('heading', { level: 1, name: /Scholing of ondersteuning voor een team/ })
      .waitFor();
    expect(page.url()).toMatch(/\/requests\/[0-9a-f-]{36}$/);
    await page.context().close();
  });
});

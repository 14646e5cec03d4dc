// The satisfaction survey in a real browser: the IB'er evaluates an arrangement, which closes it;
// the parent finds the survey on their home, answers it by keyboard alone (skipping a question),
// and cannot answer it twice; the SWV's policy staff see the aggregates with the small schools
// hidden and the open answers; the IB'er sees their own school only. axe on every page state, each
// also at 390 px; screenshots go to test-results/screenshots.
import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  requestType,
  supportRequest,
  surveyInvitation,
  surveyResponse,
} from '../../src/server/db/schema/index.ts';
import {
  announceSkipWithoutChromium,
  type BrowserRun,
  chromiumPath,
  expectNoAxeViolations,
  saveScreenshot,
  signInPage,
  startBrowserRun,
} from '../support/browser.ts';
import { aGuardian, aSchool, aStudent, aSwv, aTeam, aUser, type TestUser } from '../support/factories.ts';

announceSkipWithoutChromium('test/e2e/surveys.test.ts');

describe.skipIf(!chromiumPath)('the satisfaction survey in the browser', { timeout: 180_000 }, () => {
  let run: BrowserRun;
  const users = {} as Record<'ib' | 'parent' | 'policy', TestUser>;
  let requestId = '';
  let schoolYear = '';

  beforeAll(async () => {
    run = await startBrowserRun();
    const db = run.database.db;
    const swv = await aSwv(db, { name: 'Samenwerkingsverband De Vallei' });
    const regenboog = await aSchool(db, swv.id, { name: 'Basisschool De Regenboog' });
    const kompas = await aSchool(db, swv.id, { name: 'Basisschool Het Kompas' });
    const linde = await aSchool(db, swv.id, { name: 'Basisschool De Linde' });
    const person = (displayName: string, memberships: Parameters<typeof aUser>[2]) =>
      aUser(db, swv.id, memberships, { now: run.clock.now, displayName });
    users.ib = await person('Fatima El Amrani', [{ role: 'school_ib', schoolId: regenboog.id }]);
    users.parent = await person('Sandra Jansen', [{ role: 'parent' }]);
    users.policy = await person('Marieke Willems', [{ role: 'policy' }]);
    const consultant = await person('Joost van Dijk', [{ role: 'consultant' }]);
    await aTeam(db, swv.id, [regenboog.id], [consultant.id]);
    const mila = await aStudent(db, swv.id, regenboog.id, { givenName: 'Mila', familyName: 'Jansen' });
    await aGuardian(db, swv.id, mila.id, users.parent.id);
    const [arrangement] = await db
      .select()
      .from(requestType)
      .where(and(eq(requestType.swvId, swv.id), eq(requestType.code, 'arrangement')));
    const day = (offset: number) =>
      new Date(run.clock.now.getTime() + offset * 86_400_000).toLocaleDateString('sv-SE', {
        timeZone: 'Europe/Amsterdam',
      });
    requestId = uuidv7();
    // A granted arrangement that runs: the IB'er evaluates it in the test.
    await db.insert(supportRequest).values({
      swvId: swv.id,
      id: requestId,
      number: '2026-0042',
      typeId: arrangement!.id,
      schoolId: regenboog.id,
      studentId: mila.id,
      requestedByUserId: users.ib.id,
      state: 'in_progress',
      outcome: 'granted',
      completeOn: day(-60),
      deadlineOn: day(-46),
      decidedOn: day(-50),
      decidedByUserId: consultant.id,
      decisionReasons: 'Past bij de onderwijsbehoeften.',
      periodFrom: day(-45),
      periodUntil: day(-1),
      hoursGranted: '20',
    });
    const today = new Date(run.clock.now);
    const startYear = today.getMonth() >= 7 ? today.getFullYear() : today.getFullYear() - 1;
    schoolYear = `${startYear}-${startYear + 1}`;
    // Earlier answers: six at De Regenboog, five at De Linde, two at Het Kompas (hidden, and De
    // Linde with it, so the total does not give Het Kompas away).
    const earlier = [
      ...Array.from({ length: 6 }, () => regenboog.id),
      ...Array.from({ length: 5 }, () => linde.id),
      ...Array.from({ length: 2 }, () => kompas.id),
    ];
    await db.insert(surveyResponse).values(
      earlier.map((schoolId, index) => ({
        swvId: swv.id,
        id: crypto.randomUUID(),
        schoolId,
        requestTypeCode: 'arrangement',
        occasion: 'arrangement_ended' as const,
        respondent: 'parent' as const,
        schoolYear,
        month: `${startYear}-10`,
        listenedTo: 4,
        clearInformation: 3,
        helpFits: 4,
        result: (index % 3) + 3,
        overall: 4,
        openAnswer: schoolId === kompas.id ? 'Het duurde te lang.' : '',
      })),
    );
  });

  afterAll(async () => {
    expect(run?.problems ?? []).toEqual([]);
    await run?.close();
  });

  const main = (page: Page) => page.locator('main');
  /** axe and a screenshot, then the same at 390 px without sideways scrolling. */
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

  it('asks the parent after the arrangement is evaluated; the parent answers by keyboard, once', async () => {
    const ib = await signInPage(run, users.ib);
    await ib.goto(`/requests/${requestId}`);
    await main(ib).getByRole('button', { name: 'Evalueren' }).click();
    const evaluation = main(ib).getByRole('form', { name: 'Evalueren' });
    await evaluation.getByLabel('Hoe gingen de doelen?').selectOption({ label: 'Doelen bereikt' });
    await evaluation.getByRole('button', { name: 'Evaluatie opslaan' }).click();
    await main(ib).getByRole('status').getByText('De evaluatie is opgeslagen.').waitFor();
    await ib.context().close();

    const page = await signInPage(run, users.parent);
    const panel = main(page).getByRole('region', { name: 'Wat vond u van de hulp?' });
    await panel.getByText('Er staat een vragenlijst voor u klaar.').waitFor();
    const link = panel.getByRole('link', { name: /^Vragenlijst over .* voor Mila \(2026-0042\)$/ });
    await link.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /^Vragenlijst over/ }).waitFor();
    await checkBothWidths(page, 'survey-form');

    // By keyboard: in each group the chosen option ("Overslaan" at first) takes the focus, and the
    // arrow keys choose. 5, 4, skipped, 3, 4.
    const group = (name: string) => main(page).getByRole('group', { name });
    await group('Werd er goed naar u geluisterd?').getByRole('radio', { name: 'Overslaan' }).focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Tab');
    await page.keyboard.type('De begeleider nam de tijd voor ons.');
    expect(
      await group('Werd er goed naar u geluisterd?')
        .getByRole('radio', { name: '5 — helemaal wel' })
        .isChecked(),
    ).toBe(true);
    expect(
      await group('Was de informatie duidelijk?').getByRole('radio', { name: '4', exact: true }).isChecked(),
    ).toBe(true);
    expect(
      await group('Past de hulp bij uw kind?').getByRole('radio', { name: 'Overslaan' }).isChecked(),
    ).toBe(true);
    expect(
      await group('Heeft de hulp uw kind verder geholpen?')
        .getByRole('radio', { name: '3', exact: true })
        .isChecked(),
    ).toBe(true);
    expect(
      await group('Hoe tevreden bent u over het geheel?')
        .getByRole('radio', { name: '4', exact: true })
        .isChecked(),
    ).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Versturen');
    await page.keyboard.press('Enter');
    await main(page).getByRole('status').getByText('Dank u wel! Uw antwoorden zijn ontvangen.').waitFor();
    await checkBothWidths(page, 'survey-thanks');

    // Stored apart: the invitation answered, the answer with its context only.
    const [invitation] = await run.database.db
      .select()
      .from(surveyInvitation)
      .where(eq(surveyInvitation.requestId, requestId));
    expect(invitation?.answeredAt).not.toBeNull();
    const answers = await run.database.db
      .select()
      .from(surveyResponse)
      .where(eq(surveyResponse.openAnswer, 'De begeleider nam de tijd voor ons.'));
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({
      listenedTo: 5,
      clearInformation: 4,
      helpFits: null,
      result: 3,
      overall: 4,
    });

    // Gone from the list; its address now says it was answered.
    await main(page).getByRole('link', { name: 'Terug naar de vragenlijsten' }).click();
    await main(page).getByText('Er staan geen vragenlijsten voor u klaar.').waitFor();
    await page.goto(`/surveys/${invitation!.id}`);
    await main(page).getByText('Deze vragenlijst bestaat niet of is al ingevuld.').waitFor();
    await page.context().close();
  });

  it('shows the policy staff the aggregates, small schools hidden, with the open answers', async () => {
    const page = await signInPage(run, users.policy);
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Tevredenheid' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Tevredenheid van ouders' }).waitFor();
    await main(page).getByText('Aantal antwoorden: 14').waitFor();
    const questions = main(page).getByRole('table', { name: `Gemiddeld cijfer per vraag, ${schoolYear}` });
    const overall = questions.locator('tbody tr').filter({ hasText: 'Hoe tevreden bent u over het geheel?' });
    expect(await overall.innerText()).toMatch(/4[\s\S]*14[\s\S]*1: 0, 2: 0, 3: 0, 4: 14, 5: 0/);
    const schools = main(page).getByRole('table', { name: `Per school, ${schoolYear}` });
    const row = (name: string) =>
      schools.locator('tbody tr').filter({ has: page.locator('th', { hasText: name }) });
    expect(await row('Basisschool De Regenboog').innerText()).toContain('7');
    expect(await row('Basisschool Het Kompas').innerText()).toContain('verborgen');
    expect(await row('Basisschool De Linde').innerText()).toContain('verborgen');
    // The open answers, the hidden school's without its name.
    const open = main(page).getByRole('region', { name: 'Open antwoorden' });
    await open.getByText('De begeleider nam de tijd voor ons.').waitFor();
    expect(await open.getByText('Het duurde te lang.').count()).toBe(2);
    expect(await open.innerText()).not.toContain('Kompas');
    await checkBothWidths(page, 'survey-results-policy');

    // One school, chosen by keyboard; Het Kompas stays hidden when chosen alone.
    await main(page).getByLabel('School', { exact: true }).selectOption({ label: 'Basisschool Het Kompas' });
    await main(page).getByRole('button', { name: 'Toon' }).focus();
    await page.keyboard.press('Enter');
    await main(page)
      .getByText(/^Te weinig antwoorden om te tonen/)
      .waitFor();
    expect(page.url()).toContain('schoolId=');
    await checkBothWidths(page, 'survey-results-hidden');
    await page.context().close();
  });

  it("shows the IB'er their own school only, without the open answers", async () => {
    const page = await signInPage(run, users.ib);
    await page.goto('/surveys/results');
    await main(page).getByText('Basisschool De Regenboog: Aantal antwoorden: 7').waitFor();
    expect(
      await main(page)
        .getByRole('table', { name: /^Per school/ })
        .count(),
    ).toBe(0);
    expect(await main(page).getByRole('region', { name: 'Open antwoorden' }).count()).toBe(0);
    expect(await main(page).getByLabel('School', { exact: true }).count()).toBe(0);
    await checkBothWidths(page, 'survey-results-school');
    await page.context().close();
  });
});

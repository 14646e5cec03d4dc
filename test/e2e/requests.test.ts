// Requests and decisions in a real browser (issue 11, "Resolved when"): an IB'er starts an
// arrangement request for a child from the child's file, submits it while something is missing and
// is told what; the consultant sends it back with a reason, the IB'er supplements it, the
// consultant declares it complete (the clock starts and the deadline shows) and advises; the
// committee decides it, past a budget warning; the arrangement logs its delivery against the hours
// granted and is evaluated. A TLV gets the parents' view from the parent, two expert advices, and
// the committee's decision, which the parent then reads in plain words on a phone. axe checks every
// state; screenshots go to test-results/screenshots.
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amsterdamToday } from '../../src/domain/calendar.ts';
import { addWorkingDays, legalHolidaysOnly } from '../../src/domain/workingDays.ts';
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
  aPlan,
  aRequestBudget,
  aRequestTypeId,
  aSchool,
  aStudent,
  aSwv,
  aTeam,
  aUser,
  type MembershipSpec,
  signIn as signInByApi,
  type TestUser,
} from '../support/factories.ts';

announceSkipWithoutChromium('test/e2e/requests.test.ts');

describe.skipIf(!chromiumPath)('requests and decisions in the browser', { timeout: 180_000 }, () => {
  let run: BrowserRun;
  let swvId: string;
  let childId: string;
  let tlvTypeId: string;
  let arrangementPath = '';
  let tlvPath = '';
  const users = {} as Record<'ib' | 'consultant' | 'committee' | 'psychologist' | 'parent', TestUser>;

  beforeAll(async () => {
    run = await startBrowserRun();
    const db = run.database.db;
    const swv = await aSwv(db, { name: 'Samenwerkingsverband Passenderwijs' });
    swvId = swv.id;
    const school = await aSchool(db, swv.id, { name: 'Basisschool De Regenboog' });
    const child = await aStudent(db, swv.id, school.id, { givenName: 'Noor', familyName: 'Bakker' });
    childId = child.id;
    const person = (displayName: string, memberships: MembershipSpec[]) =>
      aUser(db, swv.id, memberships, { now: run.clock.now, displayName });
    users.ib = await person('Fatima El Amrani', [{ role: 'school_ib', schoolId: school.id }]);
    users.consultant = await person('Sander de Wit', [{ role: 'consultant' }]);
    users.psychologist = await person('Eva Jansen', [{ role: 'consultant' }]);
    users.committee = await person('Karin Visser', [{ role: 'committee' }]);
    users.parent = await person('Mark Bakker', [{ role: 'parent' }]);
    await aTeam(db, swv.id, [school.id], [users.consultant.id, users.psychologist.id]);
    await aGuardian(db, swv.id, child.id, users.parent.id);
    // The plan has its picture and a goal; the parents' consent for a request is not there yet.
    const { id: planId } = await aPlan(db, { swvId: swv.id, studentId: child.id, byUserId: users.ib.id });
    await db.execute(
      sql`update plan set strengths = 'Noor is behulpzaam en vertelt graag.' where id = ${planId}`,
    );
    tlvTypeId = await aRequestTypeId(db, swv.id, 'tlv_sbo');
    // A small budget for this school year, so the arrangement's decision goes over it.
    const today = amsterdamToday(run.clock.now);
    const startYear = Number(today.slice(0, 4)) - (today.slice(5) < '08-01' ? 1 : 0);
    await aRequestBudget(db, swv.id, `${startYear}-${startYear + 1}`, 100_000);
  });

  afterAll(async () => {
    expect(run?.problems ?? []).toEqual([]);
    await run?.close();
  });

  const main = (page: Page) => page.locator('main');
  const today = () => amsterdamToday(run.clock.now);
  const dutch = (date: string) =>
    new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric' }).format(
      new Date(`${date}T12:00:00Z`),
    );
  const status = (page: Page, text: string | RegExp) =>
    main(page).getByRole('status').getByText(text).waitFor();
  const stateIs = (page: Page, text: string) =>
    main(page).locator('.passend-request-facts').getByText(text, { exact: true }).waitFor();

  it("lets the IB'er start an arrangement request from the child's file and submit it, saying what is missing", async () => {
    const page = await signInPage(run, users.ib);
    await page.goto(`/students/${childId}/requests`);
    await main(page).getByText('Er zijn nog geen aanvragen voor Noor.').waitFor();
    await main(page).getByRole('button', { name: 'Nieuwe aanvraag' }).click();
    const form = main(page).getByRole('form', { name: 'Nieuwe aanvraag' });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-typeId');
    await form.getByRole('button', { name: 'Aanvraag maken' }).click();
    await main(page).getByRole('alert').getByText('Kies een soort aanvraag.').waitFor();
    await checkPage(page, 'request-new-error');
    await form.getByLabel('Soort aanvraag').selectOption({ label: 'Arrangement (extra ondersteuning)' });
    await form.getByRole('button', { name: 'Aanvraag maken' }).click();

    await main(page)
      .getByRole('heading', { level: 1, name: /^Arrangement / })
      .waitFor();
    arrangementPath = new URL(page.url()).pathname;
    const missing = main(page).getByRole('region', { name: 'Dit ontbreekt nog (1)' });
    await missing.getByText('Toestemming van de ouders voor de aanvraag').waitFor();
    await missing.getByRole('link', { name: 'Leg de toestemming vast bij Toestemming' }).waitFor();
    await stateIs(page, 'Concept');
    await main(page).getByText('Termijn loopt nog niet').waitFor();
    await checkPage(page, 'request-draft-school-ib');

    const edit = main(page).getByRole('form', { name: 'Aanvraag bewerken' });
    await edit
      .getByLabel('Wat vraagt de school?')
      .fill('Noor loopt twee jaar achter met lezen. Wij vragen een leesarrangement van 40 uur.');
    await edit
      .getByLabel('Wat heeft de school al geprobeerd?')
      .fill('Dagelijks duo-lezen en RT twee keer per week.');
    await edit.getByRole('button', { name: 'Opslaan en indienen' }).click();
    await status(page, 'De aanvraag is ingediend bij het samenwerkingsverband.');
    await stateIs(page, 'Ingediend');
    // Still missing, and said so to the school after submitting too.
    await main(page).getByRole('region', { name: 'Dit ontbreekt nog (1)' }).waitFor();
    await checkPage(page, 'request-submitted-school-ib');
    await page.context().close();
  });

  it('lets the consultant send it back as incomplete with a reason and a note', async () => {
    const page = await signInPage(run, users.consultant);
    await page.goto(arrangementPath);
    await main(page).getByRole('region', { name: 'Dit ontbreekt nog (1)' }).waitFor();
    await main(page).getByRole('button', { name: 'Terugsturen als niet compleet' }).click();
    const form = main(page).getByRole('form', { name: 'Terugsturen als niet compleet' });
    await form.getByRole('button', { name: 'Terugsturen naar de school' }).click();
    await main(page).getByRole('alert').getByText('Kies wat er ontbreekt.').waitFor();
    await form.getByLabel('Wat ontbreekt er?').selectOption({ label: 'Toestemming van de ouders ontbreekt' });
    await form.getByLabel('Toelichting voor de school').fill('Graag de getekende toestemming van de ouders.');
    await form.getByRole('button', { name: 'Terugsturen naar de school' }).click();
    await status(page, 'De aanvraag is teruggestuurd naar de school.');
    await stateIs(page, 'Teruggestuurd, niet compleet');
    const timeline = main(page).getByRole('region', { name: 'Tijdlijn' });
    await timeline.getByText('Reden: Toestemming van de ouders ontbreekt').waitFor();
    await timeline.getByText('Graag de getekende toestemming van de ouders.').waitFor();
    await checkPage(page, 'request-sent-back-consultant');
    await page.context().close();
  });

  it("lets the IB'er supplement it once the consent is there", async () => {
    await aConsent(run.database.db, {
      swvId,
      studentId: childId,
      givenByUserId: users.parent.id,
      purpose: 'request_arrangement',
      givenOn: today(),
    });
    const page = await signInPage(run, users.ib);
    await page.goto(arrangementPath);
    await main(page).getByText('De aanvraag is compleet: er ontbreekt niets.').waitFor();
    const edit = main(page).getByRole('form', { name: 'Aanvraag bewerken' });
    await edit.getByLabel('Mening van de ouders').fill('De ouders willen graag dat Noor extra hulp krijgt.');
    await edit.getByRole('button', { name: 'Opslaan en aanvulling indienen' }).click();
    await status(page, 'De aanvulling is ingediend.');
    await stateIs(page, 'Aangevuld');
    await page.context().close();
  });

  it('lets the consultant declare it complete, which starts the clock, and advise', async () => {
    const page = await signInPage(run, users.consultant);
    await page.goto(arrangementPath);
    await main(page).getByRole('button', { name: 'Compleet verklaren (de termijn start)' }).click();
    await status(page, 'De aanvraag is compleet verklaard. De termijn loopt.');
    const deadline = addWorkingDays(today(), 10, legalHolidaysOnly);
    await main(page)
      .getByText(`Nog 10 werkdagen, uiterlijk ${dutch(deadline)}`)
      .waitFor();
    await main(page).getByRole('button', { name: 'In behandeling nemen' }).click();
    await stateIs(page, 'In behandeling');

    await main(page).getByRole('button', { name: 'Advies geven' }).click();
    const advice = main(page).getByRole('form', { name: 'Advies geven' });
    await advice.getByLabel('Uw deskundigheid').selectOption({ label: 'Orthopedagoog' });
    await advice
      .getByLabel('Advies', { exact: true })
      .fill('Een leesarrangement van 40 uur bij een leesspecialist.');
    await advice.getByRole('button', { name: 'Advies opslaan' }).click();
    await status(page, 'Uw advies is opgeslagen.');
    await main(page)
      .getByRole('region', { name: 'Adviezen' })
      .getByRole('heading', { name: 'Sander de Wit, Orthopedagoog' })
      .waitFor();
    await checkPage(page, 'request-in-review-consultant');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await checkPage(page, 'request-in-review-consultant-390');
    await page.context().close();
  });

  it('lets the committee decide the arrangement, warning first that it goes over the budget', async () => {
    const page = await signInPage(run, users.committee);
    await page.goto(arrangementPath);
    const form = main(page).getByRole('form', { name: 'Besluit nemen' });
    await form.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await main(page).getByRole('alert').getByText('Kies een besluit.').waitFor();
    await form.getByLabel('Toegekend', { exact: true }).check();
    await form
      .getByLabel('Onderbouwing')
      .fill('De leesachterstand vraagt intensieve hulp van buiten de school.');
    await form.getByLabel('Van', { exact: true }).fill(today());
    await form.getByLabel('Tot en met').fill(addWorkingDays(today(), 60, legalHolidaysOnly));
    await form.getByLabel('Budget in euro').fill('2.500');
    await form.getByLabel('Uren toegekend').fill('40');
    await form.getByLabel('Aanbieder').fill('Leeskliniek Utrecht');
    await form.getByRole('button', { name: 'Besluit vastleggen' }).click();
    const warning = main(page).getByRole('alert').filter({ hasText: 'over het budget' });
    await warning.getByText('Er is nog € 1.000,00 over; dit besluit kost € 2.500,00.').waitFor();
    await checkPage(page, 'request-over-budget-committee');
    await warning.getByRole('button', { name: 'Toch vastleggen, boven het budget' }).click();
    await status(page, 'Het besluit is vastgelegd.');
    await stateIs(page, 'Besloten — Toegekend');
    await main(page).getByText('Besloten op tijd').waitFor();
    const decision = main(page).getByRole('region', { name: 'Besluit' });
    await decision.getByText(/^€\s2\.500,00$/).waitFor();
    await decision.getByText(/ door Karin Visser$/).waitFor();
    await checkPage(page, 'request-decided-committee');
    await page.context().close();
  });

  it('logs the delivery of the arrangement against the hours granted, and evaluates it', async () => {
    const page = await signInPage(run, users.consultant);
    await page.goto(arrangementPath);
    await main(page).getByRole('button', { name: 'Uitvoering starten' }).click();
    await stateIs(page, 'Loopt — Toegekend');
    await main(page).getByRole('button', { name: 'Levering vastleggen' }).click();
    const form = main(page).getByRole('form', { name: 'Levering vastleggen' });
    await form.getByLabel('Uren', { exact: true }).fill('6,5');
    await form.getByLabel('Gegeven door').fill('Anne de Groot, Leeskliniek Utrecht');
    await form.getByLabel('Voortgang van de doelen').fill('Noor leest vlotter; AVI M5 gehaald.');
    await form.getByRole('button', { name: 'Levering opslaan' }).click();
    await status(page, 'De levering is vastgelegd.');
    await main(page).getByText('6,5 van 40 toegekende uren geleverd').waitFor();
    await main(page)
      .getByRole('table', { name: 'Geleverde uren' })
      .getByText('Anne de Groot, Leeskliniek Utrecht')
      .waitFor();
    await checkPage(page, 'request-delivery');

    await main(page).getByRole('button', { name: 'Evalueren' }).click();
    const evaluation = main(page).getByRole('form', { name: 'Evalueren' });
    await evaluation.getByLabel('Hoe gingen de doelen?').selectOption({ label: 'Doelen deels bereikt' });
    await evaluation.getByLabel('Toelichting').fill('Vlotter, maar nog niet op niveau. Verlenging nodig.');
    await evaluation.getByRole('button', { name: 'Evaluatie opslaan' }).click();
    await status(page, 'De evaluatie is opgeslagen.');
    await stateIs(page, 'Geëvalueerd — Toegekend');
    await main(page).getByRole('region', { name: 'Besluit' }).getByText('Doelen deels bereikt').waitFor();
    await checkPage(page, 'request-evaluated');
    await page.context().close();
  });

  it("takes the parent's view of a TLV, which the committee decides on two advices", async () => {
    // The school's part and the advices through the API; the parent and the committee in the browser.
    const ib = await signInByApi(run, users.ib);
    const created = await ib.post(`/api/students/${childId}/requests`, { typeId: tlvTypeId });
    expect(created.statusCode, created.body).toBe(201);
    let tlv = created.json();
    tlvPath = `/requests/${tlv.id}`;
    tlv = (
      await ib.patch(`/api/requests/${tlv.id}`, {
        revision: tlv.revision,
        question: 'Noor heeft een plek op het SBO nodig: de school kan haar niet bieden wat ze nodig heeft.',
      })
    ).json();
    const submitted = await ib.post(`/api/requests/${tlv.id}/steps`, {
      step: 'submit',
      revision: tlv.revision,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);

    const parent = await signInPage(run, users.parent);
    await parent.goto(`/students/${childId}/requests`);
    await main(parent)
      .getByRole('link', { name: /^TLV speciaal basisonderwijs / })
      .click();
    await main(parent).getByRole('heading', { level: 2, name: 'Wat heeft de school gevraagd?' }).waitFor();
    await main(parent).getByText('Er is nog geen besluit.').waitFor();
    await checkPage(parent, 'request-tlv-parent-asked');
    await main(parent).getByRole('button', { name: 'Verstuur mijn mening' }).click();
    await main(parent).getByRole('alert').getByText('Schrijf uw mening.').waitFor();
    await main(parent)
      .getByLabel('Wat vindt u van deze aanvraag?')
      .fill('Wij denken ook dat Noor op het SBO beter op haar plek is.');
    await main(parent).getByRole('button', { name: 'Verstuur mijn mening' }).click();
    await status(parent, 'Dank u wel. Uw mening is opgeslagen.');
    await main(parent).getByText('Wij denken ook dat Noor op het SBO beter op haar plek is.').waitFor();
    await parent.context().close();

    // Two experts advise, one of them a psychologist; the consultant declares it complete.
    for (const [user, expertise] of [
      [users.psychologist, 'psycholoog'],
      [users.consultant, 'other'],
    ] as const) {
      const agent = await signInByApi(run, user);
      const advised = await agent.post(`/api/requests/${tlv.id}/advices`, {
        expertise,
        advice: 'Een plek op het SBO past bij wat Noor nodig heeft.',
      });
      expect(advised.statusCode, advised.body).toBe(200);
    }
    const consultant = await signInByApi(run, users.consultant);
    for (const step of ['accept_complete', 'start_review']) {
      const current = (await consultant.get(`/api/requests/${tlv.id}`)).json();
      const taken = await consultant.post(`/api/requests/${tlv.id}/steps`, {
        step,
        revision: current.revision,
      });
      expect(taken.statusCode, taken.body).toBe(200);
    }

    // A TLV costs the arrangements' budget nothing. (The server warns even then when the year is
    // already over budget, as the arrangement above made it; a larger budget keeps this part apart.)
    await run.database.db.execute(
      sql`update arrangement_budget set amount_cents = 10000000 where swv_id = ${swvId}`,
    );
    const page = await signInPage(run, users.committee);
    await page.goto(tlvPath);
    const advices = main(page).getByRole('region', { name: 'Adviezen' });
    await advices.getByRole('heading', { name: 'Eva Jansen, Psycholoog' }).waitFor();
    await advices.getByRole('heading', { name: 'Sander de Wit, Andere deskundige' }).waitFor();
    await main(page)
      .getByRole('region', { name: 'De aanvraag' })
      .getByText('Wij denken ook dat Noor op het SBO beter op haar plek is.')
      .waitFor();
    const form = main(page).getByRole('form', { name: 'Besluit nemen' });
    await form.getByLabel('Toegekend', { exact: true }).check();
    await form
      .getByLabel('Onderbouwing')
      .fill('Beide deskundigen adviseren het SBO, en de ouders zijn het ermee eens.');
    await form.getByLabel('Van', { exact: true }).fill(today());
    await form.getByLabel('Tot en met').fill(`${Number(today().slice(0, 4)) + 2}-07-31`);
    // Level 4 needs an OPP: the server's rule is said in words, and nothing is decided.
    await form
      .getByLabel('Ondersteuningsniveau vanaf de start')
      .selectOption({ label: 'Niveau 4 — extra ondersteuning' });
    await checkPage(page, 'request-tlv-decide-committee');
    await form.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await main(page)
      .getByRole('alert')
      .getByText('Niveau 4 vraagt een plan met ontwikkelingsperspectief (OPP).')
      .waitFor();
    await stateIs(page, 'In behandeling');
    await form
      .getByLabel('Ondersteuningsniveau vanaf de start')
      .selectOption({ label: 'Niveau 3 — met hulp van buiten de school' });
    await form.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await status(page, 'Het besluit is vastgelegd.');
    await stateIs(page, 'Besloten — Toegekend');
    await page.context().close();
  });

  it('lets the parent read the decision in plain words, on a phone and by keyboard', async () => {
    const page = await signInPage(run, users.parent);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/students/${childId}/requests`);
    // Tab to the TLV's link and open it with Enter.
    const link = main(page).getByRole('link', { name: /^TLV speciaal basisonderwijs / });
    await link.waitFor();
    await page.locator('body').focus();
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      if (await link.evaluate((element) => element === document.activeElement)) break;
    }
    await page.keyboard.press('Enter');
    await main(page).getByRole('heading', { level: 2, name: 'Wat is er besloten?' }).waitFor();
    await main(page).getByText('Noor krijgt de hulp waar de school om vroeg.').waitFor();
    await main(page)
      .getByText('Beide deskundigen adviseren het SBO, en de ouders zijn het ermee eens.')
      .waitFor();
    await main(page).getByRole('heading', { level: 2, name: 'Wat gebeurt er nu?' }).waitFor();
    // The decision as a letter, to keep.
    const [letter] = await Promise.all([
      page.waitForEvent('download'),
      main(page)
        .getByRole('link', { name: /^Besluit \S+ als brief \(PDF\)$/ })
        .click(),
    ]);
    expect(letter.suggestedFilename()).toMatch(/\.pdf$/);
    // No budgets or codes for parents, and no forms to change the request.
    expect(await main(page).getByRole('form').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await checkPage(page, 'request-tlv-decided-parent-390');
    await page.setViewportSize({ width: 1280, height: 800 });
    await checkPage(page, 'request-tlv-decided-parent');
    await page.context().close();
  });

  it('runs a crisis placement on its own clock of one working day', async () => {
    const ib = await signInByApi(run, users.ib);
    const crisisTypeId = await aRequestTypeId(run.database.db, swvId, 'crisis_placement');
    const created = (await ib.post(`/api/students/${childId}/requests`, { typeId: crisisTypeId })).json();
    const submitted = await ib.post(`/api/requests/${created.id}/steps`, {
      step: 'submit',
      revision: created.revision,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const consultant = await signInByApi(run, users.consultant);
    const accepted = await consultant.post(`/api/requests/${created.id}/steps`, {
      step: 'accept_complete',
      revision: submitted.json().revision,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);

    const page = await signInPage(run, users.ib);
    await page.goto(`/students/${childId}/requests`);
    const row = main(page)
      .getByRole('table', { name: 'Aanvragen voor Noor' })
      .getByRole('row')
      .filter({ hasText: 'Crisisplaatsing' });
    await row
      .getByText(`Nog 1 werkdag, uiterlijk ${dutch(addWorkingDays(today(), 1, legalHolidaysOnly))}`)
      .waitFor();
    await checkPage(page, 'requests-tab-school-ib');
    await page.context().close();
  });

  it('says a colleague changed the draft meanwhile, and loads the newer text on request; withdrawing asks first', async () => {
    const ib = await signInByApi(run, users.ib);
    const typeId = await aRequestTypeId(run.database.db, swvId, 'reading_clinic');
    const draft = (await ib.post(`/api/students/${childId}/requests`, { typeId })).json();
    const page = await signInPage(run, users.ib);
    await page.goto(`/requests/${draft.id}`);
    const edit = main(page).getByRole('form', { name: 'Aanvraag bewerken' });
    await edit.getByLabel('Wat vraagt de school?').fill('Mijn tekst.');
    const saved = await ib.patch(`/api/requests/${draft.id}`, {
      revision: draft.revision,
      question: 'De tekst van een collega.',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    await edit.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await main(page)
      .getByRole('alert')
      .getByText(
        'Iemand anders heeft deze aanvraag intussen gewijzigd. Laad de nieuwste versie en probeer het opnieuw.',
      )
      .waitFor();
    expect(await edit.getByLabel('Wat vraagt de school?').inputValue()).toBe('Mijn tekst.');
    await checkPage(page, 'request-conflict');
    await edit.getByRole('button', { name: 'Nieuwste versie laden' }).click();
    await expect
      .poll(() => edit.getByLabel('Wat vraagt de school?').inputValue())
      .toBe('De tekst van een collega.');

    await main(page).getByRole('button', { name: 'Aanvraag intrekken' }).click();
    await main(page)
      .getByText(/^Weet u zeker dat u deze aanvraag wilt intrekken\?/)
      .waitFor();
    await main(page).getByRole('button', { name: 'Ja, intrekken' }).click();
    await status(page, 'De aanvraag is ingetrokken.');
    await stateIs(page, 'Ingetrokken');
    await main(page).getByText('Geen termijn: ingetrokken').waitFor();
    await page.context().close();
  });
});

// Case meetings and consent in a real browser: the IB'er holds a meeting and takes an action into
// the plan; a parent gives consent to share with the buurtteam, which opens the file to the
// partner, and withdraws it, which closes it at once; the IB'er records a consent given on paper.
// axe checks every page; screenshots go to test-results/screenshots.
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partnerOrganisation, student } from '../../src/server/db/schema/index.ts';
import {
  announceSkipWithoutChromium,
  type BrowserRun,
  checkPage,
  chromiumPath,
  signInPage,
  startBrowserRun,
} from '../support/browser.ts';
import {
  aCaseMember,
  aGuardian,
  anActivePlan,
  aPartnerOrganisation,
  aSchool,
  aStudent,
  aSwv,
  aUser,
  type MembershipSpec,
  type TestUser,
} from '../support/factories.ts';

announceSkipWithoutChromium('test/e2e/casefile.test.ts');

describe.skipIf(!chromiumPath)('case meetings and consent in the browser', { timeout: 90_000 }, () => {
  let run: BrowserRun;
  let swvId: string;
  let noorId: string;
  const users = {} as Record<'ib' | 'parent' | 'partner', TestUser>;

  beforeAll(async () => {
    run = await startBrowserRun();
    const db = run.database.db;
    swvId = (await aSwv(db, { name: 'Samenwerkingsverband Passenderwijs' })).id;
    const school = await aSchool(db, swvId, { name: 'Basisschool De Regenboog' });
    const noor = await aStudent(db, swvId, school.id, {
      givenName: 'Noor',
      familyName: 'Berg',
      groupName: '5A',
    });
    await db
      .update(student)
      .set({ familyNamePrefix: 'van den', supportLevel: 3 })
      .where(eq(student.id, noor.id));
    noorId = noor.id;
    const buurtteam = await aPartnerOrganisation(db, swvId, [school.id]);
    await db
      .update(partnerOrganisation)
      .set({ name: 'Buurtteam Overvecht' })
      .where(eq(partnerOrganisation.id, buurtteam));
    const person = (displayName: string, memberships: MembershipSpec[]) =>
      aUser(db, swvId, memberships, { now: run.clock.now, displayName });
    users.ib = await person('Fatima El Amrani', [{ role: 'school_ib', schoolId: school.id }]);
    users.parent = await person('Karin van den Berg', [{ role: 'parent' }]);
    users.partner = await person('Esther Kok', [{ role: 'partner', partnerOrganisationId: buurtteam }]);
    await aGuardian(db, swvId, noor.id, users.parent.id);
    await aCaseMember(db, swvId, noor.id, users.partner.id);
  });

  afterAll(async () => {
    expect(run?.problems ?? []).toEqual([]);
    await run?.close();
  });

  const signIn = (user: TestUser) => signInPage(run, user);

  const main = (page: Page) => page.locator('main');
  const check = checkPage;

  it("lets the IB'er hold a meeting and take an agreed action into the plan", async () => {
    const page = await signIn(users.ib);
    await page.goto(`/students/${noorId}/meetings`);
    await main(page).getByText('Er is nog geen overleg over dit kind vastgelegd.').waitFor();
    await main(page).getByRole('button', { name: 'Nieuw overleg vastleggen' }).click();
    const form = main(page).getByRole('form', { name: 'Nieuw overleg' });
    // The IB'er is a participant already; an empty action row is refused next to its fields.
    expect(await form.getByLabel('Naam').first().inputValue()).toBe('Fatima El Amrani');
    await form.getByRole('button', { name: 'Actie toevoegen' }).click();
    await form.getByRole('button', { name: 'Overleg opslaan' }).click();
    const summary = main(page).getByRole('alert');
    await summary.getByText('Kies de soort overleg.').waitFor();
    await summary.getByText('Beschrijf de actie.').waitFor();
    await form.getByRole('group', { name: 'Actie 1' }).getByText('Kies wie de actie uitvoert.').waitFor();
    await check(page, 'meetings-form-errors');

    await form.getByLabel('Soort overleg').selectOption({ label: 'MDO' });
    await form.getByLabel('Datum van het overleg').fill('2026-11-20');
    await form.getByRole('button', { name: 'Nog iemand toevoegen' }).click();
    const second = form.getByRole('group', { name: 'Deelnemer 2' });
    await second.getByLabel('Naam').fill('Karin van den Berg');
    await second.getByLabel('Rol of organisatie').fill('moeder');
    await form.getByLabel('Verslag', { exact: true }).fill('Lezen gaat vooruit. Concentratie blijft lastig.');
    const action = form.getByRole('group', { name: 'Actie 1' });
    await action.getByLabel('Wat gaat er gebeuren').fill('Leesbegeleiding drie keer per week');
    await action.getByLabel('Wie doet het').selectOption({ label: 'School' });
    await form.getByRole('button', { name: 'Overleg opslaan' }).click();
    await main(page)
      .getByRole('status')
      .getByText('Het overleg van 20 november 2026 is vastgelegd.')
      .waitFor();
    const meeting = main(page).getByRole('article', { name: 'MDO op 20 november 2026' });
    await meeting.getByText('Karin van den Berg (moeder)').waitFor();

    // Without an active plan the action cannot go in: the page says what to do first.
    const toPlan = meeting.getByRole('button', {
      name: 'In het plan opnemen: Leesbegeleiding drie keer per week',
    });
    await toPlan.click();
    await main(page)
      .getByRole('alert')
      .getByText(/heeft nog geen actief plan/)
      .waitFor();
    await check(page, 'meetings-no-plan');

    await anActivePlan(run.database.db, { swvId, studentId: noorId, userId: users.ib.id });
    await toPlan.click();
    await main(page)
      .getByRole('status')
      .getByText('De actie “Leesbegeleiding drie keer per week” staat nu in het plan als afspraak.')
      .waitFor();
    await meeting.getByRole('cell', { name: 'Opgenomen in het plan' }).waitFor();
    await check(page, 'meetings-school-ib');
    await page.context().close();
  });

  it('opens the file to the partner with the parent’s consent, and closes it the moment it is withdrawn', async () => {
    const partner = await signIn(users.partner);
    await partner.goto(`/students/${noorId}`);
    await main(partner)
      .getByRole('heading', { level: 1, name: 'U heeft geen toegang tot dit dossier' })
      .waitFor();
    expect(await main(partner).innerText()).not.toContain('Noor');
    await check(partner, 'consent-partner-refused');

    const parent = await signIn(users.parent);
    await parent.goto(`/students/${noorId}/consent`);
    await main(parent).getByText('Er is nog geen toestemming gegeven.').waitFor();
    await main(parent).getByRole('button', { name: 'Toestemming geven' }).click();
    const form = main(parent).getByRole('form', { name: 'Toestemming geven' });
    await form.getByLabel(/Het dossier delen met een organisatie/).check();
    await form.getByRole('button', { name: 'Ik geef toestemming' }).click();
    await main(parent)
      .getByRole('alert')
      .getByText('Kies de organisatie die het dossier mag inzien.')
      .waitFor();
    await form.getByLabel('Met welke organisatie?').selectOption({ label: 'Buurtteam Overvecht' });
    await form.getByLabel(/Wat mag er gedeeld/).fill('Het plan en de verslagen, niet de medische gegevens');
    await form.getByRole('button', { name: 'Ik geef toestemming' }).click();
    await main(parent)
      .getByRole('status')
      .getByText(/De toestemming is vastgelegd/)
      .waitFor();
    const consent = main(parent).getByRole('article', { name: 'Het dossier delen met Buurtteam Overvecht' });
    await consent.getByText('Geldt nu').waitFor();
    await consent.getByText(/door Karin van den Berg, via Passend/).waitFor();
    await check(parent, 'consent-parent-given');

    await partner.reload();
    await main(partner).getByRole('heading', { level: 1, name: 'Noor van den Berg' }).waitFor();
    await partner
      .getByRole('navigation', { name: 'Onderdelen van het dossier' })
      .getByRole('link', { name: 'Overleg' })
      .click();
    await main(partner).getByRole('article', { name: 'MDO op 20 november 2026' }).waitFor();
    // A partner reads the meeting but takes nothing into the plan.
    expect(
      await main(partner)
        .getByRole('button', { name: /In het plan opnemen/ })
        .count(),
    ).toBe(0);
    await check(partner, 'meetings-partner-with-consent');

    await consent.getByRole('button', { name: 'Toestemming intrekken' }).click();
    await consent
      .getByText(
        'Als u de toestemming intrekt, kan Buurtteam Overvecht het dossier van Noor meteen niet meer inzien. Weet u het zeker?',
      )
      .waitFor();
    await check(parent, 'consent-parent-withdraw-question');
    await consent.getByRole('button', { name: 'Ja, intrekken' }).click();
    await main(parent)
      .getByRole('status')
      .getByText('De toestemming is ingetrokken. Dat geldt vanaf nu.')
      .waitFor();
    await expect.poll(() => consent.locator('.passend-consent-status').innerText()).toBe('Ingetrokken');
    await consent.getByText(/^Op .* door Karin van den Berg$/).waitFor();
    expect(await consent.getByRole('button', { name: 'Toestemming intrekken' }).count()).toBe(0);
    await check(parent, 'consent-parent-withdrawn');

    await partner.reload();
    await main(partner)
      .getByRole('heading', { level: 1, name: 'U heeft geen toegang tot dit dossier' })
      .waitFor();
    await partner.context().close();
    await parent.context().close();
  });

  it("lets the IB'er record a consent given on paper, asking for the proof", async () => {
    const page = await signIn(users.ib);
    await page.goto(`/students/${noorId}/consent`);
    await main(page).getByRole('article', { name: 'Het dossier delen met Buurtteam Overvecht' }).waitFor();
    await main(page).getByRole('button', { name: 'Toestemming vastleggen' }).click();
    const form = main(page).getByRole('form', { name: 'Toestemming van papier vastleggen' });
    await form.getByLabel('Extra ondersteuning aanvragen bij het samenwerkingsverband').check();
    await form.getByLabel('Wie heeft de toestemming gegeven').fill('K. van den Berg (moeder)');
    await form.getByRole('button', { name: 'Toestemming vastleggen' }).click();
    await main(page)
      .getByRole('alert')
      .getByText(/Beschrijf het bewijs/)
      .waitFor();
    expect(await form.getByLabel('Wie heeft de toestemming gegeven').inputValue()).toBe(
      'K. van den Berg (moeder)',
    );
    await check(page, 'consent-staff-form-errors');
    await form.getByLabel('Bewijs').fill('Getekend formulier van vandaag, in het leerlingdossier');
    await form.getByRole('button', { name: 'Toestemming vastleggen' }).click();
    const recorded = main(page).getByRole('article', {
      name: 'Extra ondersteuning aanvragen bij het samenwerkingsverband',
    });
    await recorded.getByText(/door K. van den Berg \(moeder\), op papier/).waitFor();
    await recorded.getByRole('definition').filter({ hasText: 'Fatima El Amrani' }).waitFor();
    await check(page, 'consent-school-ib');
    await page.context().close();
  });
});

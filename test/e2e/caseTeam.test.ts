// The case team and list minimisation in a real browser: the IB'er puts the buurtteam on a
// child's case, and with the parents' consent its worker reads the file; without consent, or
// after the membership's last day, they cannot; the parent sees the case team (also on a phone);
// a teacher's list shows only their own groups. axe checks every page; screenshots go to
// test-results/screenshots.
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amsterdamToday } from '../../src/domain/calendar.ts';
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
  aConsent,
  aGuardian,
  aPartnerOrganisation,
  aSchool,
  aStudent,
  aSwv,
  aUser,
  type MembershipSpec,
  type TestUser,
} from '../support/factories.ts';

announceSkipWithoutChromium('test/e2e/caseTeam.test.ts');

describe.skipIf(!chromiumPath)('the case team and the lists in the browser', { timeout: 300_000 }, () => {
  let run: BrowserRun;
  let schoolId: string;
  const children = {} as Record<'noor' | 'daan' | 'sem' | 'lotte', string>;
  const users = {} as Record<'ib' | 'parent' | 'partner' | 'teacher', TestUser>;

  beforeAll(async () => {
    run = await startBrowserRun();
    const db = run.database.db;
    const swvId = (await aSwv(db, { name: 'Samenwerkingsverband Passenderwijs' })).id;
    schoolId = (await aSchool(db, swvId, { name: 'Basisschool De Regenboog' })).id;
    const buurtteam = await aPartnerOrganisation(db, swvId, [schoolId]);
    await db
      .update(partnerOrganisation)
      .set({ name: 'Buurtteam Overvecht' })
      .where(eq(partnerOrganisation.id, buurtteam));
    const person = (displayName: string, memberships: MembershipSpec[]) =>
      aUser(db, swvId, memberships, { now: run.clock.now, displayName });
    users.ib = await person('Fatima El Amrani', [{ role: 'school_ib', schoolId }]);
    users.parent = await person('Karin van den Berg', [{ role: 'parent' }]);
    users.partner = await person('Esther Kok', [{ role: 'partner', partnerOrganisationId: buurtteam }]);
    users.teacher = await person('Joost Visser', [{ role: 'teacher', schoolId, groups: ['5A'] }]);
    const child = async (givenName: string, familyName: string, groupName: string) =>
      (await aStudent(db, swvId, schoolId, { givenName, familyName, groupName })).id;
    children.noor = await child('Noor', 'Berg', '5A');
    children.daan = await child('Daan', 'Jansen', '5A');
    children.sem = await child('Sem', 'de Wit', '5A');
    children.lotte = await child('Lotte', 'Smit', '7B');
    await db.update(student).set({ familyNamePrefix: 'van den' }).where(eq(student.id, children.noor));
    await aGuardian(db, swvId, children.noor, users.parent.id);
    // The parents of Noor and Sem consented to sharing with the buurtteam; Daan's did not.
    for (const studentId of [children.noor, children.sem]) {
      await aConsent(db, {
        swvId,
        studentId,
        givenByUserId: users.parent.id,
        partnerOrganisationId: buurtteam,
      });
    }
    await aCaseMember(db, swvId, children.daan, users.partner.id);
    const yesterday = amsterdamToday(new Date(run.clock.now.getTime() - 86_400_000));
    await aCaseMember(db, swvId, children.sem, users.partner.id, { validUntil: yesterday });
  });

  afterAll(async () => {
    expect(run?.problems ?? []).toEqual([]);
    await run?.close();
  });

  const main = (page: Page) => page.locator('main');
  const refused = (page: Page) =>
    main(page).getByRole('heading', { level: 1, name: 'U heeft geen toegang tot dit dossier' }).waitFor();

  /** Axe and a screenshot at 1280 px, then at 390 px, where nothing may scroll sideways. */
  async function checkBothWidths(page: Page, screenshot: string) {
    await checkPage(page, screenshot);
    await page.setViewportSize({ width: 390, height: 844 });
    await checkPage(page, `${screenshot}-390`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 800 });
  }

  it('lets a partner read the file once on the case team with the parents’ consent, until taken off', async () => {
    const partner = await signInPage(run, users.partner);
    await partner.goto(`/students/${children.noor}`);
    await refused(partner);

    const ib = await signInPage(run, users.ib);
    await ib.goto(`/students/${children.noor}/case-team`);
    await main(ib).getByText('Er staat nog niemand in het zorgteam.').waitFor();
    await main(ib).getByRole('button', { name: 'Iemand toevoegen aan het zorgteam' }).click();
    const form = main(ib).getByRole('form', { name: 'Iemand toevoegen aan het zorgteam' });
    // Focus goes into the form; an empty form is refused next to its fields, and keeps what was typed.
    await expect.poll(() => ib.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('kind');
    await form.getByLabel('Rol in het zorgteam').fill('Gezinscoach');
    await form.getByRole('button', { name: 'Toevoegen' }).click();
    const summary = main(ib).getByRole('alert');
    await summary.getByText('Kies een organisatie.').waitFor();
    await summary.getByText('Vul de reden in.').waitFor();
    expect(await form.getByLabel('Rol in het zorgteam').inputValue()).toBe('Gezinscoach');
    await checkPage(ib, 'case-team-form-errors');

    await form.getByLabel('Organisatie', { exact: true }).selectOption({ label: 'Buurtteam Overvecht' });
    await form.getByLabel('Reden').fill('Ondersteuning thuis bij de aanpak van het lezen');
    await form.getByRole('button', { name: 'Toevoegen' }).click();
    await main(ib)
      .getByRole('status')
      .getByText(/Iedereen van Buurtteam Overvecht zit in het zorgteam vanaf/)
      .waitFor();
    const member = main(ib).getByRole('article', { name: 'Iedereen van Buurtteam Overvecht' });
    await member.getByText('Doet nu mee').waitFor();
    await member.getByText('Ja, met toestemming van de ouders').waitFor();
    await checkBothWidths(ib, 'case-team-school-ib');

    await partner.reload();
    await main(partner).getByRole('heading', { level: 1, name: 'Noor van den Berg' }).waitFor();
    await checkPage(partner, 'case-team-partner-reads-file');

    const parent = await signInPage(run, users.parent);
    await parent.goto(`/students/${children.noor}/case-team`);
    const seen = main(parent).getByRole('article', { name: 'Iedereen van Buurtteam Overvecht' });
    await seen.getByText('Ondersteuning thuis bij de aanpak van het lezen').waitFor();
    await seen.getByRole('definition').filter({ hasText: 'Fatima El Amrani' }).waitFor();
    expect(await main(parent).getByRole('button').count()).toBe(0);
    await checkBothWidths(parent, 'case-team-parent');

    // Taken off by keyboard: the question, then "yes".
    await member.getByRole('button', { name: 'Uit het zorgteam halen' }).focus();
    await ib.keyboard.press('Enter');
    await member.getByText(/kan die het dossier van Noor meteen niet meer inzien/).waitFor();
    await member.getByRole('button', { name: 'Ja, uit het zorgteam halen' }).click();
    await main(ib)
      .getByRole('status')
      .getByText('Iedereen van Buurtteam Overvecht zit niet meer in het zorgteam. Dat geldt vanaf nu.')
      .waitFor();
    const history = main(ib).getByRole('region', { name: 'Eerder of later in het zorgteam' });
    await history
      .getByRole('article', { name: 'Iedereen van Buurtteam Overvecht' })
      .getByText('Gestopt')
      .first()
      .waitFor();
    await checkPage(ib, 'case-team-ended');

    await partner.reload();
    await refused(partner);
    for (const page of [ib, partner, parent]) await page.context().close();
  });

  it('keeps the file closed without the parents’ consent, and after the membership’s last day', async () => {
    const partner = await signInPage(run, users.partner);
    await partner.goto(`/students/${children.daan}`);
    await refused(partner);
    await partner.goto(`/students/${children.sem}`);
    await refused(partner);

    const ib = await signInPage(run, users.ib);
    await ib.goto(`/students/${children.daan}/case-team`);
    await main(ib)
      .getByRole('article', { name: 'Esther Kok, Buurtteam Overvecht' })
      .getByText('Nee, de ouders hebben (nog) geen toestemming gegeven')
      .waitFor();
    await checkPage(ib, 'case-team-without-consent');
    await ib.goto(`/students/${children.sem}/case-team`);
    const past = main(ib).getByRole('article', { name: 'Esther Kok, Buurtteam Overvecht' });
    await past.getByText('Periode voorbij').waitFor();
    await past.getByText('Nee, alleen in de periode dat iemand in het zorgteam zit').waitFor();
    await partner.context().close();
    await ib.context().close();
  });

  it('shows a teacher only the children of their own groups', async () => {
    const teacher = await signInPage(run, users.teacher);
    await teacher.goto(`/schools/${schoolId}/students`);
    await main(teacher).getByText('U ziet de leerlingen van uw groepen: 5A.').waitFor();
    await main(teacher).getByRole('link', { name: /Noor/ }).waitFor();
    const text = await main(teacher).innerText();
    for (const name of ['Daan', 'Sem']) expect(text).toContain(name);
    expect(text).not.toContain('Lotte');
    await checkBothWidths(teacher, 'student-list-teacher');

    // Every child the list shows opens.
    await main(teacher).getByRole('link', { name: /Noor/ }).click();
    await main(teacher).getByRole('heading', { level: 1, name: 'Noor van den Berg' }).waitFor();
    await teacher.context().close();
  });
});

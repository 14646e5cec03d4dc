// Every role's home page in a real browser, on one SWV with children at support levels 1 to 4 in
// two groups: each role signs in (SWV roles with their second factor), sees its own panel with what
// it needs, and not a name it has no business seeing. axe checks every home; screenshots go to
// test-results/screenshots.
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseMeeting, student } from '../../src/server/db/schema/index.ts';
import {
  announceSkipWithoutChromium,
  type BrowserRun,
  chromiumPath,
  expectNoAxeViolations,
  saveScreenshot,
  signInPage,
  startBrowserRun,
} from '../support/browser.ts';
import {
  aCaseMeeting,
  aCaseMember,
  aConsent,
  aGuardian,
  anOrganisationOnCase,
  aPartnerOrganisation,
  aPlan,
  aSchool,
  aStudent,
  aSwv,
  aTeam,
  aUser,
  type MembershipSpec,
  type TestUser,
} from '../support/factories.ts';

announceSkipWithoutChromium('test/e2e/homes.test.ts');

type ChildSpec = { given: string; prefix?: string; family: string; group: string; level: 1 | 2 | 3 | 4 };

// De Regenboog: two groups, every level in each, so each role's filter has something to leave out.
const regenboog = {
  sanne: { given: 'Sanne', prefix: 'de', family: 'Vries', group: '5A', level: 1 },
  daan: { given: 'Daan', family: 'Jansen', group: '5A', level: 1 },
  lotte: { given: 'Lotte', family: 'Bakker', group: '5A', level: 1 },
  yusuf: { given: 'Yusuf', family: 'Yılmaz', group: '5A', level: 2 },
  noor: { given: 'Noor', prefix: 'van den', family: 'Berg', group: '5A', level: 3 },
  mohammed: { given: 'Mohammed', family: 'El Idrissi', group: '5A', level: 4 },
  emma: { given: 'Emma', family: 'Smit', group: '7B', level: 1 },
  liam: { given: 'Liam', prefix: 'de', family: 'Jong', group: '7B', level: 1 },
  julia: { given: 'Julia', family: 'Mulder', group: '7B', level: 2 },
  sem: { given: 'Sem', family: 'Visser', group: '7B', level: 3 },
  zeynep: { given: 'Zeynep', family: 'Demir', group: '7B', level: 4 },
} satisfies Record<string, ChildSpec>;
// Another school in the SWV, outside the consultant's team and nobody else's business here.
const kompas = { given: 'Finn', prefix: 'van', family: 'Leeuwen', group: '6', level: 3 } satisfies ChildSpec;

type Name = keyof typeof regenboog;
const nameOf = (child: ChildSpec) => [child.given, child.prefix, child.family].filter(Boolean).join(' ');
const allNames = [...Object.values(regenboog).map(nameOf), nameOf(kompas)];
/** Every child's name except the given ones: what a home must not show. */
const namesExcept = (...shown: string[]) => allNames.filter((name) => !shown.includes(name));
const names = (...keys: Name[]) => keys.map((key) => nameOf(regenboog[key]));

describe.skipIf(!chromiumPath)("every role's home page in the browser", { timeout: 180_000 }, () => {
  let run: BrowserRun;
  const users = {} as Record<
    | 'ib'
    | 'director'
    | 'teacher'
    | 'consultant'
    | 'partner'
    | 'parent'
    | 'policy'
    | 'committee'
    | 'admin'
    | 'busyConsultant',
    TestUser
  >;
  /** Today in Europe/Amsterdam, give or take days: the server's clock runs at the real time. */
  const day = (offset: number) =>
    new Date(run.clock.now.getTime() + offset * 86_400_000).toLocaleDateString('sv-SE', {
      timeZone: 'Europe/Amsterdam',
    });

  beforeAll(async () => {
    run = await startBrowserRun();
    const db = run.database.db;
    const swv = await aSwv(db, { name: 'Samenwerkingsverband Passenderwijs' });
    const school = await aSchool(db, swv.id, { name: 'Basisschool De Regenboog' });
    const otherSchool = await aSchool(db, swv.id, { name: 'Basisschool Het Kompas' });

    async function aChild(schoolId: string, child: ChildSpec) {
      const row = await aStudent(db, swv.id, schoolId, {
        givenName: child.given,
        familyName: child.family,
        groupName: child.group,
      });
      await db
        .update(student)
        .set({ familyNamePrefix: child.prefix ?? '', supportLevel: child.level })
        .where(eq(student.id, row.id));
      return row.id;
    }
    const ids = {} as Record<Name, string>;
    for (const [key, child] of Object.entries(regenboog)) ids[key as Name] = await aChild(school.id, child);
    await aChild(otherSchool.id, kompas);

    const partnerOrganisation = await aPartnerOrganisation(db, swv.id, [school.id]);
    const person = (displayName: string, memberships: MembershipSpec[]) =>
      aUser(db, swv.id, memberships, { now: run.clock.now, displayName });
    users.ib = await person('Fatima El Amrani', [{ role: 'school_ib', schoolId: school.id }]);
    users.director = await person('Pieter de Boer', [{ role: 'school_director', schoolId: school.id }]);
    users.teacher = await person('Anouk Hendriks', [
      { role: 'teacher', schoolId: school.id, groups: ['5A'] },
    ]);
    users.consultant = await person('Joost van Dijk', [{ role: 'consultant' }]);
    users.partner = await person('Esther Kok', [
      { role: 'partner', partnerOrganisationId: partnerOrganisation },
    ]);
    users.parent = await person('Ahmed El Idrissi', [{ role: 'parent' }]);
    users.policy = await person('Marieke Willems', [{ role: 'policy' }]);
    users.committee = await person('Hanneke Vos', [{ role: 'committee' }]);
    users.admin = await person('Thomas Peters', [{ role: 'swv_admin' }]);
    await aTeam(db, swv.id, [school.id], [users.consultant.id]);
    await aGuardian(db, swv.id, ids.mohammed, users.parent.id);
    // The partner works on two cases; only Mohammed's parents consented to sharing.
    await aCaseMember(db, swv.id, ids.mohammed, users.partner.id);
    await aCaseMember(db, swv.id, ids.zeynep, users.partner.id);
    await aConsent(db, {
      swvId: swv.id,
      studentId: ids.mohammed,
      givenByUserId: users.parent.id,
      partnerOrganisationId: partnerOrganisation,
    });
    // Mohammed's plan awaits his parent's answer; the jeugdarts's organisation is on his case
    // without consent yet; a case meeting is planned next week.
    await aPlan(db, { swvId: swv.id, studentId: ids.mohammed, byUserId: users.ib.id });
    const jgz = await aPartnerOrganisation(db, swv.id, [school.id]);
    await anOrganisationOnCase(db, swv.id, ids.mohammed, jgz);
    const meeting = await aCaseMeeting(db, {
      swvId: swv.id,
      studentId: ids.mohammed,
      createdByUserId: users.ib.id,
    });
    await db
      .update(caseMeeting)
      .set({ heldOn: day(7) })
      .where(eq(caseMeeting.id, meeting.id));
    // Sem's plan is past its evaluation date: the director sees it overdue.
    await aPlan(db, { swvId: swv.id, studentId: ids.sem, byUserId: users.ib.id, evaluationDueOn: day(-3) });

    // Another SWV where a consultant's team has 23 schools and 25 plans due: lists to page through.
    const big = await aSwv(db, { name: 'Samenwerkingsverband Groot' });
    users.busyConsultant = await aUser(db, big.id, [{ role: 'consultant' }], {
      now: run.clock.now,
      displayName: 'Iris Bos',
    });
    const bigIb = await aUser(db, big.id, [{ role: 'school_ib', schoolId: (await aSchool(db, big.id)).id }]);
    const schools = [];
    for (let n = 1; n <= 23; n++) {
      schools.push(
        await aSchool(db, big.id, {
          name: `School ${String(n).padStart(2, '0')}`,
          kind: n % 5 === 0 ? 'sbo' : 'bao',
        }),
      );
    }
    await aTeam(
      db,
      big.id,
      schools.map((s) => s.id),
      [users.busyConsultant.id],
    );
    // School 03 has many children (the most pupils); School 07 and 12 have plans due.
    for (let n = 0; n < 30; n++) {
      const at = n < 15 ? schools[6]! : n < 25 ? schools[11]! : schools[2]!;
      const child = await aStudent(db, big.id, at.id, {
        givenName: `Kind${String(n + 1).padStart(2, '0')}`,
        familyName: n % 2 ? 'Pauw' : 'Akkerman',
        groupName: '6',
      });
      if (n < 25)
        await aPlan(db, {
          swvId: big.id,
          studentId: child.id,
          byUserId: bigIb.id,
          evaluationDueOn: day(n % 3 === 0 ? -10 + n : 5),
        });
    }
    for (let n = 0; n < 6; n++)
      await aStudent(db, big.id, schools[2]!.id, {
        givenName: `Extra${n}`,
        familyName: 'Drie',
        groupName: '1',
      });
  });

  afterAll(async () => {
    expect(run?.problems ?? []).toEqual([]);
    await run?.close();
  });

  /** Signs in through the login page; an SWV role gives a fresh code from its authenticator. */
  const signIn = (user: TestUser) => signInPage(run, user);

  const main = (page: Page) => page.locator('main');
  const panelHeadings = (page: Page) => main(page).getByRole('heading', { level: 2 }).allTextContents();
  /** The first column of a table, by its caption: the rows' names. */
  async function rowNames(page: Page, caption: string): Promise<string[]> {
    const table = main(page).getByRole('table', { name: caption });
    await table.waitFor();
    return (await table.locator('tbody th').allTextContents()).map((text) => text.trim());
  }
  /** The number in the row with the given header, in the table with the given caption. */
  async function cellOf(page: Page, caption: string, row: string, column = 1): Promise<string> {
    const table = main(page).getByRole('table', { name: caption });
    const tr = table.locator('tbody tr').filter({ has: page.locator('th', { hasText: row }) });
    return (
      (await tr
        .locator('td')
        .nth(column - 1)
        .textContent()) ?? ''
    ).trim();
  }
  async function expectNoneOf(page: Page, hidden: string[]) {
    const text = (await main(page).innerText()) ?? '';
    expect(hidden.filter((name) => text.includes(name))).toEqual([]);
  }
  async function finish(page: Page, screenshot: string) {
    await expect.poll(() => main(page).getByRole('status').count()).toBe(0);
    expect(await main(page).getByRole('alert').count()).toBe(0);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, screenshot);
    await page.context().close();
  }

  it("shows the IB'er the school's levels and the children at level 3 and 4", async () => {
    const page = await signIn(users.ib);
    await main(page).getByText('Intern begeleider', { exact: true }).waitFor();
    const shown = names('zeynep', 'mohammed', 'noor', 'sem');
    // Level 4 first, then by family name.
    expect(await rowNames(page, 'Leerlingen op niveau 3 en 4')).toEqual(shown);
    // The school's requests first (none yet), then its children.
    expect(await panelHeadings(page)).toEqual([
      'Aanvragen van Basisschool De Regenboog',
      'Overstappen',
      'Ondersteuning op Basisschool De Regenboog',
    ]);
    await main(page).getByText('Er wacht geen aanvraag op de school.').waitFor();
    const levels = 'Aantal leerlingen per ondersteuningsniveau';
    expect(await cellOf(page, levels, 'Niveau 1')).toBe('5');
    expect(await cellOf(page, levels, 'Niveau 2')).toBe('2');
    expect(await cellOf(page, levels, 'Niveau 3')).toBe('2');
    expect(await cellOf(page, levels, 'Niveau 4')).toBe('2');
    await expectNoneOf(page, namesExcept(...shown));
    await finish(page, 'home-role-school-ib');
  });

  it("shows the director the school's own home: figures, overdue evaluations, plans on hold", async () => {
    const page = await signIn(users.director);
    await main(page).getByText('Directeur', { exact: true }).waitFor();
    expect(await panelHeadings(page)).toEqual(['Overstappen', 'Basisschool De Regenboog in één oogopslag']);
    const levels = 'Aantal leerlingen per ondersteuningsniveau';
    expect(await cellOf(page, levels, 'Niveau 4')).toBe('2');
    // Mohammed's and Sem's plans wait for the parents; neither is a draft.
    const stages = 'Lopende plannen per stand';
    expect(await cellOf(page, stages, 'Wacht op de ouders')).toBe('2');
    expect(await cellOf(page, stages, 'Nog niet af')).toBe('0');
    expect(await rowNames(page, 'Plannen waarvan de evaluatiedatum voorbij is')).toEqual(names('sem'));
    expect(await rowNames(page, 'Plannen die nog niet af zijn of op de ouders wachten')).toEqual(
      names('mohammed', 'sem'),
    );
    // Not the IB'er's home: no list of every child at level 3 and 4.
    expect(await main(page).getByRole('table', { name: 'Leerlingen op niveau 3 en 4' }).count()).toBe(0);
    await expectNoneOf(page, namesExcept(...names('mohammed', 'sem')));
    await finish(page, 'home-role-school-director');
  });

  it("shows the teacher only the own group's children at level 2 or higher", async () => {
    const page = await signIn(users.teacher);
    // By level, highest first.
    const shown = names('mohammed', 'noor', 'yusuf');
    expect(await rowNames(page, 'Leerlingen in uw groepen die extra ondersteuning krijgen')).toEqual(shown);
    expect(await panelHeadings(page)).toEqual(['Uw groepen op Basisschool De Regenboog']);
    await main(page).getByText('Leerlingen van groep 5A met ondersteuningsniveau 2 of hoger.').waitFor();
    // Level 1 in the own group, and all of group 7B, stay out of sight.
    await expectNoneOf(page, namesExcept(...shown));
    expect(await main(page).getByRole('cell', { name: '7B' }).count()).toBe(0);
    await finish(page, 'home-role-teacher');
  });

  it("shows the consultant the team's school first, with counts, and only the plan due", async () => {
    const page = await signIn(users.consultant);
    const caption = 'Scholen met het aantal leerlingen op niveau 3 en 4';
    expect(await rowNames(page, caption)).toEqual(['Basisschool De Regenboog']);
    // The queue of requests first, the children past the red line, their schools, then the plans due:
    // only Sem's, past its date.
    expect(await panelHeadings(page)).toEqual([
      'Open aanvragen',
      'Thuiszitters over de rode lijn',
      'Overstappen van de scholen van uw team',
      'Scholen van uw team',
      'Plannen die geëvalueerd moeten worden',
    ]);
    expect(await rowNames(page, 'Plannen op Basisschool De Regenboog die geëvalueerd moeten worden')).toEqual(
      names('sem'),
    );
    // Columns: kind, district, pupils, level 3, level 4, plans due.
    expect(await cellOf(page, caption, 'Basisschool De Regenboog', 3)).toBe('11');
    expect(await cellOf(page, caption, 'Basisschool De Regenboog', 4)).toBe('2');
    expect(await cellOf(page, caption, 'Basisschool De Regenboog', 5)).toBe('2');
    expect(await cellOf(page, caption, 'Basisschool De Regenboog', 6)).toBe('1');
    await main(page).getByText('1–1 van 1').first().waitFor();
    await expectNoneOf(page, [...namesExcept(...names('sem')), 'Basisschool Het Kompas']);
    await finish(page, 'home-role-consultant');
  });

  it('lets a busy consultant page, sort and filter the lists by keyboard', async () => {
    const page = await signIn(users.busyConsultant);
    const schools = 'Scholen met het aantal leerlingen op niveau 3 en 4';
    const schoolsPanel = main(page).getByRole('region', { name: 'Scholen van uw team' });
    expect((await rowNames(page, schools)).slice(0, 3)).toEqual(['School 01', 'School 02', 'School 03']);
    await schoolsPanel.getByText('1–20 van 23').waitFor();
    // The next page by keyboard: focus stays on the button, the range moves on.
    const next = schoolsPanel.getByRole('button', { name: 'Volgende pagina' });
    await next.focus();
    await page.keyboard.press('Enter');
    await schoolsPanel.getByText('21–23 van 23').waitFor();
    expect(await rowNames(page, schools)).toEqual(['School 21', 'School 22', 'School 23']);
    expect(await next.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await next.getAttribute('aria-disabled')).toBe('true');
    await saveScreenshot(page, 'home-consultant-schools-page-2');

    // Sort by pupils with the header's button: Enter sorts ascending, Space turns it around.
    const pupils = schoolsPanel.getByRole('button', { name: /^Leerlingen/ });
    await pupils.focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => schoolsPanel.locator('th[aria-sort="ascending"]').textContent())
      .toMatch(/Leerlingen/);
    await page.keyboard.press('Space');
    await expect
      .poll(() => schoolsPanel.locator('th[aria-sort="descending"]').textContent())
      .toMatch(/Leerlingen/);
    await schoolsPanel.getByText('1–20 van 23').waitFor();
    await expect
      .poll(async () => (await rowNames(page, schools)).slice(0, 3))
      .toEqual(['School 07', 'School 03', 'School 12']);
    expect(await schoolsPanel.locator('th[aria-sort="none"]').count()).toBe(6);

    // Filter by kind with the keyboard: choose SBO and press Enter in the form.
    await schoolsPanel.getByLabel('Soort').selectOption({ label: 'Speciaal basisonderwijs (SBO)' });
    await schoolsPanel.getByLabel('Naam of wijk').focus();
    await page.keyboard.press('Enter');
    await schoolsPanel.getByText('1–4 van 4').waitFor();
    // Still by pupils, most first; none of them has pupils, so by name.
    expect(await rowNames(page, schools)).toEqual(['School 05', 'School 10', 'School 15', 'School 20']);

    // The plans due: by school first, a table per school; 25 plans, 20 on the first page.
    const plans = main(page).getByRole('region', { name: 'Plannen die geëvalueerd moeten worden' });
    await plans.getByText('1–20 van 25').waitFor();
    expect(await plans.getByRole('heading', { level: 3 }).allTextContents()).toEqual([
      'School 07',
      'School 12',
    ]);
    expect(
      await plans
        .getByRole('table', { name: 'Plannen op School 07 die geëvalueerd moeten worden' })
        .locator('tbody tr')
        .count(),
    ).toBe(15);
    // Only the overdue ones, by keyboard.
    await plans.getByLabel('Evaluatie').selectOption({ label: 'Te laat' });
    await plans.getByLabel('Naam van het kind').focus();
    await page.keyboard.press('Enter');
    await plans.getByText('1–4 van 4').waitFor();
    // Sorted by name instead: one table with a school column.
    const byName = plans.getByRole('button', { name: /^Naam/ }).first();
    await byName.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => plans.getByRole('table').count()).toBe(1);
    await expect
      .poll(() => rowNames(page, 'Plannen met een evaluatie binnen twee weken of te laat'))
      .toEqual(['Kind01 Akkerman', 'Kind07 Akkerman', 'Kind04 Pauw', 'Kind10 Pauw']);
    await plans.getByLabel('Naam van het kind').fill('kind04');
    await page.keyboard.press('Enter');
    await plans.getByText('1–1 van 1').waitFor();
    await finish(page, 'home-consultant-lists');
  });

  it('fits the consultant home on a 390 px phone', async () => {
    const page = await signIn(users.busyConsultant);
    await page.setViewportSize({ width: 390, height: 844 });
    await main(page).getByText('1–20 van 23').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await finish(page, 'home-consultant-390');
  });

  it('shows the consultant the lists as pages of their own from the menu', async () => {
    const page = await signIn(users.busyConsultant);
    await page.getByRole('link', { name: 'Evaluaties' }).click();
    await page.getByRole('heading', { level: 1, name: 'Plannen die geëvalueerd moeten worden' }).waitFor();
    await main(page).getByText('1–20 van 25').waitFor();
    await page.getByRole('link', { name: 'Scholen', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Scholen van uw team' }).waitFor();
    await finish(page, 'home-consultant-schools-page');
  });

  it('shows the partner the consented case only, and how many wait for consent', async () => {
    const page = await signIn(users.partner);
    const caption = 'Kinderen van wie de ouders toestemming gaven om het dossier met uw organisatie te delen';
    expect(await rowNames(page, caption)).toEqual(names('mohammed'));
    expect(await panelHeadings(page)).toEqual(['Uw casussen']);
    await main(page).getByText('Wachten op toestemming van de ouders: 1').waitFor();
    await expectNoneOf(page, namesExcept(...names('mohammed')));
    await finish(page, 'home-role-partner');
  });

  it('shows the parent what waits for them first, each linking to it, then their own child only', async () => {
    const page = await signIn(users.parent);
    expect(await panelHeadings(page)).toEqual(['Wat op u wacht', 'Uw kinderen']);
    const waiting = main(page).getByRole('region', { name: 'Wat op u wacht' });
    const links = waiting.getByRole('link');
    await expect.poll(() => links.count()).toBe(3);
    expect(await links.allTextContents()).toEqual([
      'Lees het plan van Mohammed (versie 1) en laat weten of u akkoord gaat',
      expect.stringMatching(/^Geef of weiger toestemming om het dossier van Mohammed te delen met /),
      expect.stringMatching(/^Overleg over Mohammed op .+: u bent uitgenodigd$/),
    ]);
    expect(await rowNames(page, 'Uw kinderen met hun school en groep')).toEqual(names('mohammed'));
    await main(page).getByRole('cell', { name: 'Basisschool De Regenboog' }).waitFor();
    await expectNoneOf(page, namesExcept(...names('mohammed')));
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'home-role-parent');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'home-role-parent-390');
    // By keyboard: the first link leads to the plan.
    await links.first().focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/students\/[^/]+\/plan$/);
    await page.goto('/children');
    await page.getByRole('heading', { level: 1, name: 'Uw kinderen' }).waitFor();
    await finish(page, 'home-parent-children-page-390');
  });

  it('shows the committee its queue first, then the counts that matter to its decisions', async () => {
    const page = await signIn(users.committee);
    expect(await panelHeadings(page)).toEqual([
      'Open aanvragen',
      'Thuiszitters over de rode lijn',
      'Toewijzingscommissie',
    ]);
    await main(page)
      .getByText(/Er zijn geen open aanvragen/)
      .waitFor();
    const caption = 'Wat er nu in het samenwerkingsverband is';
    expect(await cellOf(page, caption, 'Scholen')).toBe('2');
    // Two children at level 4: too few to show.
    expect(await cellOf(page, caption, 'Leerlingen met extra ondersteuning')).toBe('afgeschermd');
    await expectNoneOf(page, allNames);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'home-role-committee');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await finish(page, 'home-role-committee-390');
  });

  it('shows policy staff the figures with small cells hidden, and no child', async () => {
    const page = await signIn(users.policy);
    expect(await panelHeadings(page)).toEqual([
      'Thuiszitters over de rode lijn',
      'Kerncijfers van het samenwerkingsverband',
    ]);
    await main(page).getByRole('link', { name: 'naar de monitor' }).waitFor();
    await main(page).getByText('Leerlingen in totaal: 12').waitFor();
    expect(await cellOf(page, 'Scholen per soort', 'Basisonderwijs')).toBe('2');
    // 5 / 2 / 3 / 2 children at levels 1 to 4: the cells under five are hidden, the five is shown.
    const levels = 'Leerlingen per ondersteuningsniveau';
    expect(await cellOf(page, levels, 'Niveau 1')).toBe('5');
    for (const level of [2, 3, 4])
      expect(await cellOf(page, levels, `Niveau ${level}`), `level ${level}`).toBe('afgeschermd');
    await expectNoneOf(page, allNames);
    await finish(page, 'home-role-policy');
  });

  it('shows the SWV administrator what there is to manage, and no child', async () => {
    const page = await signIn(users.admin);
    expect(await rowNames(page, 'Wat u beheert')).toEqual([
      'Scholen',
      'Besturen',
      'Teams',
      'Partnerorganisaties',
      'Gebruikers',
    ]);
    expect(await panelHeadings(page)).toEqual([
      'Thuiszitters over de rode lijn',
      'Beheer van het samenwerkingsverband',
    ]);
    expect(await cellOf(page, 'Wat u beheert', 'Scholen')).toBe('2');
    expect(await cellOf(page, 'Wat u beheert', 'Besturen')).toBe('0');
    expect(await cellOf(page, 'Wat u beheert', 'Teams')).toBe('1');
    expect(await cellOf(page, 'Wat u beheert', 'Partnerorganisaties')).toBe('2');
    expect(await cellOf(page, 'Wat u beheert', 'Gebruikers')).toBe('9');
    await main(page).getByRole('link', { name: 'Scholen' }).waitFor();
    await main(page)
      .getByRole('link', { name: /gemeenten en vakantieregio/ })
      .waitFor();
    await expectNoneOf(page, allNames);
    await finish(page, 'home-role-swv-admin');
  });
});

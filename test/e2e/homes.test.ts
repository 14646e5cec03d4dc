// Every role's home page in a real browser, on one SWV with children at support levels 1 to 4 in
// two groups: each role signs in (SWV roles with their second factor), sees its own panel with what
// it needs, and not a name it has no business seeing. axe checks every home; screenshots go to
// test-results/screenshots.
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { student } from '../../src/server/db/schema/index.ts';
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
  aCaseMember,
  aConsent,
  aGuardian,
  aPartnerOrganisation,
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

describe.skipIf(!chromiumPath)("every role's home page in the browser", { timeout: 60_000 }, () => {
  let run: BrowserRun;
  const users = {} as Record<
    'ib' | 'director' | 'teacher' | 'consultant' | 'partner' | 'parent' | 'policy' | 'admin',
    TestUser
  >;

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
    expect(await panelHeadings(page)).toEqual(['Ondersteuning op Basisschool De Regenboog']);
    const levels = 'Aantal leerlingen per ondersteuningsniveau';
    expect(await cellOf(page, levels, 'Niveau 1')).toBe('5');
    expect(await cellOf(page, levels, 'Niveau 2')).toBe('2');
    expect(await cellOf(page, levels, 'Niveau 3')).toBe('2');
    expect(await cellOf(page, levels, 'Niveau 4')).toBe('2');
    await expectNoneOf(page, namesExcept(...shown));
    await finish(page, 'home-role-school-ib');
  });

  it('shows the director the same school panel', async () => {
    const page = await signIn(users.director);
    await main(page).getByText('Directeur', { exact: true }).waitFor();
    const shown = names('zeynep', 'mohammed', 'noor', 'sem');
    // Level 4 first, then by family name.
    expect(await rowNames(page, 'Leerlingen op niveau 3 en 4')).toEqual(shown);
    expect(await panelHeadings(page)).toEqual(['Ondersteuning op Basisschool De Regenboog']);
    await expectNoneOf(page, namesExcept(...shown));
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

  it("shows the consultant the team's school with counts, and no child", async () => {
    const page = await signIn(users.consultant);
    const caption = 'Scholen met het aantal leerlingen op niveau 3 en 4';
    expect(await rowNames(page, caption)).toEqual(['Basisschool De Regenboog']);
    // No plan here is due for evaluation: that panel says so, and names no child.
    expect(await panelHeadings(page)).toEqual([
      'Plannen die geëvalueerd moeten worden',
      'Scholen van uw team',
    ]);
    await main(page).getByText('Er hoeft de komende twee weken geen plan geëvalueerd te worden.').waitFor();
    // Columns: kind, district, pupils, level 3, level 4.
    expect(await cellOf(page, caption, 'Basisschool De Regenboog', 3)).toBe('11');
    expect(await cellOf(page, caption, 'Basisschool De Regenboog', 4)).toBe('2');
    expect(await cellOf(page, caption, 'Basisschool De Regenboog', 5)).toBe('2');
    await expectNoneOf(page, [...allNames, 'Basisschool Het Kompas']);
    await finish(page, 'home-role-consultant');
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

  it('shows the parent their own child only', async () => {
    const page = await signIn(users.parent);
    expect(await rowNames(page, 'Uw kinderen met hun school en groep')).toEqual(names('mohammed'));
    expect(await panelHeadings(page)).toEqual(['Uw kinderen']);
    await main(page).getByRole('cell', { name: 'Basisschool De Regenboog' }).waitFor();
    await expectNoneOf(page, namesExcept(...names('mohammed')));
    await finish(page, 'home-role-parent');
  });

  it('shows policy staff the figures with small cells hidden, and no child', async () => {
    const page = await signIn(users.policy);
    expect(await panelHeadings(page)).toEqual(['Kerncijfers van het samenwerkingsverband']);
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
    expect(await panelHeadings(page)).toEqual(['Beheer van het samenwerkingsverband']);
    expect(await cellOf(page, 'Wat u beheert', 'Scholen')).toBe('2');
    expect(await cellOf(page, 'Wat u beheert', 'Besturen')).toBe('0');
    expect(await cellOf(page, 'Wat u beheert', 'Teams')).toBe('1');
    expect(await cellOf(page, 'Wat u beheert', 'Partnerorganisaties')).toBe('1');
    expect(await cellOf(page, 'Wat u beheert', 'Gebruikers')).toBe('8');
    await main(page).getByRole('link', { name: 'Scholen' }).waitFor();
    await main(page)
      .getByRole('link', { name: /gemeenten en vakantieregio/ })
      .waitFor();
    await expectNoneOf(page, allNames);
    await finish(page, 'home-role-swv-admin');
  });
});

// The web app on a phone (390 × 844) and by keyboard: the main pages of every role fit the screen
// (nothing wider than the window, no badge cut off), tables read as a list of cards that keep their
// table semantics, the header is one line with a menu button that works by keyboard, the child's
// header leaves room for the file itself, and focus goes to the page's heading after navigation and
// to the results after a search. axe checks every page; screenshots go to test-results/screenshots.
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { student } from '../../src/server/db/schema/index.ts';
import {
  announceSkipWithoutChromium,
  type BrowserRun,
  checkPage,
  chromiumPath,
  signInPage,
  startBrowserRun,
} from '../support/browser.ts';
import {
  aCaseMeeting,
  aCaseMember,
  aConsent,
  aGuardian,
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

announceSkipWithoutChromium('test/e2e/phone.test.ts');

const phone = { width: 390, height: 844 };

type Role =
  | 'ib'
  | 'director'
  | 'teacher'
  | 'consultant'
  | 'partner'
  | 'parent'
  | 'policy'
  | 'committee'
  | 'admin';

describe.skipIf(!chromiumPath)('the web app on a phone and by keyboard', { timeout: 90_000 }, () => {
  let run: BrowserRun;
  let schoolId: string;
  let childId: string;
  const users = {} as Record<Role, TestUser>;

  beforeAll(async () => {
    run = await startBrowserRun();
    const db = run.database.db;
    const swv = await aSwv(db, { name: 'Samenwerkingsverband Passenderwijs' });
    const school = await aSchool(db, swv.id, { name: 'Christelijke Basisschool De Wegwijzer-Regenboog' });
    schoolId = school.id;
    // Long names and every level, level 4 with the longest badge text.
    const children = [
      { given: 'Mohammed', prefix: '', family: 'El Idrissi-Vermeulen', group: '5A', level: 4 },
      { given: 'Sanne', prefix: 'de', family: 'Vries', group: '5A', level: 1 },
      { given: 'Daan', prefix: 'de', family: 'Vries', group: '7B', level: 2 },
      { given: 'Noor', prefix: 'van den', family: 'Berg', group: '7B', level: 3 },
    ];
    const ids: string[] = [];
    for (const child of children) {
      const row = await aStudent(db, swv.id, school.id, {
        givenName: child.given,
        familyName: child.family,
        groupName: child.group,
      });
      await db
        .update(student)
        .set({ familyNamePrefix: child.prefix, supportLevel: child.level })
        .where(eq(student.id, row.id));
      ids.push(row.id);
    }
    childId = ids[0]!;
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
    users.committee = await person('Hans Vermeer', [{ role: 'committee' }]);
    users.admin = await person('Thomas Peters', [{ role: 'swv_admin' }]);
    await aTeam(db, swv.id, [school.id], [users.consultant.id]);
    await aGuardian(db, swv.id, childId, users.parent.id);
    await aCaseMember(db, swv.id, childId, users.partner.id);
    await aConsent(db, {
      swvId: swv.id,
      studentId: childId,
      givenByUserId: users.parent.id,
      partnerOrganisationId: partnerOrganisation,
    });
    await aPlan(db, {
      swvId: swv.id,
      studentId: childId,
      byUserId: users.ib.id,
      hasDevelopmentPerspective: true,
      agreements: [{ owner: 'school' }, { owner: 'parents' }],
    });
    await aCaseMeeting(db, {
      swvId: swv.id,
      studentId: childId,
      createdByUserId: users.ib.id,
      actions: [{ action: 'Gesprek met de jeugdarts over het slapen', owner: 'school' }],
    });
  });

  afterAll(async () => {
    expect(run?.problems ?? []).toEqual([]);
    await run?.close();
  });

  const main = (page: Page) => page.locator('main');

  async function signInOnPhone(user: TestUser): Promise<Page> {
    const page = await signInPage(run, user);
    await page.setViewportSize(phone);
    return page;
  }

  /** What sticks out: the page wider than the window, or a badge cut off by the window or a box. */
  function overflowOf(page: Page) {
    return page.evaluate(() => {
      const problems: string[] = [];
      const width = window.innerWidth;
      if (document.documentElement.scrollWidth > width)
        problems.push(`page is ${document.documentElement.scrollWidth} px wide`);
      for (const badge of document.querySelectorAll<HTMLElement>('.utrecht-status-badge')) {
        const box = badge.getBoundingClientRect();
        const name = badge.textContent?.trim();
        if (box.left < 0 || box.right > width) problems.push(`badge "${name}" runs off the screen`);
        if (badge.scrollWidth > badge.clientWidth + 1) problems.push(`badge "${name}" overflows itself`);
        for (let box2 = badge.parentElement; box2; box2 = box2.parentElement) {
          if (getComputedStyle(box2).overflowX === 'visible') continue;
          const clip = box2.getBoundingClientRect();
          if (box.left < clip.left - 1 || box.right > clip.right + 1)
            problems.push(`badge "${name}" is cut off by ${box2.className}`);
        }
      }
      return problems;
    });
  }

  /** Waits for the page, then: nothing sticks out, axe is clean, and a screenshot to look at. */
  async function check(page: Page, screenshot: string) {
    await checkPage(page, `phone-${screenshot}`);
    expect(await overflowOf(page), page.url()).toEqual([]);
    expect(await main(page).getByRole('alert').allInnerTexts()).toEqual([]);
  }

  const focused = (page: Page) =>
    page.evaluate(() => {
      const element = document.activeElement;
      return element ? `${element.tagName.toLowerCase()}: ${element.textContent?.trim() ?? ''}` : '';
    });

  it('shows the login page on a phone with nothing cut off', async () => {
    const page = await run.newPage();
    await page.setViewportSize(phone);
    await page.goto('/login');
    await main(page).getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    // Signed out there is no menu: the language choice stays in view.
    expect(await page.getByRole('button', { name: 'Menu' }).count()).toBe(0);
    expect(await page.getByLabel('Taal').isVisible()).toBe(true);
    await check(page, 'login');
    await page.context().close();
  });

  const roles: Role[] = [
    'ib',
    'director',
    'teacher',
    'consultant',
    'partner',
    'parent',
    'policy',
    'committee',
    'admin',
  ];
  it.each(roles)('shows the home of the %s on a phone, the header one short line above it', async (role) => {
    const page = await signInOnPhone(users[role]);
    await check(page, `home-${role}`);
    const header = await page.locator('header').boundingBox();
    expect(header!.height).toBeLessThan(80);
    // The navigation waits behind the menu button.
    expect(await page.getByRole('navigation', { name: 'Hoofdmenu' }).count()).toBe(0);
    const heading = await main(page).getByRole('heading', { level: 1 }).boundingBox();
    expect(heading!.y).toBeLessThan(120);
    await page.context().close();
  });

  it('opens the menu by keyboard, goes to a page and puts focus on its heading', async () => {
    const page = await signInOnPhone(users.ib);
    const menuButton = page.getByRole('button', { name: 'Menu' });
    expect(await menuButton.getAttribute('aria-expanded')).toBe('false');
    for (let presses = 0; presses < 10 && (await focused(page)) !== 'button: Menu'; presses++)
      await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('button: Menu');
    await page.keyboard.press('Enter');
    expect(await menuButton.getAttribute('aria-expanded')).toBe('true');
    const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
    expect(await menu.getByRole('link').allInnerTexts()).toEqual([
      'Start',
      'Leerlingen',
      'Aanvragen',
      'Overstappen',
      'Thuiszitters',
      'Wachtlijst',
      'Plaatsen',
      'Tevredenheid',
    ]);
    await expectNoAxe(page, 'menu-open');
    // Escape closes the menu and returns to its button; Space opens it again.
    await page.keyboard.press('Escape');
    expect(await menuButton.getAttribute('aria-expanded')).toBe('false');
    expect(await focused(page)).toBe('button: Menu');
    await page.keyboard.press('Space');
    expect(await menuButton.getAttribute('aria-expanded')).toBe('true');
    // The language and sign-out come first in the menu, then the pages.
    for (let presses = 0; presses < 10 && (await focused(page)) !== 'a: Leerlingen'; presses++)
      await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('a: Leerlingen');
    await page.keyboard.press('Enter');
    await main(page)
      .getByRole('heading', { level: 1, name: /^Leerlingen van Christelijke Basisschool/ })
      .waitFor();
    await expect
      .poll(() => focused(page))
      .toBe('h1: Leerlingen van Christelijke Basisschool De Wegwijzer-Regenboog');
    expect(await page.title()).toBe(
      'Leerlingen van Christelijke Basisschool De Wegwijzer-Regenboog – Passend',
    );
    expect(await menuButton.getAttribute('aria-expanded')).toBe('false');
    await page.context().close();
  });

  /** axe and a screenshot of what is on screen now, without waiting for a page to load. */
  async function expectNoAxe(page: Page, screenshot: string) {
    await checkPage(page, `phone-${screenshot}`);
  }

  it("shows the school's list as cards, each value under its column's name, still a table", async () => {
    const page = await signInOnPhone(users.ib);
    await page.goto(`/schools/${schoolId}/students`);
    const table = main(page).getByRole('table', { name: /^Leerlingen op achternaam/ });
    await table.waitFor();
    await check(page, 'student-list');
    const layout = await table.evaluate((element) => {
      const row = element.querySelector('tbody tr')!;
      const cells = [...row.querySelectorAll('td')];
      return {
        row: getComputedStyle(row).display,
        head: element.querySelector('thead')!.getBoundingClientRect().height,
        labels: cells.map((cell) => cell.dataset.label),
        shownLabels: cells.map((cell) => getComputedStyle(cell, '::before').content !== 'none'),
        headers: [...element.querySelectorAll('thead th')].map((th) => th.textContent),
        cardWidth: row.getBoundingClientRect().width,
      };
    });
    expect(layout.row).toBe('grid');
    expect(layout.head).toBeLessThanOrEqual(1);
    expect(layout.labels).toEqual(layout.headers.slice(1));
    expect(layout.shownLabels.every(Boolean)).toBe(true);
    expect(layout.cardWidth).toBeLessThanOrEqual(phone.width);
    // The browser's accessibility tree still has a table: rows, column headers and cells.
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: { role?: { value: string }; ignored: boolean }[];
    };
    const roles = nodes.filter((node) => !node.ignored).map((node) => node.role?.value);
    expect(roles).toContain('table');
    expect(roles.filter((role) => role === 'columnheader')).toHaveLength(5);
    expect(roles.filter((role) => role === 'rowheader')).toHaveLength(4);
    expect(roles.filter((role) => role === 'cell').length).toBeGreaterThanOrEqual(16);
    await page.context().close();
  });

  it('moves focus to the results after a search, and to the heading of a page opened from them', async () => {
    const page = await signInOnPhone(users.ib);
    await page.goto(`/schools/${schoolId}/students`);
    await main(page).getByRole('status').getByText('4 leerlingen').waitFor();
    await main(page).getByLabel('Naam').fill('vries');
    await main(page).getByLabel('Naam').press('Enter');
    await main(page).getByRole('status').getByText('2 leerlingen gevonden').waitFor();
    await expect.poll(() => focused(page)).toBe('p: 2 leerlingen gevonden');
    // The next Tab is the first child found.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('a: Daan de Vries');
    await page.keyboard.press('Enter');
    await main(page).getByRole('heading', { level: 1, name: 'Daan de Vries' }).waitFor();
    await expect.poll(() => focused(page)).toBe('h1: Daan de Vries');
    expect(await page.title()).toBe('Overzicht – Daan de Vries – Passend');
    await page.context().close();
  });

  it('moves focus from the admin filter to the count of users found with Enter', async () => {
    const page = await signInOnPhone(users.admin);
    await page.goto('/admin/users');
    const filter = main(page).getByLabel('Zoek gebruikers');
    await filter.fill('Fatima');
    await filter.press('Enter');
    expect(await focused(page)).toMatch(/^p: 1 van \d+ getoond$/);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('a: Fatima El Amrani');
    await check(page, 'admin-users');
    await page.context().close();
  });

  it("shows the child's file on a phone: name, facts and the start of each tab on the first screen", {
    timeout: 300_000,
  }, async () => {
    const page = await signInOnPhone(users.ib);
    await page.goto(`/students/${childId}`);
    await main(page).getByRole('heading', { level: 1, name: 'Mohammed El Idrissi-Vermeulen' }).waitFor();
    const tabs = page.getByRole('navigation', { name: 'Onderdelen van het dossier' });
    const tabNames = (await tabs.getByRole('link').allInnerTexts()).map((text) => text.trim());
    expect(tabNames.length).toBeGreaterThanOrEqual(7);
    for (const [index, name] of tabNames.entries()) {
      if (index > 0) {
        await tabs.getByRole('link', { name, exact: true }).click();
        await expect.poll(() => focused(page)).toBe(`h2: ${name}`);
      }
      await check(page, `student-tab-${index}`);
      expect(await page.title()).toBe(`${name} – Mohammed El Idrissi-Vermeulen – Passend`);
      // The tab's own heading and the start of its content are in the first screen.
      const heading = await main(page).locator('#student-tab-heading').boundingBox();
      expect(heading!.y + heading!.height, `tab ${name}`).toBeLessThan(phone.height - 100);
      const facts = await main(page).locator('.passend-student-facts').first().innerText();
      expect(facts).toContain('Niveau 4');
      // The trail is one link back, to the school's list.
      const trail = page.getByRole('navigation', { name: 'Kruimelpad' }).getByRole('link');
      expect((await trail.filter({ visible: true }).allInnerTexts()).map((text) => text.trim())).toEqual([
        'Leerlingen van Christelijke Basisschool De Wegwijzer-Regenboog',
      ]);
      // The current tab is in view in the row of tabs.
      const current = await tabs.locator('[aria-current="page"]').boundingBox();
      expect(current!.x).toBeGreaterThanOrEqual(0);
      expect(current!.x + current!.width).toBeLessThanOrEqual(phone.width);
    }
    await page.context().close();
  });

  it("shows the plan to the parent on a phone, and the parent's view of the file", async () => {
    const page = await signInOnPhone(users.parent);
    await page.goto(`/students/${childId}/plan`);
    await main(page).getByRole('heading', { level: 2, name: 'Plan' }).waitFor();
    await check(page, 'plan-parent');
    await page.goto(`/students/${childId}/access-log`);
    await check(page, 'access-log-parent');
    await page.context().close();
  });
});

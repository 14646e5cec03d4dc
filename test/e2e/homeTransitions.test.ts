// The transitions panel on the home page in a real browser (docs/home.md): a school's IB'er sees the
// children arriving who wait for the school's decision (the one whose term ends in two days marked
// first, with the risks handed over) or follow-up meeting, and the child leaving whose file is not
// handed over yet; on a phone at 390 px and by keyboard (Tab reaches the link, Enter opens the move).
// The team's consultant sees the same moves, open risks on top. axe on every state.
import type { Page } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, amsterdamToday } from '../../src/domain/calendar.ts';
import { transition } from '../../src/server/db/schema/index.ts';
import {
  announceSkipWithoutChromium,
  type BrowserRun,
  checkPage,
  chromiumPath,
  signInPage,
  startBrowserRun,
} from '../support/browser.ts';
import { aSchool, aStudent, aSwv, aTeam, aUser, type TestUser } from '../support/factories.ts';

announceSkipWithoutChromium('test/e2e/homeTransitions.test.ts');

describe.skipIf(!chromiumPath)('the transitions panel on the home page', { timeout: 180_000 }, () => {
  let run: BrowserRun;
  const users = {} as Record<'ib' | 'consultant', TestUser>;
  const moveOf = {} as Record<'noor' | 'daan' | 'lotte' | 'sem' | 'finn', string>;

  beforeAll(async () => {
    run = await startBrowserRun();
    const db = run.database.db;
    const today = amsterdamToday(run.clock.now);
    const day = (n: number) => addDays(today, n);
    const swv = await aSwv(db, { name: 'Samenwerkingsverband Passenderwijs PO' });
    const regenboog = await aSchool(db, swv.id, { name: 'Basisschool De Regenboog' });
    const kompas = await aSchool(db, swv.id, { name: 'Basisschool Het Kompas' });
    users.ib = await aUser(db, swv.id, [{ role: 'school_ib', schoolId: regenboog.id }], {
      now: run.clock.now,
      displayName: 'Fatima El Amrani',
    });
    users.consultant = await aUser(db, swv.id, [{ role: 'consultant' }], {
      now: run.clock.now,
      displayName: 'Joost Mulder',
    });
    await aTeam(db, swv.id, [regenboog.id], [users.consultant.id]);
    const move = async (
      name: keyof typeof moveOf,
      child: { givenName: string; familyName: string; supportLevel: number },
      from: { id: string },
      to: { id: string },
      facts: Partial<typeof transition.$inferInsert>,
    ) => {
      const mover = await aStudent(db, swv.id, from.id, { groupName: '8A', ...child });
      moveOf[name] = uuidv7();
      await db.insert(transition).values({
        swvId: swv.id,
        id: moveOf[name],
        studentId: mover.id,
        direction: 'within',
        moveKind: 'between_schools',
        fromSchoolId: from.id,
        toSchoolId: to.id,
        registeredOn: day(-10),
        movesOn: day(30),
        createdAt: new Date(),
        updatedAt: new Date(),
        ...facts,
      });
    };
    // Arriving at De Regenboog: Noor's term ends in two days (handed over, level 4); Daan registered
    // three days ago (not handed over: no risks to see yet); Lotte started six weeks ago (follow-up
    // today); Finn was placed long ago (nothing waits).
    await move('noor', { givenName: 'Noor', familyName: 'Bakker', supportLevel: 4 }, kompas, regenboog, {
      registeredOn: day(-40),
      handedOverOn: day(-20),
      riskFlags: ['level_4', 'active_plan'],
      report: 'Noor leest graag.',
    });
    await move('daan', { givenName: 'Daan', familyName: 'Jansen', supportLevel: 2 }, kompas, regenboog, {
      registeredOn: day(-3),
      movesOn: day(60),
    });
    await move('lotte', { givenName: 'Lotte', familyName: 'Smit', supportLevel: 2 }, kompas, regenboog, {
      registeredOn: day(-70),
      movesOn: day(-42),
      handedOverOn: day(-60),
      decidedOn: day(-50),
      outcome: 'placed',
      startedOn: day(-42),
    });
    await move('finn', { givenName: 'Finn', familyName: 'Visser', supportLevel: 2 }, kompas, regenboog, {
      registeredOn: day(-200),
      movesOn: day(-150),
      handedOverOn: day(-190),
      decidedOn: day(-180),
      outcome: 'placed',
      startedOn: day(-150),
    });
    // Leaving De Regenboog: Sem's first day at Het Kompas is in five days, the file not handed over.
    await move('sem', { givenName: 'Sem', familyName: 'de Jong', supportLevel: 3 }, regenboog, kompas, {
      registeredOn: day(-5),
      movesOn: day(5),
    });
  });

  afterAll(async () => {
    expect(run?.problems ?? []).toEqual([]);
    await run?.close();
  });

  const main = (page: Page) => page.locator('main');
  /** The first column of a table, by its caption: the children's names. */
  async function rowNames(page: Page, caption: string): Promise<string[]> {
    const table = main(page).getByRole('table', { name: caption });
    await table.waitFor();
    return (await table.locator('tbody th').allTextContents()).map((text) => text.trim());
  }
  const arrivingCaption = 'Aankomende kinderen: besluit of nazorggesprek, de dringende eerst';
  const leavingCaption = 'Vertrekkende kinderen van wie het dossier nog niet is overgedragen';

  it('shows the IB’er on a phone who arrives and waits for the school’s decision, and who leaves', async () => {
    const page = await signInPage(run, users.ib);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/');
    const panel = main(page).getByRole('region', { name: 'Overstappen', exact: true });
    await panel.getByRole('heading', { level: 3, name: 'Kinderen die naar uw school komen' }).waitFor();
    // Urgent first (the follow-up today, the term ending in two days), then by the day; Finn's
    // move waits for nothing.
    expect(await rowNames(page, arrivingCaption)).toEqual(['Lotte Smit', 'Noor Bakker', 'Daan Jansen']);
    const arriving = panel.getByRole('table', { name: arrivingCaption });
    const noor = arriving.getByRole('row').filter({ hasText: 'Noor Bakker' });
    await noor.getByText('Dringend').waitFor();
    await noor.getByText(/^Nog 2 dagen \(tot en met /).waitFor();
    await noor.getByText('Niveau 4').waitFor();
    await noor.getByText('Lopend plan (OPP)').waitFor();
    await arriving
      .getByRole('row')
      .filter({ hasText: 'Daan Jansen' })
      .getByText('Na de overdracht')
      .waitFor();
    await arriving
      .getByRole('row')
      .filter({ hasText: 'Lotte Smit' })
      .getByText(/Nazorggesprek op /)
      .waitFor();
    expect(await rowNames(page, leavingCaption)).toEqual(['Sem de Jong']);
    await panel
      .getByRole('table', { name: leavingCaption })
      .getByText(/Dossier overdragen, uiterlijk /)
      .waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await checkPage(page, 'home-transitions-ib-390');

    // By keyboard: Tab from the top of the page reaches Noor's move; Enter opens it.
    await page.locator('body').focus();
    let reached = '';
    for (let press = 0; press < 60 && reached !== 'Overstap van Noor Bakker'; press++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
    }
    expect(reached).toBe('Overstap van Noor Bakker');
    await page.keyboard.press('Enter');
    await main(page).getByRole('heading', { level: 1, name: 'Overstap van Noor Bakker' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/transitions/${moveOf.noor}`);

    // The way to the whole list, filtered alike: arriving, waiting for action.
    await page.goBack();
    await panel.getByRole('link', { name: 'Alle aankomende overstappen' }).click();
    await main(page).getByRole('heading', { level: 1, name: 'Overstappen' }).waitFor();
    expect(new URL(page.url()).search).toBe('?view=arriving&period=due');
    expect(await main(page).getByLabel('Periode').inputValue()).toBe('due');
    expect(await rowNames(page, 'Overstappen die op actie wachten, de dringende eerst')).toEqual([
      'Lotte Smit',
      'Noor Bakker',
      'Daan Jansen',
    ]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await checkPage(page, 'transitions-due-ib-390');
  });

  it('shows the same panel at desktop width', async () => {
    const page = await signInPage(run, users.ib);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('/');
    expect(await rowNames(page, arrivingCaption)).toEqual(['Lotte Smit', 'Noor Bakker', 'Daan Jansen']);
    await checkPage(page, 'home-transitions-ib-desktop');
  });

  it('shows the consultant the moves of the team’s school, open risks on top', async () => {
    const page = await signInPage(run, users.consultant);
    const panel = main(page).getByRole('region', { name: 'Overstappen van de scholen van uw team' });
    const caption = 'Overstappen die op actie wachten, open risico’s bovenaan';
    await panel.getByRole('table', { name: caption }).waitFor();
    // Noor's risks first; then the urgent (Lotte's follow-up, Sem's first day in five days), then Daan.
    expect(await rowNames(page, caption)).toEqual([
      'Noor Bakker',
      'Lotte Smit',
      'Sem de Jong',
      'Daan Jansen',
    ]);
    await panel.getByRole('link', { name: 'Alle overstappen van uw scholen' }).waitFor();
    await checkPage(page, 'home-transitions-consultant');
  });
});

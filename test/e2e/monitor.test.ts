// The monitor in a real browser (issue 15): policy staff open it from the menu on a phone, read the
// trend over three school years and the bars per wijk, filter to a wijk by keyboard alone (the
// filter lands in the URL), and never see a child. 390 px, keyboard and axe on every state.

import { readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amsterdamToday, schoolYearOf } from '../../src/domain/calendar.ts';
import { supportRequest } from '../../src/server/db/schema/index.ts';
import {
  announceSkipWithoutChromium,
  type BrowserRun,
  checkPage,
  chromiumPath,
  signInPage,
  startBrowserRun,
} from '../support/browser.ts';
import { aRequestTypeId, aSchool, aStudent, aSwv, aUser, type TestUser } from '../support/factories.ts';

announceSkipWithoutChromium('test/e2e/monitor.test.ts');

describe.skipIf(!chromiumPath)('the monitor in the browser', { timeout: 180_000 }, () => {
  let run: BrowserRun;
  let policy: TestUser;
  let firstYear: number;

  beforeAll(async () => {
    run = await startBrowserRun();
    const db = run.database.db;
    firstYear = Number(schoolYearOf(amsterdamToday(run.clock.now)).slice(0, 4));
    const swv = await aSwv(db, { name: 'Samenwerkingsverband Passenderwijs' });
    const noord = await aSchool(db, swv.id, { name: 'Basisschool De Regenboog' });
    const zuid = await aSchool(db, swv.id, { name: 'Basisschool Het Anker' });
    const sbo = await aSchool(db, swv.id, { name: 'SBO De Brug', kind: 'sbo' });
    await db.execute(sql`update school set wijk = 'Zuid' where id in (${zuid.id}, ${sbo.id})`);
    policy = await aUser(db, swv.id, [{ role: 'policy' }], {
      now: run.clock.now,
      displayName: 'Pieter Mulder',
    });
    const ib = await aUser(db, swv.id, [{ role: 'school_ib', schoolId: noord.id }]);
    const typeId = await aRequestTypeId(db, swv.id, 'arrangement');
    // Three school years: pupils on 1 October and requests decided in November.
    for (const [back, perSchool, requests] of [
      [2, 12, 6],
      [1, 14, 8],
      [0, 15, 10],
    ] as const) {
      const year = firstYear - back;
      for (const school of [noord, zuid, sbo]) {
        for (let i = 0; i < (school === sbo ? 6 : perSchool); i++) {
          const child = await aStudent(db, swv.id, school.id, { givenName: 'Noor', familyName: 'Bakker' });
          await db.execute(sql`insert into enrolment (swv_id, id, student_id, school_id, started_on, ended_on)
            values (${swv.id}, ${uuidv7()}, ${child.id}, ${school.id}, ${`${year}-08-01`},
              ${back === 0 ? null : `${year + 1}-07-31`})`);
        }
      }
      for (let i = 0; i < requests; i++) {
        await db.insert(supportRequest).values({
          swvId: swv.id,
          id: uuidv7(),
          number: `M-${year}-${i}`,
          typeId,
          schoolId: i % 2 === 0 ? noord.id : zuid.id,
          studentId: null,
          state: 'decided',
          outcome: i % 5 === 4 ? 'rejected' : 'granted',
          requestedByUserId: ib.id,
          completeOn: `${year}-11-02`,
          deadlineOn: `${year}-11-16`,
          decidedOn: `${year}-11-${String(5 + i).padStart(2, '0')}`,
          periodFrom: `${year}-11-20`,
          budgetCents: 250_000,
        });
      }
    }
  });

  afterAll(async () => {
    expect(run?.problems ?? []).toEqual([]);
    await run?.close();
  });

  const main = (page: Page) => page.locator('main');

  it('shows policy staff the trend and the bars on a phone, and filters to a wijk by keyboard', async () => {
    const page = await signInPage(run, policy);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Monitor' }).click();
    await main(page).getByRole('heading', { level: 1, name: 'Monitor passend onderwijs' }).waitFor();
    // The trend: none in the first two years, then 6, 8 and 10 requests.
    const years = (y: number) => `${y}-${y + 1}`;
    await main(page)
      .getByText(
        `Besliste en ingetrokken aanvragen: van 0 in ${years(firstYear - 4)} naar 10 in ${years(firstYear)}.`,
      )
      .waitFor();
    await expect.poll(() => main(page).getByRole('img').count()).toBeGreaterThanOrEqual(9);
    expect(await main(page).getByText('Bakker').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await checkPage(page, 'monitor-policy-phone');

    // Keyboard alone: to the wijk select, choose Zuid, Tab on to "Toon" and press Enter.
    const wijk = main(page).getByLabel('Wijk');
    await wijk.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => wijk.inputValue()).toBe('Zuid');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Toon');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toMatch(/wijk=Zuid/);
    await main(page)
      .getByText(/^Getoond: .*, Zuid\.$/)
      .waitFor();
    // Zuid holds 5 of this year's 10 requests; the bars per school appear with a wijk chosen.
    await main(page).getByRole('img', { name: 'Besliste en ingetrokken aanvragen — Per school' }).waitFor();
    await main(page)
      .getByText(
        'Besliste en ingetrokken aanvragen — Per school: het meest in Basisschool Het Anker (5); 0 verborgen.',
      )
      .waitFor();
    await checkPage(page, 'monitor-policy-wijk-phone');

    // The same view from its address, wide.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`/monitor?year=${years(firstYear)}`);
    await main(page).getByRole('heading', { level: 2, name: 'Over de jaren' }).waitFor();
    for (const name of [
      'OPDC en terugkeer naar het regulier onderwijs',
      'Overstappen en open risicosignalen',
      'Wachtlijsten en wachttijden',
      'Tevredenheid van ouders en leerlingen',
    ])
      await main(page).getByRole('heading', { level: 2, name }).waitFor();
    // A PO SWV has no OPDC: said, not an empty table.
    await main(page).getByText('Dit samenwerkingsverband heeft geen OPDC').waitFor();
    await checkPage(page, 'monitor-policy-wide');
    // The charts are pictures, not stops for Tab: from one chart's "Als tabel" to the next.
    const tables = main(page).locator('figure summary', { hasText: 'Als tabel' });
    await tables.first().focus();
    await page.keyboard.press('Tab');
    expect(await tables.nth(1).evaluate((summary) => summary === document.activeElement)).toBe(true);
    expect(await main(page).locator('figure svg[role="img"] [tabindex], figure svg[tabindex]').count()).toBe(
      0,
    );
    // Every table as a spreadsheet, from the page.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      main(page).getByRole('link', { name: 'Excel (XLSX)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`monitor-${years(firstYear)}.xlsx`);
    expect(await download.failure()).toBeNull();

    // The yearly report and the accountability dataset, on a phone and by keyboard alone: from the
    // CSV link, Tab to the report and press Enter; Tab on to the dataset's Excel and CSV links.
    await page.setViewportSize({ width: 390, height: 844 });
    const csvLink = main(page).getByRole('link', { name: 'CSV', exact: true });
    await csvLink.focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      `Jaarverslag ${years(firstYear)} (PDF)`,
    );
    const [report] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(report.suggestedFilename()).toBe(`jaarverslag-passend-onderwijs-${years(firstYear)}.pdf`);
    const pdf = await readFile((await report.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('/StructTreeRoot');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('open data (Excel)');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('open data (CSV)');
    const [dataset] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(dataset.suggestedFilename()).toBe(`verantwoording-passend-onderwijs-${years(firstYear)}.csv`);
    const csv = await readFile((await dataset.path())!, 'utf8');
    expect(csv).toContain(
      `aanvragen;Aanvragen besloten of ingetrokken in het schooljaar;${years(firstYear)};totaal;10;aantal;nee;`,
    );
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await checkPage(page, 'monitor-policy-downloads-phone');

    // The municipality, chosen by keyboard, lands in the address beside the other filters.
    const municipality = main(page).getByLabel('Gemeente');
    await municipality.focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => municipality.inputValue()).toBe('Utrecht');
    for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Toon');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toMatch(/municipality=Utrecht/);
    await main(page)
      .getByText(/^Getoond: .*, Utrecht\.$/)
      .waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await checkPage(page, 'monitor-policy-municipality-phone');
  });
});

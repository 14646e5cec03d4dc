// A parent reads their child's access log in a real browser (docs/SECURITY.md A3, finding 14): an
// IB'er's session is one line, a refused teacher stands out, the parent's own clicks wait behind a
// switch, older days are a page further; on a 1280 px screen and on a 390 px phone, by keyboard
// alone, checked by axe. Screenshots go to test-results/screenshots.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amsterdamToday } from '../../src/domain/calendar.ts';
import { appendAccessLog } from '../../src/server/access/accessLog.ts';
import {
  announceSkipWithoutChromium,
  type BrowserRun,
  checkPage,
  chromiumPath,
  signInPage,
  startBrowserRun,
} from '../support/browser.ts';
import { aGuardian, aSchool, aStudent, aSwv, aUser, type TestUser } from '../support/factories.ts';

announceSkipWithoutChromium('test/e2e/accessLog.test.ts');

const day = 24 * 60 * 60_000;

describe.skipIf(!chromiumPath)("a parent's access-log view in the browser", { timeout: 90_000 }, () => {
  let run: BrowserRun;
  let sanneId: string;
  const users = {} as Record<'ib' | 'teacherOtherGroup' | 'parent', TestUser>;

  beforeAll(async () => {
    run = await startBrowserRun();
    const db = run.database.db;
    const swv = await aSwv(db, { name: 'Samenwerkingsverband Passenderwijs' });
    const school = await aSchool(db, swv.id, { name: 'Basisschool De Regenboog' });
    const sanne = await aStudent(db, swv.id, school.id, { givenName: 'Sanne', familyName: 'Vries' });
    sanneId = sanne.id;
    const person = (displayName: string, memberships: Parameters<typeof aUser>[2]) =>
      aUser(db, swv.id, memberships, { now: run.clock.now, displayName });
    users.ib = await person('Fatima El Amrani', [{ role: 'school_ib', schoolId: school.id }]);
    users.teacherOtherGroup = await person('Anouk Hendriks', [
      { role: 'teacher', schoolId: school.id, groups: ['7B'] },
    ]);
    users.parent = await person('Mark de Vries', [{ role: 'parent' }]);
    await aGuardian(db, swv.id, sanne.id, users.parent.id);
    const consultant = await person('Joost van Dijk', [{ role: 'consultant' }]);

    // The nine days before today: the IB'er read the file twice a day; yesterday the SWV's
    // consultant changed the support level.
    const logged = async (
      userId: string,
      at: Date,
      entry: { role: string; organisation: string; action: 'read' | 'update'; objectType: string },
    ) =>
      appendAccessLog(
        db,
        { actorUserId: userId, requestId: `seed-${at.getTime()}`, clientAddress: '127.0.0.1', now: at },
        {
          swvId: swv.id,
          studentId: sanne.id,
          objectType: entry.objectType,
          objectId: sanne.id,
          action: entry.action,
          outcome: 'allowed',
          purpose: 'seed',
          actorRole: entry.role,
          actorOrganisation: entry.organisation,
        },
      );
    // At noon in Amsterdam, so a run near midnight keeps each day's rows on their own day.
    const noonOf = (daysAgo: number) =>
      new Date(`${amsterdamToday(new Date(run.clock.now.getTime() - daysAgo * day))}T11:00:00Z`);
    for (let daysAgo = 9; daysAgo >= 1; daysAgo--) {
      const at = noonOf(daysAgo);
      for (const later of [0, 20 * 60_000]) {
        await logged(users.ib.id, new Date(at.getTime() + later), {
          role: 'school_ib',
          organisation: `school:${school.id}`,
          action: 'read',
          objectType: 'student',
        });
      }
    }
    await logged(consultant.id, new Date(noonOf(1).getTime() + 60 * 60_000), {
      role: 'consultant',
      organisation: `swv:${swv.id}`,
      action: 'update',
      objectType: 'support_level',
    });
  });

  afterAll(async () => {
    expect(run?.problems ?? []).toEqual([]);
    await run?.close();
  });

  const main = (page: Page) => page.locator('main');
  const logUrl = () => `/students/${sanneId}/access-log`;
  const lines = (page: Page) => main(page).locator('.passend-log__line');
  const focused = (page: Page) =>
    page.evaluate(() => {
      const element = document.activeElement;
      return element ? `${element.tagName.toLowerCase()}:${element.textContent?.trim() || element.id}` : '';
    });
  async function tabTo(page: Page, target: string) {
    for (let presses = 0; presses < 40; presses++) {
      await page.keyboard.press('Tab');
      if ((await focused(page)) === target) return;
    }
    throw new Error(`no focus on ${target}`);
  }

  it("shows other people's access first, one line per person and day, and reads on a wide screen", async () => {
    // Today: the IB'er goes through the file; a teacher of another group tries to open it.
    const ibPage = await signInPage(run, users.ib);
    for (const tab of ['overview', 'documents', 'overview', 'access-log']) {
      await ibPage.goto(`/students/${sanneId}/${tab}`);
      await main(ibPage).getByRole('heading', { level: 1, name: 'Sanne Vries' }).waitFor();
      await expect.poll(() => main(ibPage).getByRole('status').filter({ hasText: 'laden' }).count()).toBe(0);
    }
    await ibPage.context().close();
    const teacherPage = await signInPage(run, users.teacherOtherGroup);
    await teacherPage.goto(`/students/${sanneId}`);
    await main(teacherPage)
      .getByRole('heading', { level: 1, name: 'U heeft geen toegang tot dit dossier' })
      .waitFor();
    await teacherPage.context().close();

    const page = await signInPage(run, users.parent);
    await page.goto(logUrl());
    await lines(page).first().waitFor();
    await checkPage(page, 'student-access-log-parent');
    // Seven days to a page, each under its own heading.
    expect(await main(page).locator('.passend-log').getByRole('region').count()).toBe(7);
    const today = main(page).locator('.passend-log').getByRole('region').first();
    const todayLines = (await today.locator('.passend-log__line').allInnerTexts()).map((text) =>
      text.replace(/\s+/g, ' ').trim(),
    );
    expect(todayLines).toHaveLength(2);
    expect(todayLines[0]).toMatch(
      /^\d{2}:\d{2} Anouk Hendriks Leerkracht, namens Basisschool De Regenboog Toegang geweigerd tot: Dossier$/,
    );
    // Each page load of the IB'er's session logged reads; together they are one line.
    expect(todayLines[1]).toMatch(
      /^\d+ keer(, \d{2}:\d{2}–| om )\d{2}:\d{2} Fatima El Amrani Intern begeleider, namens Basisschool De Regenboog Bekeken: Dossier \(\d+×\), .+$/,
    );
    const yesterday = main(page).locator('.passend-log').getByRole('region').nth(1);
    expect(await yesterday.innerText()).toContain('Ondersteuningsniveau gewijzigd');
    expect(await yesterday.innerText()).toContain('2 keer');
    // The parent's own reads (the overview, this log) are not shown.
    expect(await main(page).innerText()).not.toContain('Mark de Vries');
    // Wide: the time beside the rest of the line.
    const [when, body] = await Promise.all([
      lines(page).first().locator('.passend-log__when').boundingBox(),
      lines(page).first().locator('.passend-log__body').boundingBox(),
    ]);
    expect(Math.abs(when!.y - body!.y)).toBeLessThan(2);
    expect(body!.x).toBeGreaterThan(when!.x + when!.width);
    await page.context().close();
  });

  it('works by keyboard alone: the switch for own actions and the earlier days', async () => {
    const page = await signInPage(run, users.parent);
    await page.goto(logUrl());
    await lines(page).first().waitFor();
    await tabTo(page, 'input:field-own');
    await page.keyboard.press('Space');
    await main(page).getByText('Mark de Vries (uzelf)').waitFor();
    expect(new URL(page.url()).search).toBe('?own=true');
    // The switch keeps the focus, so the next key press goes on from there.
    expect(await focused(page)).toBe('input:field-own');
    await checkPage(page, 'student-access-log-parent-own');
    await page.keyboard.press('Space');
    await expect.poll(() => main(page).getByText('Mark de Vries').count()).toBe(0);

    await tabTo(page, 'a:Eerdere dagen');
    await page.keyboard.press('Enter');
    await expect.poll(() => main(page).locator('.passend-log').getByRole('region').count()).toBe(3);
    expect(new URL(page.url()).searchParams.get('before')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await main(page).getByRole('link', { name: 'Eerdere dagen' }).count()).toBe(0);
    await checkPage(page, 'student-access-log-parent-older');
    await tabTo(page, 'a:Naar de nieuwste dagen');
    await page.keyboard.press('Enter');
    await expect.poll(() => main(page).locator('.passend-log').getByRole('region').count()).toBe(7);
    await page.context().close();
  });

  it('reads as a list on a 390 px phone, without sideways scrolling', async () => {
    const page = await signInPage(run, users.parent);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(logUrl());
    await lines(page).first().waitFor();
    await checkPage(page, 'student-access-log-parent-phone');
    expect(await main(page).getByRole('table').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // Narrow: the time above the rest of the line, both from the same left edge.
    const [when, body] = await Promise.all([
      lines(page).first().locator('.passend-log__when').boundingBox(),
      lines(page).first().locator('.passend-log__body').boundingBox(),
    ]);
    expect(body!.y).toBeGreaterThanOrEqual(when!.y + when!.height);
    expect(Math.abs(body!.x - when!.x)).toBeLessThan(2);
    await page.context().close();
  });
});

// The SWV's working calendar: its clock settings (PATCH /api/swv) and its school holidays per
// school year (GET/PUT /api/swv/school-holidays), and what the clock of requests reads of them.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, aSwv, aUser, signIn } from '../../../../test/support/factories.ts';
import { type TestApp, testApp } from '../../../../test/support/testApp.ts';
import { addWorkingDays } from '../../../domain/workingDays.ts';
import { adminEvent, schoolHoliday } from '../../db/schema/index.ts';
import { workingCalendarOf } from './organisations.queries.ts';

// Regio Midden, schoolvakanties 2026-2027.
const midden2026 = [
  { name: 'Herfstvakantie', firstDay: '2026-10-17', lastDay: '2026-10-25' },
  { name: 'Kerstvakantie', firstDay: '2026-12-19', lastDay: '2027-01-03' },
  { name: 'Voorjaarsvakantie', firstDay: '2027-02-20', lastDay: '2027-02-28' },
  { name: 'Meivakantie', firstDay: '2027-04-24', lastDay: '2027-05-02' },
  { name: 'Zomervakantie', firstDay: '2027-07-17', lastDay: '2027-08-29' },
];

describe('the SWV’s working calendar', () => {
  let t: TestApp;
  let swvId: string;
  let admin: Agent;
  let consultant: Agent;

  beforeAll(async () => {
    t = await testApp();
    swvId = (await aSwv(t.database.db)).id;
    admin = await signIn(t, await aUser(t.database.db, swvId, [{ role: 'swv_admin' }]));
    consultant = await signIn(t, await aUser(t.database.db, swvId, [{ role: 'consultant' }]));
  });
  afterAll(() => t.close());

  const put = (agent: Agent, body: unknown) => agent.request('PUT', '/api/swv/school-holidays', body);
  const eventsOf = (kind: 'school_holidays_changed' | 'clock_settings_changed') =>
    t.database.db
      .select({ details: adminEvent.details })
      .from(adminEvent)
      .where(and(eq(adminEvent.swvId, swvId), eq(adminEvent.kind, kind)))
      .orderBy(adminEvent.at, adminEvent.id);
  const rowsOf = () =>
    t.database.db
      .select()
      .from(schoolHoliday)
      .where(eq(schoolHoliday.swvId, swvId))
      .orderBy(schoolHoliday.firstDay);

  it('shows the clock settings, and records each change of them in the audit trail', async () => {
    expect((await consultant.get('/api/swv')).json()).toMatchObject({
      decisionWorkingDays: 10,
      crisisWorkingDays: 1,
      skipSchoolHolidays: false,
      consultantsDecide: false,
    });
    const changed = await admin.patch('/api/swv', {
      decisionWorkingDays: 15,
      crisisWorkingDays: 2,
      consultantsDecide: true,
    });
    expect(changed.json()).toMatchObject({
      decisionWorkingDays: 15,
      crisisWorkingDays: 2,
      consultantsDecide: true,
    });
    // Unchanged values and other settings leave no event.
    await admin.patch('/api/swv', { decisionWorkingDays: 15, name: 'Ander SWV' });
    expect(await eventsOf('clock_settings_changed')).toEqual([
      { details: { decisionWorkingDays: 15, crisisWorkingDays: 2, consultantsDecide: true } },
    ]);
    expect((await consultant.patch('/api/swv', { consultantsDecide: false })).statusCode).toBe(403);
    for (const bad of [{ crisisWorkingDays: 0 }, { crisisWorkingDays: 11 }, { consultantsDecide: 'ja' }]) {
      expect((await admin.patch('/api/swv', bad)).statusCode, JSON.stringify(bad)).toBe(400);
    }
  });

  it('starts with no holidays, in the current school year', async () => {
    // The test clock stands in November 2026.
    expect((await consultant.get('/api/swv/school-holidays')).json()).toEqual({
      schoolYear: '2026-2027',
      holidays: [],
      schoolYears: [],
    });
  });

  it('replaces a school year’s holidays whole, and lists the years that have any', async () => {
    const first = await put(admin, { schoolYear: '2026-2027', holidays: midden2026 });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      schoolYear: '2026-2027',
      holidays: midden2026.map((holiday) => ({ ...holiday, id: expect.any(String) })),
      schoolYears: ['2026-2027'],
    });
    await put(admin, {
      schoolYear: '2027-2028',
      holidays: [{ name: 'Herfstvakantie', firstDay: '2027-10-16', lastDay: '2027-10-24' }],
    });
    // Given in any order, listed by first day; the earlier rows of the year are gone.
    const replaced = await put(admin, {
      schoolYear: '2026-2027',
      holidays: [midden2026[1], { name: 'Studiedag', firstDay: '2026-09-14', lastDay: '2026-09-14' }],
    });
    expect(replaced.json().holidays.map((h: { name: string }) => h.name)).toEqual([
      'Studiedag',
      'Kerstvakantie',
    ]);
    const read = (await consultant.get('/api/swv/school-holidays?schoolYear=2027-2028')).json();
    expect(read).toMatchObject({ schoolYear: '2027-2028', schoolYears: ['2026-2027', '2027-2028'] });
    expect(read.holidays).toHaveLength(1);
    expect(await rowsOf()).toHaveLength(3);
    // The same list again changes nothing and leaves no event.
    await put(admin, {
      schoolYear: '2026-2027',
      holidays: [{ name: 'Studiedag', firstDay: '2026-09-14', lastDay: '2026-09-14' }, midden2026[1]],
    });
    expect((await eventsOf('school_holidays_changed')).map((event) => event.details)).toEqual([
      { schoolYear: '2026-2027', holidays: 5 },
      { schoolYear: '2027-2028', holidays: 1 },
      { schoolYear: '2026-2027', holidays: 2 },
    ]);
  });

  it('refuses holidays the rules forbid with 422, naming the rule and the row, and keeps what was there', async () => {
    const before = await rowsOf();
    const refusals: [string, unknown[], Record<string, unknown>][] = [
      [
        'outside the school year',
        [{ name: 'Zomer 2026', firstDay: '2026-07-18', lastDay: '2026-08-30' }],
        { rule: 'holiday_outside_school_year', index: 0, field: 'firstDay' },
      ],
      [
        'ends before it starts',
        [midden2026[0], { name: 'Omgekeerd', firstDay: '2027-03-10', lastDay: '2027-03-09' }],
        { rule: 'holiday_ends_before_start', index: 1, field: 'lastDay' },
      ],
      [
        'overlapping',
        [...midden2026, { name: 'Kerst, nog eens', firstDay: '2027-01-02', lastDay: '2027-01-08' }],
        { rule: 'holidays_overlap', index: 5, otherIndex: 1 },
      ],
    ];
    for (const [what, holidays, details] of refusals) {
      const refused = await put(admin, { schoolYear: '2026-2027', holidays });
      expect(refused.statusCode, what).toBe(422);
      expect(refused.json().error, what).toMatchObject({ code: 'rule_violated', details });
    }
    const tooMany = Array.from({ length: 21 }, (_, i) => ({
      name: `Dag ${i + 1}`,
      firstDay: `2026-09-${String(i + 1).padStart(2, '0')}`,
      lastDay: `2026-09-${String(i + 1).padStart(2, '0')}`,
    }));
    expect((await put(admin, { schoolYear: '2026-2027', holidays: tooMany })).statusCode).toBe(400);
    for (const schoolYear of ['2026-2028', '2026/2027', '26-27']) {
      expect((await put(admin, { schoolYear, holidays: [] })).statusCode, schoolYear).toBe(400);
      expect((await admin.get(`/api/swv/school-holidays?schoolYear=${schoolYear}`)).statusCode).toBe(400);
    }
    expect((await put(consultant, { schoolYear: '2026-2027', holidays: [] })).statusCode).toBe(403);
    expect(await rowsOf()).toEqual(before);
  });

  it('gives the clock the school holidays only while the SWV skips them', async () => {
    await put(admin, { schoolYear: '2026-2027', holidays: midden2026 });
    const calendarNow = () => t.database.db.transaction((tx) => workingCalendarOf(tx, swvId));
    expect((await calendarNow()).calendar.schoolHolidays).toEqual([]);
    await admin.patch('/api/swv', { skipSchoolHolidays: true });
    const { calendar } = await calendarNow();
    expect(calendar.schoolHolidays).toHaveLength(6);
    // Complete on the Friday before the autumn holiday: ten working days run from 26 October.
    expect(addWorkingDays('2026-10-16', 10, calendar)).toBe('2026-11-06');
    expect(addWorkingDays('2026-10-16', 10, { schoolHolidays: [] })).toBe('2026-10-30');
    expect(await eventsOf('clock_settings_changed')).toContainEqual({
      details: { skipSchoolHolidays: true },
    });
  });

  it('empties a school year with an empty list', async () => {
    const emptied = await put(admin, { schoolYear: '2027-2028', holidays: [] });
    expect(emptied.json()).toEqual({ schoolYear: '2027-2028', holidays: [], schoolYears: ['2026-2027'] });
  });
});

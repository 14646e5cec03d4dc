// The monitor through the API (docs/domain.md, "The monitor"): who reads it, the figures of a small
// SWV worked out by hand, small cells hidden on the server, one search row per query, bad input
// refused. The clock stands on 2026-11-23 (test/support/testApp.ts): school year 2026-2027.
import { sql } from 'drizzle-orm';
import readExcelFile from 'read-excel-file/node';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type Agent,
  aRequest,
  aSchool,
  aStudent,
  aSwv,
  aUser,
  signIn,
} from '../../../../test/support/factories.ts';
import { type TestApp, testApp } from '../../../../test/support/testApp.ts';
import type { MonitorView } from '../../../contracts/monitor.ts';
import { queryRows } from '../../db/client.ts';
import { monitorCallsWaiting, stopMonitorWorker } from './monitorInWorker.ts';

describe('the monitor', () => {
  let t: TestApp;
  let swvId: string;
  let policy: Agent;
  let admin: Agent;
  let ib: Agent;
  let parent: Agent;
  let bao: { id: string };
  let sbo: { id: string };
  let childAtBao: string;

  beforeAll(async () => {
    t = await testApp();
    const db = t.database.db;
    swvId = (await aSwv(db)).id;
    bao = await aSchool(db, swvId, { name: 'De Klimop' });
    sbo = await aSchool(db, swvId, { kind: 'sbo', name: 'SBO De Brug' });
    await db.execute(sql`update school set wijk = 'Zuid' where id = ${sbo.id}`);
    const ibUser = await aUser(db, swvId, [{ role: 'school_ib', schoolId: bao.id }]);
    policy = await signIn(t, await aUser(db, swvId, [{ role: 'policy' }]));
    admin = await signIn(t, await aUser(db, swvId, [{ role: 'swv_admin' }]));
    ib = await signIn(t, ibUser);
    parent = await signIn(t, await aUser(db, swvId, [{ role: 'parent' }]));
    // 20 pupils at De Klimop and 5 at the SBO, enrolled from 1 August 2026; one of De Klimop's
    // left on 30 September (not counted on 1 October), so 19 + 5 = 24 on the count date.
    const enrol = async (schoolId: string, endedOn: string | null) => {
      const child = await aStudent(db, swvId, schoolId);
      await db.execute(sql`insert into enrolment (swv_id, id, student_id, school_id, started_on, ended_on)
        values (${swvId}, ${uuidv7()}, ${child.id}, ${schoolId}, '2026-08-01', ${endedOn})`);
      return child;
    };
    const children = [];
    for (let i = 0; i < 20; i++) children.push(await enrol(bao.id, i === 0 ? '2026-09-30' : null));
    for (let i = 0; i < 5; i++) await enrol(sbo.id, null);
    childAtBao = children[1]!.id;
    // Six granted requests at De Klimop, complete 16 Nov, decided 20 Nov, deadline 30 Nov;
    // one at the SBO: a count of 1 in Zuid, hidden.
    for (let i = 0; i < 6; i++) {
      await aRequest(db, {
        swvId,
        schoolId: bao.id,
        studentId: children[i + 1]!.id,
        byUserId: ibUser.id,
        state: 'decided',
      });
    }
    await aRequest(db, { swvId, schoolId: sbo.id, studentId: null, byUserId: ibUser.id, state: 'decided' });
  });
  afterAll(() => t.close());

  it('gives policy staff the figures, small cells hidden, and logs one search row without a child', async () => {
    const before = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from access_log where swv_id = ${swvId} and object_type = 'monitor'`,
    );
    const response = await policy.get('/api/monitor?year=2026-2027');
    expect(response.statusCode).toBe(200);
    const view = response.json() as MonitorView;
    // 5 of 24 pupils in SBO: 20.8 %.
    expect(view.participation).toMatchObject({
      countDate: '2026-10-01',
      pupils: 24,
      special: 5,
      share: 20.8,
      reference: 3.5,
    });
    // 7 granted in all; per wijk Noordwest 6, Zuid 1 → Zuid hidden, and Noordwest with it.
    expect(view.requests.total).toBe(7);
    expect(view.requests.byWijk.find((w) => w.wijk === 'Zuid')!.count).toBeNull();
    expect(view.requests.byWijk.find((w) => w.wijk === 'Noordwest')!.count).toBeNull();
    // Lead time 16 → 20 November: 4 days, all 7 within the deadline.
    expect(view.leadTime.ordinary).toEqual({ decided: 7, medianDays: 4, p90Days: 4, withinDeadline: 1 });
    expect(view.trend.map((p) => p.year)).toEqual([
      '2022-2023',
      '2023-2024',
      '2024-2025',
      '2025-2026',
      '2026-2027',
    ]);
    expect(view.trend.at(-1)).toMatchObject({ requests: 7, participation: 20.8 });
    expect(view.options.wijken).toEqual(['Noordwest', 'Zuid']);
    // No names anywhere: the answer holds schools, never a child.
    expect(JSON.stringify(view)).not.toMatch(/Sanne|de Vries/);
    const rows = await queryRows<{ action: string; student_id: string | null; outcome: string }>(
      t.database.db,
      sql`select action, student_id, outcome from access_log where swv_id = ${swvId} and object_type = 'monitor'`,
    );
    expect(rows.length).toBe(before[0]!.n + 1);
    expect(rows.at(-1)).toEqual({ action: 'search', student_id: null, outcome: 'allowed' });
  });

  it("filters to a wijk: the wijk's row of the same suppressed table", async () => {
    const view = (await admin.get('/api/monitor?year=2026-2027&wijk=Zuid')).json() as MonitorView;
    expect(view.filter.wijk).toBe('Zuid');
    expect(view.requests.total).toBeNull();
    expect(view.participation.share).toBe(100);
    // Zuid's one decision: its count hidden (7 − 6 would otherwise give it away), so no lead time.
    expect(view.leadTime.ordinary).toEqual({
      decided: null,
      medianDays: null,
      p90Days: null,
      withinDeadline: null,
    });
    // Money only for the whole SWV.
    expect(view.arrangementCost.grantedCents).toBeNull();
  });

  it('exports every table as CSV and as a real XLSX with numbers typed, hidden cells empty, logged as an export', async () => {
    const csv = await policy.get('/api/monitor/export?year=2026-2027&format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="monitor-2026-2027.csv"');
    const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('figure;school_year;scope;categories;count;hidden');
    expect(lines).toContain('requests;2026-2027;swv;type=total outcome=total;7;');
    expect(lines).toContain('requests;2026-2027;wijk:Zuid;total;;verborgen');
    expect(lines).toContain('participation_share_percent;20,8');

    const xlsx = await policy.get('/api/monitor/export?year=2026-2027&format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    // Read back by a real XLSX reader: two sheets, numbers as number cells, a hidden count an empty
    // cell with "verborgen" beside it.
    const sheets = await readExcelFile(xlsx.rawPayload);
    expect(sheets.map((s) => s.sheet)).toEqual(['cijfers', 'maten']);
    const [header, ...figures] = sheets[0]!.data;
    expect(header).toEqual(['figure', 'school_year', 'scope', 'categories', 'count', 'hidden']);
    expect(
      figures.find((r) => r[0] === 'requests' && r[2] === 'swv' && r[3] === 'type=total outcome=total'),
    ).toEqual(['requests', '2026-2027', 'swv', 'type=total outcome=total', 7, null]);
    expect(figures.find((r) => r[0] === 'requests' && r[2] === 'wijk:Zuid')).toEqual([
      'requests',
      '2026-2027',
      'wijk:Zuid',
      'total',
      null,
      'verborgen',
    ]);
    const measures = sheets[1]!.data;
    expect(measures[0]).toEqual(['measure', 'value']);
    expect(measures.find((r) => r[0] === 'participation_share_percent')).toEqual([
      'participation_share_percent',
      20.8,
    ]);
    const rows = await queryRows<{ action: string }>(
      t.database.db,
      sql`select action from access_log where swv_id = ${swvId} and object_type = 'monitor' order by seq desc limit 2`,
    );
    expect(rows.map((r) => r.action)).toEqual(['export', 'export']);
    expect((await policy.get('/api/monitor/export?format=pdf')).statusCode).toBe(400);
  });

  it('refuses the school and the parent', async () => {
    expect((await ib.get('/api/monitor')).statusCode).toBe(403);
    expect((await parent.get('/api/monitor')).statusCode).toBe(403);
  });

  it('refuses bad input in the one error shape', async () => {
    for (const url of [
      '/api/monitor?year=2026-2028',
      '/api/monitor?year=26-27',
      '/api/monitor?kind=castle',
      '/api/monitor?wijk=Atlantis',
      '/api/monitor?requestType=nope',
      '/api/monitor?requestType=DROP%20TABLE',
      '/api/monitor?colour=red',
    ]) {
      const response = await policy.get(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.json().error.code).toMatch(/bad_request|validation_failed/);
    }
  });

  it('counts the figures off the server’s thread: a child’s file is read meanwhile', async () => {
    await stopMonitorWorker(); // the next call starts a new worker: the count is under way for a while
    const monitor = policy.get('/api/monitor?year=2026-2027');
    await vi.waitFor(() => expect(monitorCallsWaiting()).toBe(1), { timeout: 15_000, interval: 5 });
    expect((await ib.get(`/api/students/${childAtBao}`)).statusCode).toBe(200);
    expect(monitorCallsWaiting()).toBe(1);
    expect((await monitor).statusCode).toBe(200);
  });

  it('answers an internal error in the one error shape when the worker stops mid-count, and counts the next', async () => {
    await stopMonitorWorker();
    const monitor = policy.get('/api/monitor?year=2026-2027');
    await vi.waitFor(() => expect(monitorCallsWaiting()).toBe(1), { timeout: 15_000, interval: 5 });
    await stopMonitorWorker();
    const stopped = await monitor;
    expect(stopped.statusCode).toBe(500);
    expect(stopped.json()).toEqual({
      error: { code: 'internal', message: 'Something went wrong on our side' },
    });
    const next = await policy.get('/api/monitor?year=2026-2027');
    expect(next.statusCode).toBe(200);
    expect((next.json() as MonitorView).participation.pupils).toBe(24);
  });
});

describe('the monitor’s municipalities, OPDC, moves, waiting lists and satisfaction', () => {
  // A VO SWV (it has an OPDC): college A in Stad/Noord, the OPDC in Stad/Zuid, college E in Dorp/West.
  let t: TestApp;
  let swvId: string;
  let policy: Agent;
  let admin: Agent;
  let committee: Agent;
  let a: { id: string };
  let opdc: { id: string };
  let e: { id: string };
  let userId: string;

  beforeAll(async () => {
    t = await testApp();
    const db = t.database.db;
    swvId = (await aSwv(db, { sector: 'VO' })).id;
    a = await aSchool(db, swvId, { kind: 'vo', name: 'College A' });
    opdc = await aSchool(db, swvId, { kind: 'opdc', name: 'OPDC Zuid' });
    e = await aSchool(db, swvId, { kind: 'vo', name: 'College E' });
    await db.execute(sql`update school set municipality = 'Stad', wijk = 'Noord' where id = ${a.id}`);
    await db.execute(sql`update school set municipality = 'Stad', wijk = 'Zuid' where id = ${opdc.id}`);
    await db.execute(sql`update school set municipality = 'Dorp', wijk = 'West' where id = ${e.id}`);
    const ibUser = await aUser(db, swvId, [{ role: 'school_ib', schoolId: a.id }]);
    userId = ibUser.id;
    policy = await signIn(t, await aUser(db, swvId, [{ role: 'policy' }]));
    admin = await signIn(t, await aUser(db, swvId, [{ role: 'swv_admin' }]));
    committee = await signIn(t, await aUser(db, swvId, [{ role: 'committee' }]));
    const child = async (schoolId: string) => (await aStudent(db, swvId, schoolId)).id;
    // Six OPDC placements asked by College A, from 1 December 2026, due back 1 March 2027 (not yet).
    for (let i = 0; i < 6; i++) {
      const id = await aRequest(db, {
        swvId,
        schoolId: a.id,
        studentId: await child(a.id),
        byUserId: userId,
        state: 'decided',
        code: 'opdc_placement',
      });
      await db.execute(sql`update support_request set planned_return_on = '2027-03-01' where id = ${id}`);
    }
    const move = async (over: {
      from: string;
      to: string;
      moveKind: string;
      movesOn: string;
      handedOverOn?: string | null;
      riskFlags?: string[];
      decidedOn?: string | null;
    }) => {
      const flags = sql.raw(`'{${(over.riskFlags ?? []).join(',')}}'::text[]`);
      const decided = over.decidedOn ?? null;
      await db.execute(sql`insert into transition (swv_id, id, student_id, direction, move_kind, from_school_id,
          to_school_id, registered_on, moves_on, handed_over_on, risk_flags, decided_on, outcome, started_on,
          created_at, updated_at)
        values (${swvId}, ${uuidv7()}, ${await child(over.from)}, 'within', ${over.moveKind}, ${over.from}, ${over.to},
          '2026-08-20', ${over.movesOn}, ${over.handedOverOn ?? null}, ${flags}, ${decided},
          ${decided ? 'placed' : null}, ${decided ? over.movesOn : null}, now(), now())`);
    };
    // Six back from the OPDC to College A, placed from 1 October; seven from A to E handed over
    // with a risk flag, not yet decided (open risks); five from E to A not yet handed over.
    for (let i = 0; i < 6; i++)
      await move({
        from: opdc.id,
        to: a.id,
        moveKind: 'to_regular',
        movesOn: '2026-10-01',
        handedOverOn: '2026-09-01',
        decidedOn: '2026-09-15',
      });
    for (let i = 0; i < 7; i++)
      await move({
        from: a.id,
        to: e.id,
        moveKind: 'between_schools',
        movesOn: '2026-12-01',
        handedOverOn: '2026-11-01',
        riskFlags: ['level_4'],
      });
    for (let i = 0; i < 5; i++)
      await move({ from: e.id, to: a.id, moveKind: 'between_schools', movesOn: '2027-01-04' });
    const wait = async (schoolId: string, since: string, endedOn: string | null) =>
      db.execute(sql`insert into waiting_entry (swv_id, id, student_id, school_id, category, since, ended_on,
          ending, created_by_user_id, created_at, updated_at)
        values (${swvId}, ${uuidv7()}, ${await child(schoolId)}, ${opdc.id}, 'none', ${since}, ${endedOn},
          ${endedOn ? 'placed' : null}, ${userId}, now(), now())`);
    // On 1 October 2026: five from College A waiting since 15 August (1–3 months), two from
    // College E since 20 September (under a month). Five placed in September after 31, 36, 41,
    // 46 and 51 days: median 41.
    for (let i = 0; i < 5; i++) await wait(a.id, '2026-08-15', null);
    for (let i = 0; i < 2; i++) await wait(e.id, '2026-09-20', null);
    for (const ended of ['2026-09-01', '2026-09-06', '2026-09-11', '2026-09-16', '2026-09-21'])
      await wait(a.id, '2026-08-01', ended);
    // Satisfaction at College A: six parents (4, 4, 5, 3, 5, 3 → 4.0), five pupils (5, 4, 4, 3, 4 → 4.0).
    const answer = (respondent: string, overall: number) =>
      db.execute(sql`insert into survey_response (swv_id, id, school_id, request_type_code, occasion, respondent,
          school_year, month, overall)
        values (${swvId}, ${uuidv7()}, ${a.id}, 'arrangement', 'request_decided', ${respondent}, '2026-2027',
          '2026-11', ${overall})`);
    for (const n of [4, 4, 5, 3, 5, 3]) await answer('parent', n);
    for (const n of [5, 4, 4, 3, 4]) await answer('pupil', n);
  });
  afterAll(() => t.close());

  const cell = (figure: MonitorView['requests'], nodes: string[]) =>
    figure.cells.find((c) => c.nodes.every((n, i) => n === nodes[i]))!.count;

  it('counts OPDC placements, returns, moves with open risks, waits and both groups’ satisfaction', async () => {
    const view = (await policy.get('/api/monitor?year=2026-2027')).json() as MonitorView;
    expect(view.opdc.offered).toBe(true);
    // Started 1 December, due back 1 March: still placed on 23 November… and not overdue.
    expect(cell(view.opdc.placements, ['placed'])).toBe(6);
    expect(cell(view.opdc.placements, ['return_overdue'])).toBe(0);
    // Six back from the OPDC, counted at the OPDC they left.
    expect(cell(view.returns, ['opdc'])).toBe(6);
    expect(view.returns.bySchool.find((s) => s.schoolId === opdc.id)!.count).toBe(6);
    // Seven open with risks, five not yet handed over, six placed (the returns) without risks.
    expect(cell(view.transitions, ['with_risks', 'open'])).toBe(7);
    expect(cell(view.transitions, ['not_handed_over', 'open'])).toBe(5);
    expect(cell(view.transitions, ['without_risks', 'placed'])).toBe(6);
    expect(view.transitions.total).toBe(18);
    expect(view.trend.at(-1)).toMatchObject({ openRisks: 7, returns: 6, waiting: 7 });
    // Waiting on 1 October: seven for the OPDC; E's two under a month are hidden, A's five with them.
    expect(view.waiting.countDate).toBe('2026-10-01');
    expect(cell(view.waiting.onCountDate, ['opdc', '*'])).toBe(7);
    expect(cell(view.waiting.onCountDate, ['opdc', 'under_one_month'])).toBeNull();
    expect(cell(view.waiting.onCountDate, ['opdc', 'one_to_three_months'])).toBeNull();
    expect(view.waiting.placed).toEqual({ count: 5, medianDays: 41 });
    expect(cell(view.satisfactionByRespondent.answers, ['*'])).toBe(11);
    expect(view.satisfactionByRespondent.means).toEqual([
      { respondent: 'parent', overallMean: 4 },
      { respondent: 'pupil', overallMean: 4 },
    ]);
    expect(view.options.municipalities).toEqual(['Dorp', 'Stad']);
  });

  it('filters to a municipality: its row of the same suppressed tables, kept in the export’s name', async () => {
    const view = (await committee.get('/api/monitor?year=2026-2027&municipality=Stad')).json() as MonitorView;
    expect(view.filter.municipality).toBe('Stad');
    // Money only for the whole SWV: an outside probe got a municipality's amount, and the whole
    // SWV's minus it gave the other municipalities' arrangements away.
    const whole = (await committee.get('/api/monitor?year=2026-2027')).json() as MonitorView;
    expect(whole.arrangementCost.grantedCents).not.toBeNull();
    expect(view.arrangementCost.grantedCents).toBeNull();
    // Stad's waits: A's five (E's two are Dorp's); hidden, since 7 − 5 would give Dorp's two away.
    expect(view.waiting.onCountDate.total).toBeNull();
    expect(view.returns.total).toBe(6);
    expect(view.returns.byWijk.map((w) => w.wijk)).toEqual(['Noord', 'West', 'Zuid', 'none']);
    expect(view.returns.byWijk.find((w) => w.wijk === 'West')!.count).toBe(0);
    const csv = await policy.get('/api/monitor/export?year=2026-2027&municipality=Stad&format=csv');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="monitor-2026-2027-Stad.csv"');
    expect(csv.body).toContain('returns_to_regular;2026-2027;municipality:Stad;origin=opdc;6;');
    expect(csv.body).toContain('waiting;2026-2027;municipality:Stad;place=total wait=total;;verborgen');
    expect(csv.body).toContain('satisfaction_pupil_overall_mean;4');
    for (const url of [
      '/api/monitor?municipality=Atlantis',
      '/api/monitor?municipality=',
      `/api/monitor?municipality=${'x'.repeat(101)}`,
    ]) {
      const response = await policy.get(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.json().error.code).toMatch(/bad_request|validation_failed/);
    }
  });

  it('lets the administrator set the participation reference, on record, and refuses bad values changing nothing', async () => {
    const reference = async () =>
      ((await policy.get('/api/monitor?year=2026-2027')).json() as MonitorView).participation.reference;
    expect(await reference()).toBe(3.5);
    const events = async () =>
      queryRows<{ details: unknown }>(
        t.database.db,
        sql`select details from admin_event where swv_id = ${swvId} and kind = 'participation_reference_changed' order by at`,
      );
    for (const bad of [-0.1, 100.1, 3.25, '3.5', null, Number.NaN]) {
      const response = await admin.request('PUT', '/api/swv/participation-reference', {
        participationReference: bad,
      });
      expect(response.statusCode, String(bad)).toBe(400);
      expect(response.json().error.code).toBe('validation_failed');
    }
    const extra = await admin.request('PUT', '/api/swv/participation-reference', {
      participationReference: 3,
      colour: 1,
    });
    expect(extra.statusCode).toBe(400);
    expect(await events()).toEqual([]);
    const set = await admin.request('PUT', '/api/swv/participation-reference', {
      participationReference: 3.2,
    });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({ participationReference: 3.2 });
    // The same again records nothing; 0 and 100 are the bounds.
    await admin.request('PUT', '/api/swv/participation-reference', { participationReference: 3.2 });
    expect(await events()).toEqual([{ details: { from: 3.5, to: 3.2 } }]);
    expect(await reference()).toBe(3.2);
    expect((await admin.get('/api/swv')).json().participationReference).toBe(3.2);
    for (const bound of [0, 100]) {
      expect(
        (await admin.request('PUT', '/api/swv/participation-reference', { participationReference: bound }))
          .statusCode,
      ).toBe(200);
    }
    expect(await reference()).toBe(100);
    expect(
      (await policy.request('PUT', '/api/swv/participation-reference', { participationReference: 4 }))
        .statusCode,
    ).toBe(403);
    expect(await reference()).toBe(100);
  });
});

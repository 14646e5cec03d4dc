// The monitor through the API (docs/domain.md, "The monitor"): who reads it, the figures of a small
// SWV worked out by hand, small cells hidden on the server, one search row per query, bad input
// refused. The clock stands on 2026-11-23 (test/support/testApp.ts): school year 2026-2027.
import { sql } from 'drizzle-orm';
import readExcelFile from 'read-excel-file/node';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('the monitor', () => {
  let t: TestApp;
  let swvId: string;
  let policy: Agent;
  let admin: Agent;
  let ib: Agent;
  let parent: Agent;
  let bao: { id: string };
  let sbo: { id: string };

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
});

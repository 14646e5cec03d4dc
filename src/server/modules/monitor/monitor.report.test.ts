// The yearly report (tagged PDF) and the public-accountability dataset (CSV, XLSX) through the API
// (docs/domain.md, "The monitor"): the figures of a small SWV worked out by hand, hidden cells
// hidden exactly as the monitor hides them, one export row in the access log per download, bad
// input refused in the one error shape, roles without the monitor refused. The clock stands on
// 2026-11-23 (test/support/testApp.ts): school year 2026-2027.
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
import { pdfText } from '../../../../test/support/pdfText.ts';
import { type TestApp, testApp } from '../../../../test/support/testApp.ts';
import type { MonitorView } from '../../../contracts/monitor.ts';
import { queryRows } from '../../db/client.ts';

describe('the yearly report and the accountability dataset', () => {
  let t: TestApp;
  let swvId: string;
  let policy: Agent;
  let committee: Agent;
  let ib: Agent;
  let consultant: Agent;

  const exportRows = () =>
    queryRows<{ action: string; student_id: string | null; outcome: string }>(
      t.database.db,
      sql`select action, student_id, outcome from access_log
          where swv_id = ${swvId} and object_type = 'monitor' order by seq`,
    );

  beforeAll(async () => {
    t = await testApp();
    const db = t.database.db;
    swvId = (await aSwv(db, { name: 'SWV De Vallei' })).id;
    const bao = await aSchool(db, swvId, { name: 'De Klimop' });
    const sbo = await aSchool(db, swvId, { kind: 'sbo', name: 'SBO De Brug' });
    await db.execute(sql`update school set wijk = 'Zuid' where id = ${sbo.id}`);
    const ibUser = await aUser(db, swvId, [{ role: 'school_ib', schoolId: bao.id }]);
    policy = await signIn(t, await aUser(db, swvId, [{ role: 'policy' }]));
    committee = await signIn(t, await aUser(db, swvId, [{ role: 'committee' }]));
    consultant = await signIn(t, await aUser(db, swvId, [{ role: 'consultant' }]));
    ib = await signIn(t, ibUser);
    // 20 pupils at De Klimop (one left on 30 September) and 5 at the SBO: 19 + 5 = 24 on 1 October,
    // 5 of 24 in special education = 20.8 %.
    const children = [];
    for (const [schoolId, count] of [
      [bao.id, 20],
      [sbo.id, 5],
    ] as const) {
      for (let i = 0; i < count; i++) {
        const child = await aStudent(db, swvId, schoolId);
        const left = schoolId === bao.id && i === 0 ? '2026-09-30' : null;
        await db.execute(sql`insert into enrolment (swv_id, id, student_id, school_id, started_on, ended_on)
          values (${swvId}, ${uuidv7()}, ${child.id}, ${schoolId}, '2026-08-01', ${left})`);
        children.push(child);
      }
    }
    // Six granted requests at De Klimop (wijk Noordwest), one at the SBO (Zuid): 7 in all, complete
    // 16 November and decided 20 November (4 days, within the deadline). Zuid's 1 is hidden, and
    // Noordwest's 6 with it (7 − 6 would give it away).
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

  it('writes the yearly report as a tagged Dutch PDF with the figures, charts as Figures, hidden cells hidden', async () => {
    const before = (await exportRows()).length;
    const response = await policy.get('/api/monitor/report?year=2026-2027');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="jaarverslag-passend-onderwijs-2026-2027.pdf"',
    );
    expect(response.headers['cache-control']).toBe('no-store');
    const pdf = response.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    // Tagged: a structure tree, marked, in Dutch, its title shown instead of the file name.
    expect(raw).toContain('/StructTreeRoot');
    expect(raw).toMatch(/\/Marked true/);
    expect(raw).toMatch(/\/Lang \(nl-NL\)/);
    expect(raw).toMatch(/\/DisplayDocTitle true/);
    expect(raw).toMatch(/\/Title \d+ 0 R/);
    expect(raw).toContain('(Jaarverslag passend onderwijs 2026-2027)');
    // Charts are Figures with their alternative text; tables are Tables with header cells.
    const figures = [...raw.matchAll(/\/S \/Figure[\s\S]*?\/Alt \(([^)]*)\)/g)].map((m) => m[1]!);
    expect(figures.length).toBeGreaterThanOrEqual(6);
    expect(figures.join('\n')).toContain(
      'Lijngrafiek. Deelname aan SBO, SO en VSO per schooljaar: 2022-2023: geen cijfer; 2023-2024: geen cijfer; 2024-2025: geen cijfer; 2025-2026: geen cijfer; 2026-2027: 20,8%. Stippellijn: referentie 3,5%.',
    );
    // Headings: the title, a section per subject, and each chart's and table's caption below it.
    for (const tag of ['/S /H1', '/S /H2', '/S /H3', '/S /L']) expect(raw).toContain(tag);
    expect(raw).toContain('/S /Table');
    expect(raw).toContain('/S /TH');
    expect(raw).toContain('/S /TD');

    const text = pdfText(pdf).replace(/\s*\n\s*/g, ' ');
    expect(text).toContain('Jaarverslag passend onderwijs 2026-2027');
    expect(text).toContain('Samenwerkingsverband: SWV De Vallei');
    // The figures worked out by hand.
    expect(text).toContain(
      'Op 1 oktober 2026 ging 20,8% van de leerlingen naar het SBO, SO of VSO (referentie 3,5%).',
    );
    expect(text).toContain('Aanvragen besloten of ingetrokken: 7.');
    expect(text).toContain('binnen 4 dagen een besluit; 100% binnen de termijn');
    // A table row: crisis placements none; the ordinary ones 7, median 4, p90 4, 100 %.
    expect(text).toMatch(/Gewone aanvragen 7 4 4 100%/);
    // Returns, moves and waiting lists have their section; with no waits, nothing to show.
    expect(text).toContain('Terugkeer, overstappen en wachtlijsten');
    expect(text).toContain('Op een wachtlijst op 1 oktober 2026, per plek en wachttijd');
    expect(text).toContain(
      'Wachttijd van wie vanaf de wachtlijst een plek kreeg: te weinig kinderen om te tonen.',
    );
    // Per wijk: both hidden, as the monitor hides them; never the 1 or the 6.
    const view = (await policy.get('/api/monitor?year=2026-2027')).json() as MonitorView;
    expect(view.requests.byWijk.map((w) => w.count)).toEqual([null, null, 0]);
    expect(figures.join('\n')).toContain(
      'Staafgrafiek. Aanvragen in 2026-2027 per wijk: Noordwest: verborgen; Zuid: verborgen.',
    );
    expect(text).toContain('Noordwest verborgen');
    // One export row for the report, without a child.
    const rows = await exportRows();
    expect(rows.length).toBe(before + 2);
    expect(rows[before]).toEqual({ action: 'export', student_id: null, outcome: 'allowed' });
  });

  it('writes the dataset as a tidy CSV: indicator, label, year, breakdown, value, unit, hidden, count date', async () => {
    const response = await committee.get('/api/monitor/dataset?year=2026-2027&format=csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="verantwoording-passend-onderwijs-2026-2027.csv"',
    );
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      'indicator;omschrijving;schooljaar;uitsplitsing;waarde;eenheid;verborgen;peildatum',
    );
    expect(lines).toContain(
      'leerlingen;Leerlingen van de scholen van het samenwerkingsverband op de teldatum;2026-2027;totaal;24;aantal;nee;2026-10-01',
    );
    expect(lines).toContain(
      'deelname_sbo_so_vso;Leerlingen in SBO, SO en VSO als deel van alle leerlingen;2026-2027;totaal;20,8;procent;nee;2026-10-01',
    );
    expect(lines).toContain(
      'aanvragen;Aanvragen besloten of ingetrokken in het schooljaar;2026-2027;totaal;7;aantal;nee;',
    );
    expect(lines).toContain(
      'aanvragen;Aanvragen besloten of ingetrokken in het schooljaar;2026-2027;Wijk: Zuid;;aantal;ja;',
    );
    expect(lines).toContain(
      'aanvragen;Aanvragen besloten of ingetrokken in het schooljaar;2026-2027;Wijk: Noordwest;;aantal;ja;',
    );
    expect(lines).toContain(
      'doorlooptijd_mediaan;Doorlooptijd van een complete aanvraag tot het besluit;2026-2027;Gewone aanvragen;4;dagen;nee;',
    );
    expect(lines).toContain(
      'binnen_termijn;Besluiten binnen de wettelijke termijn;2026-2027;Gewone aanvragen;100;procent;nee;',
    );
    // The earlier years from the trend, under the same codes.
    expect(lines).toContain(
      'aanvragen;Aanvragen besloten of ingetrokken in het schooljaar;2022-2023;totaal;0;aantal;nee;',
    );
    // Every hidden value is empty and flagged; every shown one is a number.
    for (const line of lines.slice(1)) {
      const cells = line.split(';');
      const value = cells.at(-4)!;
      const hidden = cells.at(-2)!;
      expect(hidden === 'ja' ? value === '' : /^-?\d+(,\d+)?$/.test(value), line).toBe(true);
    }
    // The dataset holds exactly the monitor's counts: each of its figure cells, nothing else.
    const view = (await committee.get('/api/monitor?year=2026-2027')).json() as MonitorView;
    const totals = lines.filter((l) => /;2026-2027;totaal;/.test(l) && l.endsWith(';aantal;nee;'));
    expect(totals.map((l) => l.split(';')[0])).toEqual(
      expect.arrayContaining(['aanvragen', 'tlv', 'thuiszitters', 'bezwaren', 'klachten']),
    );
    expect(totals.find((l) => l.startsWith('aanvragen;'))).toContain(`;${view.requests.total};`);
  });

  it('writes the same dataset as a workbook with typed cells: numbers, booleans and dates', async () => {
    const response = await policy.get('/api/monitor/dataset?year=2026-2027&format=xlsx');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const sheets = await readExcelFile(response.rawPayload);
    expect(sheets.map((s) => s.sheet)).toEqual(['verantwoording']);
    const [header, ...rows] = sheets[0]!.data;
    expect(header).toEqual([
      'indicator',
      'omschrijving',
      'schooljaar',
      'uitsplitsing',
      'waarde',
      'eenheid',
      'verborgen',
      'peildatum',
    ]);
    const find = (indicator: string, breakdown: string, year = '2026-2027') =>
      rows.find((r) => r[0] === indicator && r[2] === year && r[3] === breakdown);
    const pupils = find('leerlingen', 'totaal')!;
    expect(pupils[4]).toBe(24);
    expect(pupils[6]).toBe(false);
    expect(pupils[7]).toBeInstanceOf(Date);
    expect((pupils[7] as unknown as Date).toISOString().slice(0, 10)).toBe('2026-10-01');
    expect(find('deelname_sbo_so_vso', 'totaal')![4]).toBe(20.8);
    const zuid = find('aanvragen', 'Wijk: Zuid')!;
    expect(zuid[4]).toBeNull();
    expect(zuid[6]).toBe(true);
  });

  it('refuses a bad year or format in the one error shape, and roles without the monitor', async () => {
    for (const url of [
      '/api/monitor/report?year=2026-2028',
      '/api/monitor/report?year=26-27',
      '/api/monitor/report?year=1999-2000',
      '/api/monitor/report?wijk=Zuid',
      '/api/monitor/dataset?year=2026-2027',
      '/api/monitor/dataset?year=2026-2027&format=pdf',
      '/api/monitor/dataset?year=20262027&format=csv',
    ]) {
      const response = await policy.get(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.json().error.code, url).toBe('validation_failed');
    }
    for (const agent of [ib, consultant]) {
      const report = await agent.get('/api/monitor/report?year=2026-2027');
      expect(report.statusCode).toBe(403);
      expect(report.json().error.code).toBe('forbidden');
      expect((await agent.get('/api/monitor/dataset?year=2026-2027&format=xlsx')).statusCode).toBe(403);
    }
  });
});
